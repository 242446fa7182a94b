import SwaggerParser from '@apidevtools/swagger-parser';
import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { openApiDocument, pathParameterNames } from '../../shared/definitions/openapi.ts';
import { ROUTE, ROUTES, type RouteDefinition } from '../../shared/definitions/routes.ts';
import * as z from '../../shared/schemas/zod.ts';

/**
 * The OpenAPI document as the tools API consumers use read it (issue 18): Redocly's linter with its
 * recommended rules finds no error, every route of the table is an operation built the same way,
 * and every schema is one component referred to as #/components/schemas/Name.
 */
type Json = Record<string, unknown>;
interface Operation {
  operationId: string;
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { content?: Record<string, { schema: Json }>; headers?: Json }>;
}

const COMPONENTS = '#/components/schemas/';
const document = openApiDocument();
const schemas = document.components.schemas;
const operationOf = (doc: ReturnType<typeof openApiDocument>, route: Pick<RouteDefinition, 'method' | 'path'>) =>
  doc.paths[route.path]?.[route.method.toLowerCase()] as Operation;

async function lint(doc: unknown): Promise<NormalizedProblem[]> {
  const config = await createConfig({ extends: ['recommended'] });
  return lintFromString({ source: JSON.stringify(doc), absoluteRef: '/openapi.json', config });
}
const describeProblem = (problem: NormalizedProblem) =>
  `${problem.severity} ${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer}`;

/** Every $ref in a JSON value. */
function refsIn(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') into.push(inner);
      else refsIn(inner, into);
    }
  }
  return into;
}

/**
 * Warnings of the recommended rules that this document keeps on purpose, each with its reason.
 * Anything else the linter says fails the test.
 */
const ACCEPTED_WARNINGS: Readonly<Record<string, readonly string[]>> = {
  // The local stack (npm start) is one of the servers the issue asks for, and it is on localhost.
  'no-server-example.com': ['#/servers/'],
  // Pages post, redirect, get: a form post's success is a 303 to the confirmation, never a 2xx. The
  // workspace's sign-in and OAuth callback are redirects by nature (to the identity provider, then back).
  'operation-2xx-response': [
    '/post/responses',
    '/paths/~1workspace~1sign-in/get/responses',
    '/paths/~1workspace~1auth~1callback/get/responses',
  ],
  // The service has no published licence to name.
  'info-license': ['#/info'],
};

describe("Redocly's recommended lint", () => {
  it('finds no error, and no warning but the ones kept on purpose', async () => {
    const problems = await lint(document);

    const unexpected = problems.filter((problem) => {
      const accepted = problem.ruleId ? ACCEPTED_WARNINGS[problem.ruleId] : undefined;
      return !(
        problem.severity === 'warn' && accepted?.some((pointer) => problem.location[0]?.pointer?.includes(pointer))
      );
    });
    expect(unexpected.map(describeProblem)).toEqual([]);
  });

  it('still finds the problems the old document had (so the check above is not vacuous)', async () => {
    const broken = structuredClone(document) as unknown as Json & { paths: Record<string, Record<string, Json>> };
    const operation = broken.paths['/providers/{providerId}']?.get as unknown as Operation;
    operation.parameters = [];
    const ok = operation.responses['200'] as { content: Record<string, { schema: Json }> };
    ok.content['application/json'] = { schema: { $ref: '#/$defs/Provider' } };

    const rules = (await lint(broken)).filter((problem) => problem.severity === 'error').map((p) => p.ruleId);

    expect(rules).toEqual(expect.arrayContaining(['no-unresolved-refs', 'path-parameters-defined']));
  });
});

describe("swagger-parser's validation", () => {
  it('finds the document valid OpenAPI 3.1, every reference resolved', async () => {
    // It dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('refuses a reference to #/$defs, as the old document had everywhere', async () => {
    const broken = structuredClone(document) as unknown as { paths: Record<string, Record<string, Operation>> };
    const operation = broken.paths['/health']?.get;
    if (operation)
      operation.responses['200'] = { content: { 'application/json': { schema: { $ref: '#/$defs/Health' } } } };

    await expect(SwaggerParser.validate(broken as never)).rejects.toThrow(/\$defs\/Health/);
  });
});

describe('schemas', () => {
  it('every $ref points at a schema in components/schemas, and there is no $defs anywhere', () => {
    const refs = refsIn(document);

    expect(refs.length).toBeGreaterThan(50);
    for (const ref of refs) {
      expect(ref.startsWith(COMPONENTS), ref).toBe(true);
      expect(schemas, ref).toHaveProperty([ref.slice(COMPONENTS.length)]);
    }
    expect(JSON.stringify(document)).not.toContain('$defs');
  });

  it('keeps each named schema once, under its id, referred to wherever it is used', () => {
    const meeting = operationOf(document, ROUTE.bookMeeting).responses['200']?.content?.['application/json'];
    const page = schemas.MeetingPage as { properties: { items: { items: Json } } };

    expect(meeting?.schema).toEqual({ $ref: `${COMPONENTS}Meeting` });
    expect(page.properties.items.items).toEqual({ $ref: `${COMPONENTS}Meeting` });
    expect(JSON.stringify(schemas)).not.toContain('"$id"');
  });

  it('answers GET /meetings/{meetingId} as a Meeting plus currentHolder, the add-only field of R-REL-2', () => {
    const read = operationOf(document, ROUTE.getMeeting).responses['200']?.content?.['application/json'];
    const asRead = schemas.MeetingAsRead as { properties: Record<string, Json>; required: string[] };
    const stored = schemas.Meeting as { properties: Record<string, Json> };

    expect(read?.schema).toEqual({ $ref: `${COMPONENTS}MeetingAsRead` });
    expect(Object.keys(asRead.properties)).toEqual([...Object.keys(stored.properties), 'currentHolder']);
    expect(asRead.properties.currentHolder).toEqual({ $ref: `${COMPONENTS}CurrentHolder` });
    expect(asRead.required).toContain('currentHolder');
  });

  it('has no component that nothing refers to', () => {
    const used = new Set(refsIn({ paths: document.paths, schemas }).map((ref) => ref.slice(COMPONENTS.length)));

    expect(Object.keys(schemas).filter((name) => !used.has(name))).toEqual([]);
  });
});

describe.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))('%s', (_label, route) => {
  const operation = operationOf(document, route);
  const mediaType = route.mediaType ?? 'application/json';

  it('is an operation with its operationId, summary and tag', () => {
    expect(operation).toMatchObject({ operationId: route.operationId, summary: route.summary });
  });

  it('declares each path parameter, required, and each query parameter its schema takes', () => {
    const inPath = operation.parameters.filter((parameter) => parameter.in === 'path');
    const inQuery = operation.parameters.filter((parameter) => parameter.in === 'query').map((p) => p.name);
    const query = route.request.query as z.ZodMiniObject | undefined;

    expect(inPath.map((parameter) => parameter.name).sort()).toEqual(pathParameterNames(route.path).sort());
    expect(inPath.every((parameter) => parameter.required)).toBe(true);
    expect(inQuery.sort()).toEqual(Object.keys(query?.shape ?? {}).sort());
    expect(operation.parameters.some((parameter) => parameter.name === 'If-Match')).toBe(
      route.request.ifMatch === true,
    );
  });

  it('takes its body as a component', () => {
    const body = operation.requestBody?.content['application/json']?.schema;
    if (route.request.body) expect(body?.$ref).toMatch(/^#\/components\/schemas\/\w+$/);
    else expect(body).toBeUndefined();
  });

  it('answers each success as the route table says, in its media type', () => {
    for (const [status, answer] of Object.entries(route.responses)) {
      const documented = operation.responses[status];
      expect(documented, status).toBeDefined();
      if (status.startsWith('3')) {
        expect(documented?.headers, status).toHaveProperty('Location');
        continue;
      }
      expect(Object.keys(documented?.content ?? {}), status).toEqual([mediaType]);
      if (answer.schema) {
        expect(documented?.content?.[mediaType]?.schema.$ref, status).toMatch(/^#\/components\/schemas\/\w+$/);
      }
      if (answer.etag) expect(documented?.headers, status).toHaveProperty('ETag');
    }
  });

  it('answers each error it can give in the one error shape (pages: as a page; the gateway: its own)', () => {
    const statuses = [...route.errors, 429, 500, ...(route.auth === 'staff' ? [400, 401, 403] : [])];
    for (const status of statuses) {
      const content = operation.responses[String(status)]?.content;
      if (status === 401 || status === 429) {
        expect(content?.['application/json']?.schema, `${status}`).toEqual({ $ref: `${COMPONENTS}GatewayError` });
      } else if (mediaType === 'application/json') {
        expect(content?.['application/json']?.schema, `${status}`).toEqual({ $ref: `${COMPONENTS}Error` });
      } else {
        expect(Object.keys(content ?? {}), `${status}`).toEqual([mediaType]);
      }
    }
    expect(Object.keys(operation.responses).some((status) => status.startsWith('4'))).toBe(true);
  });
});

describe('the provider pages (issue 12 item 22)', () => {
  it.each([ROUTE.getRespondPage, ROUTE.getContactPage])('$path answers HTML, its 404 and 410 too', (route) => {
    const { responses } = operationOf(document, route);

    for (const status of ['200', '404', '410', '500']) {
      expect(Object.keys(responses[status]?.content ?? {}), status).toEqual(['text/html']);
    }
  });

  it.each([ROUTE.submitRespondPage, ROUTE.submitContactPage])(
    'POST $path takes a url-encoded form and answers its 400 and 403 as pages',
    (route) => {
      const operation = operationOf(document, route);

      expect(Object.keys(operation.requestBody?.content ?? {})).toEqual(['application/x-www-form-urlencoded']);
      expect(Object.keys(operation.responses['400']?.content ?? {})).toEqual(['text/html']);
      expect(Object.keys(operation.responses['403']?.content ?? {})).toEqual(['text/html']);
    },
  );
});

describe('servers', () => {
  it('lists the local stack, after any server the caller names (the stage)', () => {
    const stage = { url: 'https://abc123.execute-api.eu-west-2.amazonaws.com', description: 'This stage (dev)' };

    const servers = openApiDocument({ servers: [stage] }).servers;

    expect(servers[0]).toEqual(stage);
    expect(servers[1]?.url).toBe('http://localhost:{port}');
  });
});

describe('a route another change appends to the table', () => {
  const NewThingSchema = z.object({
    name: z.string().check(z.minLength(1)),
    when: z._default(z.iso.date(), '2027-01-01'),
  });
  const NewThingViewSchema = z.extend(NewThingSchema, { thingId: z.string() });
  const appended: RouteDefinition = {
    operationId: 'createThing',
    method: 'POST',
    path: '/providers/{providerId}/things/{thingId}',
    functionId: 'providers',
    summary: 'A route that is not in the table, built as another issue would add one',
    auth: 'staff',
    roles: ['admin'],
    request: {
      path: z.object({ providerId: z.string(), thingId: z.string() }),
      query: z.object({ dryRun: z.optional(z.enum(['true', 'false'])) }),
      body: NewThingSchema,
      ifMatch: true,
    },
    responses: { 201: { description: 'Created', schema: NewThingViewSchema, etag: true } },
    errors: [404, 412, 428],
  };
  const extended = openApiDocument({ routes: [...ROUTES, appended] });

  it('lands in the document with components named after it, and the linter finds no error', async () => {
    const operation = operationOf(extended, appended);

    expect(operation.requestBody?.content['application/json']?.schema).toEqual({
      $ref: `${COMPONENTS}CreateThingRequest`,
    });
    expect(operation.responses['201']?.content?.['application/json']?.schema).toEqual({
      $ref: `${COMPONENTS}CreateThingResponse`,
    });
    expect(operation.parameters.map((parameter) => parameter.name)).toEqual([
      'providerId',
      'thingId',
      'dryRun',
      'If-Match',
    ]);
    expect((await lint(extended)).filter((problem) => problem.severity === 'error').map(describeProblem)).toEqual([]);
  });

  it('gives a named schema read differently as a request and as an answer a second component, NameInput', () => {
    const ThingSchema = z.named(z.object({ name: z.string(), size: z._default(z.number(), 1) }), 'Thing');
    const echo: RouteDefinition = {
      ...appended,
      operationId: 'echoThing',
      path: '/things',
      request: { body: ThingSchema },
      responses: { 200: { description: 'The thing', schema: ThingSchema } },
      errors: [],
    };

    const doc = openApiDocument({ routes: [...ROUTES, echo] });

    const operation = operationOf(doc, echo);
    expect(operation.requestBody?.content['application/json']?.schema).toEqual({ $ref: `${COMPONENTS}ThingInput` });
    expect(operation.responses['200']?.content?.['application/json']?.schema).toEqual({ $ref: `${COMPONENTS}Thing` });
    // A default makes the field optional to send, and always there in the answer.
    expect(doc.components.schemas.ThingInput).toMatchObject({ required: ['name'] });
    expect(doc.components.schemas.Thing).toMatchObject({ required: ['name', 'size'] });
  });
});
