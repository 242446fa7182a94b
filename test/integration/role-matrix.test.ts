import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type RouteDefinition } from '../../shared/definitions/routes.ts';
import { STAFF_ROLES } from '../../shared/domain/vocabulary.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/**
 * Every route × every staff role × no token and a forged token, derived from the route
 * definitions: a route's roles are exactly who gets past 401/403. Requests carry an empty body
 * and ids nobody issued, so an allowed caller gets a 4xx about the request, and nothing changes.
 */
let api: LocalApi;
let forger: LocalApi;

beforeAll(async () => {
  [api, forger] = await Promise.all([startLocalApi(), startLocalApi()]);
});
afterAll(async () => {
  await Promise.all([api.close(), forger.close()]);
});

const SAMPLE_PARAMETERS: Record<string, string> = {
  providerId: '01J0000000000000000000ZZZZ',
  locationId: '01J0000000000000000000ZZZY',
  staffId: '01J0000000000000000000ZZZX',
  teamId: '01J0000000000000000000ZZZV',
  meetingId: '01J0000000000000000000ZZZW',
  policyId: 'no-such-policy',
  job: 'daily',
  token: 'v1.nothing.nothing',
};
const pathOf = (route: RouteDefinition) =>
  route.path.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE_PARAMETERS[name] ?? 'x');
const call = (route: RouteDefinition, token: string | null) =>
  api.call(route.method, pathOf(route), {
    token,
    ...(route.method === 'GET' ? {} : { body: {}, headers: { 'if-match': '"1"' } }),
  });

const staffRoutes = ROUTES.filter((route) => route.auth === 'staff').map(
  (route) => [`${route.method} ${route.path}`, route] as const,
);
const publicRoutes = ROUTES.filter((route) => route.auth === 'public').map(
  (route) => [`${route.method} ${route.path}`, route] as const,
);

describe('who may call each staff route', () => {
  it.each(staffRoutes)('%s: 401 without a token or with a forged one', async (_key, route) => {
    const forged = await forger.tokenFor(['admin']);

    const answers = await Promise.all([call(route, null), call(route, forged)]);

    expect(answers.map((answer) => answer.status)).toEqual([401, 401]);
  });

  it.each(staffRoutes)(
    '%s: 403 for every role outside its list, and past the role check for those in it',
    async (_key, route) => {
      const outcomes = await Promise.all(
        STAFF_ROLES.map(async (role) => {
          const answer = await call(route, await api.tokenFor([role]));
          return [
            role,
            route.roles.includes(role) ? answer.status !== 401 && answer.status !== 403 : answer.status === 403,
          ];
        }),
      );

      expect(outcomes.filter(([, right]) => !right)).toEqual([]);
    },
  );
});

describe('public routes', () => {
  it.each(publicRoutes)('%s answers without a token (never 401 or 403)', async (_key, route) => {
    const answer = await call(route, null);

    expect([401, 403]).not.toContain(answer.status);
    expect(answer.status).toBeLessThan(500);
  });
});
