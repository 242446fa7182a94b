import { HealthSchema } from '../../schemas/system.ts';
import type { RouteDefinition } from '../route-definition.ts';
import { ROUTE_ROLES } from '../route-roles.ts';

/** The routes the system function serves (functions/system/handler.ts imports this module, not routes.ts, so its bundle holds only these routes' schemas). */
export const SYSTEM_ROUTE = {
  getHealth: {
    operationId: 'getHealth',
    method: 'GET',
    path: '/health',
    functionId: 'system',
    summary: 'Liveness and the state of each dependency',
    auth: 'public',
    roles: ROUTE_ROLES.getHealth,
    request: {},
    responses: {
      200: { description: 'Every dependency answered', schema: HealthSchema },
      503: { description: 'At least one dependency did not answer', schema: HealthSchema },
    },
    errors: [],
  },
  getOpenApi: {
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    functionId: 'system',
    summary: 'This API, machine-readable (OpenAPI 3.1)',
    auth: 'public',
    roles: ROUTE_ROLES.getOpenApi,
    request: {},
    responses: { 200: { description: 'The OpenAPI document' } },
    errors: [],
  },
  getDocs: {
    operationId: 'getDocs',
    method: 'GET',
    path: '/docs',
    functionId: 'system',
    summary: 'This API, for people: a reference page rendered from /openapi.json',
    auth: 'public',
    roles: ROUTE_ROLES.getDocs,
    request: {},
    responses: { 200: { description: 'The reference page' } },
    errors: [],
    mediaType: 'text/html',
  },
  getDocsScript: {
    operationId: 'getDocsScript',
    method: 'GET',
    path: '/docs/redoc.standalone.js',
    functionId: 'system',
    summary: 'The script that renders the reference page (Redoc), served from this API',
    auth: 'public',
    roles: ROUTE_ROLES.getDocsScript,
    request: {},
    responses: { 200: { description: 'JavaScript' } },
    errors: [],
    mediaType: 'text/javascript',
  },
} as const satisfies Record<string, RouteDefinition>;
