import type { FunctionId } from './functions.ts';
import type { RouteDefinition } from './route-definition.ts';
import { CONTACT_ROUTE } from './routes/contact.ts';
import { IMPORTS_ROUTE } from './routes/imports.ts';
import { JOBS_ROUTE } from './routes/jobs.ts';
import { MEETINGS_ROUTE } from './routes/meetings.ts';
import { PROVIDERS_ROUTE } from './routes/providers.ts';
import { RELATIONSHIPS_ROUTE } from './routes/relationships.ts';
import { RESPOND_ROUTE } from './routes/respond.ts';
import { STAFF_ROUTE } from './routes/staff.ts';
import { SYSTEM_ROUTE } from './routes/system.ts';
import { WORKSPACE_ROUTES } from './workspace-routes.ts';

export { type HttpMethod, type RouteDefinition, routeKey } from './route-definition.ts';

/**
 * The API's routes, declared once, each in the module of the function that serves it
 * (shared/definitions/routes/<function>.ts). A function's handler imports its own module, never this
 * one, so its bundle builds only its own routes' schemas (issue 17). This aggregate is what infra/
 * makes one HTTP API route per entry from (with the JWT authorizer where auth is 'staff'), what the
 * local HTTP adapter matches requests against and what the OpenAPI document is generated from.
 * Paths and verbs are fixed by ../shared/API.md.
 */
export const ROUTE = {
  ...SYSTEM_ROUTE,
  ...STAFF_ROUTE,
  ...PROVIDERS_ROUTE,
  ...RELATIONSHIPS_ROUTE,
  ...MEETINGS_ROUTE,
  ...JOBS_ROUTE,
  ...RESPOND_ROUTE,
  ...CONTACT_ROUTE,
  ...IMPORTS_ROUTE,
} as const satisfies Record<string, RouteDefinition>;

// The staff workspace's HTML pages (issue 15) are declared in their own module and served by one function.
export const ROUTES: readonly RouteDefinition[] = [...Object.values(ROUTE), ...WORKSPACE_ROUTES];

export const routesOf = (functionId: FunctionId): RouteDefinition[] =>
  ROUTES.filter((route) => route.functionId === functionId);
