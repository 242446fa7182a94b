import { describe, expect, it } from 'vitest';
import { apiFunction, publicRoute } from '../../shared/adapters/http/api-function.ts';
import { ok } from '../../shared/adapters/http/responses.ts';
import { ROUTE } from '../../shared/definitions/routes.ts';

/** A handler maps each route to one operation; a second binding (a merge that kept both copies) is a defect. */
describe('a function’s route bindings', () => {
  it('refuse a route bound twice, naming it, when the function starts', () => {
    const health = publicRoute(ROUTE.getHealth, async () => ok({}));

    expect(() => apiFunction([health, publicRoute(ROUTE.getOpenApi, async () => ok({})), health])).toThrow(
      /bound more than once: getHealth/,
    );
  });

  it('refuse a copy of a route’s definition on the same method and path, naming the copy', () => {
    const copy = { ...ROUTE.getHealth, operationId: 'getHealthCopy' };

    expect(() =>
      apiFunction([publicRoute(ROUTE.getHealth, async () => ok({})), publicRoute(copy, async () => ok({}))]),
    ).toThrow(/bound more than once: getHealthCopy$/);
  });

  it('accept each route bound once', () => {
    expect(() =>
      apiFunction([
        publicRoute(ROUTE.getHealth, async () => ok({})),
        publicRoute(ROUTE.getOpenApi, async () => ok({})),
      ]),
    ).not.toThrow();
  });
});
