import * as z from 'zod';
import { ErrorBodySchema } from '../schemas/common.ts';
import { ROUTES, type RouteDefinition } from './routes.ts';

/**
 * The OpenAPI 3.1 document, generated from the route definitions and their zod schemas, so
 * the document cannot drift from what the handlers validate.
 */
const ERROR_MEANING: Readonly<Record<number, string>> = {
  400: 'The request is malformed: the message and details name each field that is wrong',
  401: 'No valid staff token. This answer comes from the API gateway: {"message":"Unauthorized"}',
  403: "The token's roles do not allow this",
  404: 'No such resource',
  405: 'The path exists but not with this method (see the Allow header)',
  409: 'Conflicts with what is stored (a duplicate, or a concurrent change)',
  412: 'If-Match names a version that is no longer current: read again and retry',
  413: 'The request body is too large',
  415: 'The request body is not application/json',
  422: 'Valid, but breaks a rule of the policy in force; ruleId names it',
  428: 'If-Match is required on this route',
  500: 'Something failed on our side; nothing internal is said',
};

type JsonSchema = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' });
  return rest;
};

const errorResponse = (status: number) => ({
  description: ERROR_MEANING[status] ?? 'Error',
  content: { 'application/json': { schema: jsonSchema(ErrorBodySchema, 'output') } },
});

function parameters(route: RouteDefinition) {
  const from = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
    if (!schema) return [];
    const object = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    return Object.entries(object.properties ?? {}).map(([name, property]) => ({
      name,
      in: where,
      required: where === 'path' || (object.required ?? []).includes(name),
      schema: property,
    }));
  };
  const ifMatch = route.request.ifMatch
    ? [{ name: 'If-Match', in: 'header', required: true, schema: { type: 'string', example: '"3"' } }]
    : [];
  return [...from(route.request.path, 'path'), ...from(route.request.query, 'query'), ...ifMatch];
}

function operation(route: RouteDefinition) {
  const shared = route.auth === 'staff' ? [400, 401, 403, 500] : [500];
  const statuses = [...new Set([...shared, ...route.errors])].sort((a, b) => a - b);
  const responses: Record<string, unknown> = {};
  for (const [status, answer] of Object.entries(route.responses)) {
    responses[status] = {
      description: answer.description,
      ...(answer.etag
        ? { headers: { ETag: { schema: { type: 'string' }, description: 'The version, for If-Match' } } }
        : {}),
      ...(answer.schema ? { content: { 'application/json': { schema: jsonSchema(answer.schema, 'output') } } } : {}),
    };
  }
  for (const status of statuses) responses[String(status)] = errorResponse(status);
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.auth === 'staff'
      ? { security: [{ staffToken: [] }], description: `Roles: ${route.roles.join(', ')}` }
      : { security: [] }),
    parameters: parameters(route),
    ...(route.request.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.request.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

export function openApiDocument(routes: readonly RouteDefinition[] = ROUTES) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Provider Engagement API',
      version: '0.1.0',
      description:
        "The regulator's staff API for providers, relationships, meetings and pre-meeting templates. " +
        'Errors have the shape {"error": {"code", "message", "details"?, "ruleId"?}}.',
    },
    components: {
      securitySchemes: {
        staffToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A Cognito access token (a local issuer in the local stack); roles come from cognito:groups',
        },
      },
    },
    paths,
  };
}
