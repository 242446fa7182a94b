import { describe, expect, it } from 'vitest';
import { ROUTE_ROLES } from '../../shared/definitions/route-roles.ts';
import { ROUTE } from '../../shared/definitions/routes.ts';

/**
 * Every API route's roles are written once, in shared/definitions/route-roles.ts: the route modules take
 * them from there, and the workspace's pages check the same lists there without importing
 * the route modules (issue 17). A route added without its entry, or an entry left behind, fails here.
 */
describe('who may call each API route', () => {
  const routes = Object.values(ROUTE);

  it('names every API route and no other', () => {
    expect(Object.keys(ROUTE_ROLES).sort()).toEqual(routes.map((route) => route.operationId).sort());
  });

  it.each(routes.map((route) => [route.operationId, route] as const))('%s takes its roles from there', (id, route) => {
    expect(route.roles).toBe(ROUTE_ROLES[id as keyof typeof ROUTE_ROLES]);
  });
});
