import { httpFunction } from '../../shared/adapters/http/api-function.ts';
import { methodNotAllowed, routeNotFound } from '../../shared/adapters/http/http-problems.ts';
import { matchRoute } from '../../shared/adapters/http/route-match.ts';
import { ROUTES } from '../../shared/definitions/routes.ts';

/**
 * The `$default` route: every request no route matched. A path that exists with another method
 * is a 405 naming the methods it accepts; anything else is a 404. Both in the API's error shape.
 */
export const handler = httpFunction(async (event) => {
  const outcome = matchRoute(ROUTES, event.requestContext.http.method, event.rawPath);
  if (outcome.kind === 'wrong-method') throw methodNotAllowed(outcome.allowed);
  throw routeNotFound();
});
