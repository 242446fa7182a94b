import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as core from 'zod/v4/core';
import { problemsOf } from '../../../shared/adapters/http/api-function.ts';

/**
 * What every schema module answers for a fixed set of good and bad inputs: the error details a caller
 * gets (path and message, as shared/adapters/http/api-function.ts turns zod's issues into them) or the
 * value parsed (defaults, trimming, coercion). Issue 17 moved the schemas from classic zod to zod/mini;
 * test/unit/zod-error-parity.test.ts compares these answers with the ones recorded from classic zod.
 *
 * Reads only zod's core definitions (`_zod.def`), which classic and mini share, so the same probes ran
 * against the classic schemas to record the expected answers.
 */
const SCHEMA_MODULES = fileURLToPath(new URL('../../../shared/schemas/', import.meta.url));

/** Values tried in each field: empty, blank, padded, too long, control characters, wrong types, edge days. */
const FIELD_VALUES: readonly unknown[] = [
  undefined,
  null,
  '',
  '   ',
  ' padded ',
  'a',
  'ab',
  'x'.repeat(41),
  'x'.repeat(201),
  'x'.repeat(501),
  'x'.repeat(2049),
  'x'.repeat(20_001),
  'line\nbreak',
  'tab\there',
  'nul\u0000',
  'Zoë Ñandú 東京',
  'not-an-email',
  'someone@example.org',
  '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  'lowercase01arz3ndektsv4rrf',
  '2026-11-30',
  '2026-02-30',
  '0099-06-01',
  '2100-01-01',
  '2026-11-30T10:00:00Z',
  '2026-11-30T10:00:00+01:00',
  '2026-11-30 10:00',
  '25',
  '0',
  '1e3',
  'true',
  'provider',
  -1,
  0,
  1,
  1.5,
  12,
  13,
  480,
  1_000_000,
  true,
  false,
  [],
  [''],
  ['a'],
  [{}],
  {},
];

/** Whole inputs tried on every schema. */
const WHOLE_INPUTS: readonly unknown[] = [undefined, null, 'x', 42, [], {}, { unknownField: 1 }];

type Def = Record<string, unknown> & { type: string };
const defOf = (schema: core.$ZodType): Def => schema._zod.def as unknown as Def;

/** The object a schema parses at its heart (through optional, nullable, default, pipe and arrays), if any. */
function objectShape(schema: core.$ZodType, depth = 0): Record<string, core.$ZodType> | undefined {
  if (depth > 6) return undefined;
  const def = defOf(schema);
  if (def.type === 'object') return def.shape as Record<string, core.$ZodType>;
  const inner = (def.innerType ?? def.in ?? def.element) as core.$ZodType | undefined;
  return inner ? objectShape(inner, depth + 1) : undefined;
}

const isArrayAtHeart = (schema: core.$ZodType): boolean => {
  const def = defOf(schema);
  if (def.type === 'array') return true;
  const inner = (def.innerType ?? def.in) as core.$ZodType | undefined;
  return inner ? isArrayAtHeart(inner) : false;
};

/** Inputs that put each probe value in each field, and one level down in nested objects and arrays of objects. */
function inputsFor(schema: core.$ZodType): unknown[] {
  const inputs: unknown[] = [...WHOLE_INPUTS];
  const shape = objectShape(schema);
  if (!shape) return [...inputs, ...FIELD_VALUES];
  for (const [key, field] of Object.entries(shape)) {
    for (const value of FIELD_VALUES) inputs.push({ [key]: value });
    const nested = objectShape(field);
    if (!nested) continue;
    const wrap = (inner: unknown) => (isArrayAtHeart(field) ? [inner] : inner);
    for (const [nestedKey] of Object.entries(nested)) {
      for (const value of FIELD_VALUES) inputs.push({ [key]: wrap({ [nestedKey]: value }) });
    }
  }
  return inputs;
}

type Outcome = { ok: unknown } | { details: string[] };

/** The details a caller of the API reads (`path message`, one per unknown key): api-function.ts's own problemsOf. */
function outcomeOf(schema: core.$ZodType & { safeParse: (input: unknown) => unknown }, input: unknown): Outcome {
  const result = schema.safeParse(input) as
    | { success: true; data: unknown }
    | { success: false; error: core.$ZodError };
  if (result.success) return { ok: result.data === undefined ? '(undefined)' : result.data };
  return { details: problemsOf(result.error, 'body').map((problem) => `${problem.path} ${problem.message}`) };
}

export interface SchemaAnswers {
  /** `module.ts ExportName` → a digest of every probe's outcome, in order. */
  digests: Record<string, string>;
  /** Every distinct error message any probe drew, sorted: the words callers read. */
  messages: string[];
}

const isSchema = (value: unknown): value is core.$ZodType & { safeParse: (input: unknown) => unknown } =>
  typeof value === 'object' && value !== null && '_zod' in value && 'safeParse' in value;

/** Answers of every exported schema of shared/schemas/*.ts and of the register import's step schema. */
export async function schemaAnswers(): Promise<SchemaAnswers> {
  const modules: [string, Record<string, unknown>][] = [];
  for (const file of readdirSync(SCHEMA_MODULES).sort()) {
    if (!file.endsWith('.ts') || file === 'lazy-schema.ts' || file === 'zod.ts') continue;
    modules.push([file, await import(`${SCHEMA_MODULES}${file}`)]);
  }
  modules.push(['register-import/steps.ts', await import('../../../functions/register-import/steps.ts')]);
  const digests: Record<string, string> = {};
  const messages = new Set<string>();
  for (const [file, exports] of modules) {
    for (const name of Object.keys(exports).sort()) {
      const schema = exports[name];
      if (!isSchema(schema)) continue;
      const outcomes = inputsFor(schema).map((input) => outcomeOf(schema, input));
      for (const outcome of outcomes) {
        if ('details' in outcome) for (const detail of outcome.details) messages.add(detail.replace(/^\S+ /, ''));
      }
      digests[`${file} ${name}`] = createHash('sha256').update(JSON.stringify(outcomes)).digest('hex').slice(0, 16);
    }
  }
  return { digests, messages: [...messages].sort() };
}
