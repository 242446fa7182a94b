import type { StaffRole } from '../domain/vocabulary.ts';
import type * as z from '../schemas/zod.ts';
import type { FunctionId } from './functions.ts';

/**
 * What a route is: the shape every entry of shared/definitions/routes/*.ts and workspace-routes.ts
 * has. Apart from routes.ts so that a function's own route module, and the adapters, need not import
 * the aggregate of every route (issue 17).
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDefinition {
  operationId: string;
  method: HttpMethod;
  path: string;
  functionId: FunctionId;
  summary: string;
  /** 'staff': a bearer JWT checked by the authorizer; 'public': no token (health, docs, provider links). */
  auth: 'staff' | 'public';
  /** Staff roles allowed; checked by the function from the token's groups claim. */
  roles: readonly StaffRole[];
  request: { path?: z.ZodMiniType; query?: z.ZodMiniType; body?: z.ZodMiniType; ifMatch?: boolean };
  responses: Readonly<Record<number, { description: string; schema?: z.ZodMiniType; etag?: boolean }>>;
  /** Error statuses this route can answer with, beyond 400/401/403/500 that all staff routes share. */
  errors: readonly number[];
  /**
   * What every answer of the route is, errors included, when not the API's JSON: 'text/html' for a page
   * people read (a POST to a page takes a url-encoded form), or an asset's type. The OpenAPI document
   * describes the route's answers with it.
   */
  mediaType?: 'text/html' | 'text/css' | 'text/javascript';
}

/** The route key API Gateway puts in each event, e.g. "GET /providers/{providerId}". */
export const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>): string => `${route.method} ${route.path}`;
