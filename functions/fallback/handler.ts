import { httpFunction } from '../../shared/adapters/http/api-function.ts';
import { methodNotAllowed, routeNotFound } from '../../shared/adapters/http/http-problems.ts';
import { matchRoute, type RouteShape } from '../../shared/adapters/http/route-match.ts';
import type { HttpMethod } from '../../shared/definitions/route-definition.ts';

/** Every route key, inlined by the build (shared/definitions/route-table.ts); never read when unbundled. */
declare const INLINED_ROUTE_KEYS: readonly string[];

/**
 * Only methods and paths matter here. In the bundle they are inlined at build time, so a cold start
 * builds no schema; unbundled (tests, the local stack) they come from the definitions, once.
 */
let table: Promise<readonly RouteShape[]> | undefined;
const routeTable = (): Promise<readonly RouteShape[]> => {
  table ??=
    process.env.ROUTE_TABLE_INLINED === 'yes'
      ? Promise.resolve(
          INLINED_ROUTE_KEYS.map((key) => {
            const [method, path] = key.split(' ');
            return { method: method as HttpMethod, path: path ?? '' };
          }),
        )
      : import('../../shared/definitions/routes.ts').then(({ ROUTES }) => ROUTES);
  return table;
};

/**
 * The `$default` route: every request no route matched. A path that exists with another method
 * is a 405 naming the methods it accepts; anything else is a 404. Both in the API's error shape.
 */
export const handler = httpFunction(async (event) => {
  const outcome = matchRoute(await routeTable(), event.requestContext.http.method, event.rawPath);
  if (outcome.kind === 'wrong-method') throw methodNotAllowed(outcome.allowed);
  throw routeNotFound();
});
