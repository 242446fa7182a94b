import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../shared/adapters/http/route-match.ts';
import type { RouteDefinition } from '../../shared/definitions/routes.ts';
import { ROUTES } from '../../shared/definitions/routes.ts';

const route = (method: RouteDefinition['method'], path: string): RouteDefinition => ({
  operationId: `${method} ${path}`,
  method,
  path,
  functionId: 'providers',
  summary: '',
  auth: 'staff',
  roles: [],
  request: {},
  responses: {},
  errors: [],
});

describe('matching requests to routes as API Gateway does', () => {
  it('takes a path parameter from one whole segment, decoded', () => {
    const outcome = matchRoute(ROUTES, 'GET', '/providers/01J0000000000000000000ZZZZ/locations');

    expect(outcome).toMatchObject({
      kind: 'matched',
      match: { route: { operationId: 'listLocations' }, pathParameters: { providerId: '01J0000000000000000000ZZZZ' } },
    });
  });

  it('prefers a literal segment over a parameter, whatever the order of definition', () => {
    const routes = [route('GET', '/things/{id}'), route('GET', '/things/latest')];

    const outcome = matchRoute(routes, 'GET', '/things/latest');

    expect(outcome).toMatchObject({ kind: 'matched', match: { route: { path: '/things/latest' } } });
  });

  it('tells a wrong method (with the methods allowed) from a path that does not exist', () => {
    expect(matchRoute(ROUTES, 'PUT', '/providers')).toEqual({ kind: 'wrong-method', allowed: ['POST', 'GET'] });
    expect(matchRoute(ROUTES, 'GET', '/providers/x/y/z')).toEqual({ kind: 'no-route' });
  });

  it.each([['/providers/'], ['/providers//locations'], ['/providers/%E0%A4%A/locations']])(
    'matches no route for %s (empty or undecodable segment)',
    (path) => {
      expect(matchRoute(ROUTES, 'GET', path).kind).not.toBe('matched');
    },
  );
});
