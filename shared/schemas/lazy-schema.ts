import type { core, ZodMiniType as ZodType } from './zod.ts';

/**
 * A schema built on its first use rather than at import (issue 17). Building a route's zod schemas at
 * import cost the providers function ~17 ms of CPU at every cold start, for routes the request did not
 * ask for; built on first use, a cold request pays only for its own route's schemas.
 *
 * `lazySchema(() => z.object(…))` returns a stand-in typed as the schema itself, so `z.infer<typeof X>`,
 * `X.safeParse(…)` and `z.optional(X)` read as before. Its first property read builds the schema, and then
 * every read is forwarded to it.
 *
 * Identity matters to zod's registry (`z.named(X, id)` names the built schema, not the stand-in) and so to
 * the OpenAPI document. So once built, every stand-in held inside the new schema (`z.array(ContactSchema)`)
 * is swapped for the schema it stands for, and the generator asks `builtSchema` for the schema a route
 * names: the document sees only built schemas, as it did when every schema was built at import.
 */
export function lazySchema<T extends ZodType>(build: () => T): T {
  let schema: ZodType | undefined;
  const resolve = (): ZodType => {
    if (!schema) {
      schema = builtSchema(build());
      inlineStandIns(schema, new Set());
    }
    return schema;
  };
  const standIn = new Proxy(
    {},
    {
      get: (_target, key) => Reflect.get(resolve(), key),
      has: (_target, key) => Reflect.has(resolve(), key),
      set: (_target, key, value) => Reflect.set(resolve(), key, value),
      getPrototypeOf: () => Reflect.getPrototypeOf(resolve()),
      ownKeys: () => Reflect.ownKeys(resolve()),
      // Reported configurable: the stand-in's own (empty) target cannot vouch for a property that is not.
      getOwnPropertyDescriptor: (_target, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(resolve(), key);
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
  STAND_INS.set(standIn, resolve);
  return standIn as T;
}

const STAND_INS = new WeakMap<object, () => ZodType>();
/** Schemas already built whose stand-ins are swapped out: a walk stops at them. */
const SETTLED = new WeakSet<object>();

/** The schema itself: a stand-in's built schema (building it now if need be), or the schema given. */
export function builtSchema<T extends ZodType>(schema: T): T {
  let current: ZodType = schema;
  for (let resolve = STAND_INS.get(current); resolve; resolve = STAND_INS.get(current)) current = resolve();
  return current as T;
}

const isSchema = (value: unknown): value is ZodType =>
  typeof value === 'object' && value !== null && !STAND_INS.has(value) && '_zod' in value;

/**
 * Swaps the stand-ins a freshly built schema holds (object shapes, array elements, union options, wrapped
 * types…) for their built schemas, before anything reads them: zod then parses and describes it exactly as
 * a schema built from built schemas.
 */
function inlineStandIns(schema: core.$ZodType, seen: Set<object>): void {
  if (SETTLED.has(schema) || seen.has(schema)) return;
  seen.add(schema);
  const { def, parent } = schema._zod;
  inlineIn(def as unknown as Record<string, unknown>, seen);
  // Some schemas copy a part of their definition onto themselves (an array's `element`, a pipe's `in`).
  const own = schema as unknown as Record<string, unknown>;
  for (const key of Object.keys(own)) {
    const value = Object.getOwnPropertyDescriptor(own, key)?.value;
    if (typeof value === 'object' && value !== null && STAND_INS.has(value)) own[key] = builtSchema(value as ZodType);
  }
  if (parent) inlineStandIns(parent, seen);
  SETTLED.add(schema);
}

function inlineIn(holder: Record<string, unknown> | unknown[], seen: Set<object>): void {
  for (const key of Object.keys(holder)) {
    const value = (holder as Record<string, unknown>)[key];
    if (typeof value !== 'object' || value === null) continue;
    if (STAND_INS.has(value)) {
      // A getter (zod's `.extend` shape before its first read has replaced itself) is redefined as a value.
      Object.defineProperty(holder, key, {
        value: builtSchema(value as ZodType),
        writable: true,
        enumerable: true,
        configurable: true,
      });
    } else if (isSchema(value)) {
      inlineStandIns(value, seen);
    } else if ((Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype) && !seen.has(value)) {
      seen.add(value);
      inlineIn(value as Record<string, unknown>, seen);
    }
  }
}
