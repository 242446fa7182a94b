import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { builtSchema, lazySchema } from '../../shared/schemas/lazy-schema.ts';
import * as z from '../../shared/schemas/zod.ts';

/**
 * Issue 17: schemas are built on a route's first use, not at a function's cold start. What a user of a
 * schema sees must not change: the same answers and error details, the same types, the same OpenAPI
 * components (test/unit/openapi-document.test.ts holds the whole document).
 */
const ids = () => [...z.globalRegistry._idmap.keys()];

describe('a function importing its routes (issue 17)', () => {
  it('builds none of their schemas until a request uses one, then only that route’s', async () => {
    // Arrange: nothing in this file has touched the providers schemas yet.
    const { PROVIDERS_ROUTE } = await import('../../shared/definitions/routes/providers.ts');
    expect(ids()).not.toContain('CreateProvider');
    expect(ids()).not.toContain('Location');

    // Act: the first request to POST /providers validates its body.
    const parsed = PROVIDERS_ROUTE.createProvider.request.body.safeParse({ name: 'Acme Care', sector: 'nonsense' });

    // Assert
    expect(parsed.success).toBe(false);
    expect(ids()).toEqual(expect.arrayContaining(['CreateProvider']));
    expect(ids()).not.toContain('Location');
  });
});

const SCHEMAS_DIR = fileURLToPath(new URL('../../shared/schemas/', import.meta.url));

/** Top-level constants of a schema module that run a call at import, other than `lazySchema(…)`. */
function builtAtImport(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(`${SCHEMAS_DIR}${file}`, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const value = declaration.initializer;
      if (!value || ts.isArrowFunction(value) || ts.isFunctionExpression(value)) continue;
      const isLazy = ts.isCallExpression(value) && value.expression.getText(source) === 'lazySchema';
      let calls = false;
      const visit = (node: ts.Node): void => {
        if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return;
        if (ts.isCallExpression(node) || ts.isNewExpression(node)) calls = true;
        ts.forEachChild(node, visit);
      };
      visit(value);
      if (calls && !isLazy) found.push(`${file}: ${declaration.name.getText(source)}`);
    }
  }
  return found;
}

describe('the schema modules (issue 17)', () => {
  it.each(readdirSync(SCHEMAS_DIR).filter((file) => file.endsWith('.ts') && file !== 'lazy-schema.ts'))(
    '%s builds nothing at import: each schema is a lazySchema',
    (file) => {
      expect(builtAtImport(file)).toEqual([]);
    },
  );
});

describe('lazySchema', () => {
  const buildContact = () =>
    z.named(z.strict(z.object({ name: z.string().check(z.minLength(1)), email: z.email() })), 'LazyContact');

  it('builds once, on first use', () => {
    let builds = 0;
    const Schema = lazySchema(() => {
      builds += 1;
      return z.string().check(z.minLength(2));
    });
    expect(builds).toBe(0);

    Schema.safeParse('a');
    Schema.parse('ab');

    expect(builds).toBe(1);
  });

  it.each([
    [{ name: '', email: 'not an email' }],
    [{ name: 'Ada', email: 'ada@example.org', extra: true }],
    [{ name: 7 }],
    ['not an object'],
    [{ name: 'Ada', email: 'ada@example.org' }],
  ])('answers %j exactly as the schema built at import would', (input) => {
    const eager = z.strictObject({ name: z.string().check(z.minLength(1)), email: z.email() });
    const lazy = lazySchema(() => z.strictObject({ name: z.string().check(z.minLength(1)), email: z.email() }));

    expect(lazy.safeParse(input)).toEqual(eager.safeParse(input));
  });

  it('holds, inside a schema built from it, the built schema, so its id makes it a reference', () => {
    const Contact = lazySchema(buildContact);
    const Provider = lazySchema(() => z.object({ contacts: z.array(Contact), main: z.optional(Contact) }));

    const built = builtSchema(Provider);

    expect(built.shape.contacts.def.element).toBe(builtSchema(Contact));
    expect(z.toJSONSchema(built)).toMatchObject({
      properties: { contacts: { items: { $ref: '#/$defs/LazyContact' } }, main: { $ref: '#/$defs/LazyContact' } },
      $defs: { LazyContact: { type: 'object', required: ['name', 'email'] } },
    });
  });

  it('keeps the types inferred from the schema', () => {
    const Lazy = lazySchema(() => z.object({ count: z.number().check(z.int()), note: z.optional(z.string()) }));

    expectTypeOf<z.infer<typeof Lazy>>().toEqualTypeOf<{ count: number; note?: string | undefined }>();
    expect(Lazy instanceof z.ZodMiniObject).toBe(true);
  });

  it('stands for the schema another stand-in names (an alias)', () => {
    const Query = lazySchema(() => z.object({ limit: z._default(z.coerce.number(), 25) }));
    const Alias = lazySchema(() => Query);

    expect(builtSchema(Alias)).toBe(builtSchema(Query));
    expect(Alias.parse({})).toEqual({ limit: 25 });
  });
});
