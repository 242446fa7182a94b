import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type RouteDefinition } from '../../shared/definitions/routes.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/**
 * Property: whatever a caller sends to any route — any JSON, any text, any path value, any query —
 * the answer is never a 5xx and always in the API's error shape when it is an error. Bodies are
 * random, so writes are refused before anything is stored (validation runs first).
 */
let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

const segment = fc.oneof(
  fc.constant('01J0000000000000000000ZZZZ'),
  fc.stringMatching(/^[A-Za-z0-9._~-]{1,40}$/),
  fc.string({ maxLength: 20 }).map((text) => encodeURIComponent(text) || 'x'),
);
const query = fc.dictionary(fc.stringMatching(/^[a-zA-Z]{1,10}$/), fc.string({ maxLength: 30 }), { maxKeys: 3 });
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  fc.constant('{"name": '),
);

const writes = ROUTES.filter((route) => route.method !== 'GET' && route.auth === 'staff');
const reads = ROUTES.filter((route) => route.method === 'GET');

async function send(route: RouteDefinition, values: string[], search: Record<string, string>, text?: string) {
  let index = 0;
  const path = route.path.replace(/\{\w+\}/g, () => values[index++] ?? 'x');
  const qs = new URLSearchParams(search).toString();
  return api.call(route.method, `${path}${qs ? `?${qs}` : ''}`, {
    token: admin,
    ...(text !== undefined
      ? { rawBody: text, headers: { 'content-type': 'application/json', 'if-match': '"1"' } }
      : {}),
  });
}

describe('fuzzing every route', () => {
  it.each(writes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s never answers 5xx to a random body',
    async (_key, route) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(segment, { minLength: 3, maxLength: 3 }),
          query,
          body,
          async (values, search, text) => {
            const answer = await send(route, values, search, text);
            expect(answer.status).toBeLessThan(500);
            if (answer.status >= 400 && answer.status !== 401) expect(answer.body).toHaveProperty('error.code');
          },
        ),
        { numRuns: 25 },
      );
    },
  );

  it.each(reads.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s never answers 5xx to random path values and queries',
    async (_key, route) => {
      await fc.assert(
        fc.asyncProperty(fc.array(segment, { minLength: 3, maxLength: 3 }), query, async (values, search) => {
          const answer = await send(route, values, search);
          expect(answer.status).toBeLessThan(500);
        }),
        { numRuns: 25 },
      );
    },
  );
});
