import type { RouteDefinition } from '../route-definition.ts';
import { ROUTE_ROLES } from '../route-roles.ts';

/** The routes the respond function serves (functions/respond/handler.ts imports this module, not routes.ts, so its bundle holds only these routes' schemas). */
export const RESPOND_ROUTE = {
  getRespondPage: {
    operationId: 'getRespondPage',
    method: 'GET',
    path: '/respond/{token}',
    functionId: 'respond',
    summary:
      'Provider page (HTML): the shared template, earlier comments and a form; 404 for a link that does not work, 410 once the meeting has started',
    auth: 'public',
    roles: ROUTE_ROLES.getRespondPage,
    request: {},
    responses: { 200: { description: 'The page' } },
    errors: [404, 410],
    mediaType: 'text/html',
  },
  submitRespondPage: {
    operationId: 'submitRespondPage',
    method: 'POST',
    path: '/respond/{token}',
    functionId: 'respond',
    summary:
      'Provider page (form post): comments and added items; 303 to the confirmation, or 400 with an error summary',
    auth: 'public',
    roles: ROUTE_ROLES.submitRespondPage,
    request: {},
    responses: { 303: { description: 'Sent: see the confirmation' } },
    errors: [400, 403, 404, 410, 413],
    mediaType: 'text/html',
  },
  getStylesheet: {
    operationId: 'getStylesheet',
    method: 'GET',
    path: '/assets/govuk-frontend.min.css',
    functionId: 'respond',
    summary: 'The GOV.UK Frontend stylesheet of the provider pages',
    auth: 'public',
    roles: ROUTE_ROLES.getStylesheet,
    request: {},
    responses: { 200: { description: 'CSS' } },
    errors: [],
    mediaType: 'text/css',
  },
} as const satisfies Record<string, RouteDefinition>;
