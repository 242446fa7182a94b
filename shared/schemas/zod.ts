import { catchall, config, type core, globalRegistry, never, type ZodMiniObject, type ZodMiniType } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod for every schema of the service: zod's tree-shakable build, zod/mini (issue 17). Classic zod put
 * ~95 KiB into every function's bundle, JSON Schema generator included (classic schemas carry it as a
 * method); mini keeps only what a bundle calls, about half, and so halves what a cold start parses.
 *
 * Classic zod installs its English error messages when it loads; mini installs none, and without them a
 * caller would read "Invalid input" for every problem. Installed once here, so callers read the same
 * details as before ("Too small: expected string to have >=1 characters"; test/unit/zod-error-parity.test.ts).
 * Every schema module imports z from here, never from 'zod' or 'zod/mini' directly.
 */
config(en());

export * from 'zod/mini';

/**
 * Classic zod's `.strict()` on a schema already built (an `extend`, a `partial`): keys the shape does not
 * name are refused as "Unrecognized key". Its definition is classic's exactly (a `never` catch-all); the
 * type says `$strict`, as classic's did, so inferred types carry no `[key: string]: never`.
 */
export const strict = <T extends ZodMiniObject>(schema: T): ZodMiniObject<T['shape'], core.$strict> =>
  catchall(schema, never()) as unknown as ZodMiniObject<T['shape'], core.$strict>;

/**
 * Classic zod's `.meta({ id })`: a copy of the schema, registered under `id` in zod's global registry, which
 * names it in the OpenAPI document (shared/definitions/openapi.ts). A copy, as classic made, so a schema
 * derived from it (an extend, a check) is not named too; mini's `z.meta` check would name every derived
 * schema (a check is carried over), and two schemas under one id break the document.
 */
export const named = <T extends ZodMiniType>(schema: T, id: string): T => {
  const copy = schema.clone();
  globalRegistry.add(copy, { id });
  return copy;
};
