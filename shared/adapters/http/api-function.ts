import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type {
  APIGatewayEventRequestContextJWTAuthorizer,
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { ulid } from 'ulid';
import type { RouteDefinition } from '../../definitions/route-definition.ts';
import { routeKey } from '../../definitions/route-definition.ts';
import type { Actor } from '../../domain/actor.ts';
import { type FieldProblem, PreconditionRequiredError, ValidationError } from '../../domain/errors.ts';
import { logger } from '../../observability/logger.ts';
import type * as z from '../../schemas/zod.ts';
import type { ChangeContext } from '../../use-cases/ports.ts';
import { errorResponse } from './error-response.ts';
import { payloadTooLarge, routeNotFound, unsupportedMediaType } from './http-problems.ts';
import { type ApiResult, toHttpResponse } from './responses.ts';
import { staffActor } from './staff-identity.ts';

/**
 * Builds a function's handler from its routes: the primary adapter's shared steps
 * (parse → authorise → validate → call one use case → map the answer) live here once,
 * so each handler file only says which use case answers which route.
 */
export type ApiEvent = APIGatewayProxyEventV2 & {
  requestContext: { authorizer?: Partial<APIGatewayEventRequestContextJWTAuthorizer> };
};

type Parsed<S> = S extends z.ZodMiniType ? z.output<S> : undefined;

export interface ApiRequest<R extends RouteDefinition> {
  path: Parsed<R['request']['path']>;
  query: Parsed<R['request']['query']>;
  body: Parsed<R['request']['body']>;
  /** The version named by If-Match, on routes that take it. */
  ifMatch: number;
  change: ChangeContext & { actor: Extract<Actor, { type: 'staff' }> };
  /** The raw event, for the little a route needs beyond its inputs (the domain it was called on). */
  event: ApiEvent;
}

export interface PublicRequest {
  event: ApiEvent;
}

type StaffOperation<R extends RouteDefinition> = (request: ApiRequest<R>) => Promise<ApiResult>;
type PublicOperation = (request: PublicRequest) => Promise<ApiResult | APIGatewayProxyStructuredResultV2>;

interface Binding {
  route: RouteDefinition;
  run: (event: ApiEvent) => Promise<ApiResult | APIGatewayProxyStructuredResultV2>;
}

/** The largest JSON body the API takes; far above any real request, far below Lambda's 6 MB. */
export const MAX_BODY_BYTES = 64 * 1024;

/** A zod error as the details a caller reads: one per issue, one per unknown key, each path from `where`. */
export function problemsOf(error: z.core.$ZodError, where: string): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const at = [where, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: `${at}.${key}`, message: 'unknown field' }));
    }
    return [{ path: at, message: issue.message }];
  });
}

function validate<S extends z.ZodMiniType | undefined>(schema: S, input: unknown, where: string): Parsed<S> {
  if (!schema) return undefined as Parsed<S>;
  const result = schema.safeParse(input);
  if (!result.success) {
    const details = problemsOf(result.error, where);
    throw new ValidationError(
      `The ${where} is not valid: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`,
      details,
    );
  }
  return result.data as Parsed<S>;
}

function jsonBody(event: ApiEvent): unknown {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) throw payloadTooLarge(MAX_BODY_BYTES);
  const type = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json' && !type.endsWith('+json')) throw unsupportedMediaType();
  if (text.trim() === '') {
    throw new ValidationError('The request body is empty: send a JSON object', [{ path: 'body', message: 'required' }]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'unreadable';
    throw new ValidationError(`The request body is not valid JSON: ${reason}`, [
      { path: 'body', message: 'malformed JSON' },
    ]);
  }
}

function ifMatchVersion(header: string | undefined): number {
  if (header === undefined) {
    throw new PreconditionRequiredError('Send If-Match with the ETag of the version you read');
  }
  const version = /^"(\d{1,15})"$/.exec(header.trim())?.[1];
  if (version === undefined) {
    throw new ValidationError('If-Match must be an ETag this API issued, such as "3"', [
      { path: 'header.if-match', message: 'not an ETag this API issued' },
    ]);
  }
  return Number(version);
}

export function staffRoute<R extends RouteDefinition>(route: R, operation: StaffOperation<R>): Binding {
  return {
    route,
    run: async (event) => {
      const actor = staffActor(event.requestContext.authorizer?.jwt?.claims, route.roles);
      logger.appendKeys({ staffId: actor.id, operation: route.operationId });
      const path = validate(route.request.path, event.pathParameters ?? {}, 'path');
      const query = validate(route.request.query, event.queryStringParameters ?? {}, 'query');
      const body = validate(route.request.body, route.request.body ? jsonBody(event) : undefined, 'body');
      const ifMatch = route.request.ifMatch ? ifMatchVersion(event.headers['if-match']) : 0;
      const change = { actor, now: new Date(), newId: ulid };
      return operation({ path, query, body, ifMatch, change, event } as ApiRequest<R>);
    },
  };
}

export function publicRoute(route: RouteDefinition, operation: PublicOperation): Binding {
  return { route, run: (event) => operation({ event }) };
}

const isApiResult = (value: ApiResult | APIGatewayProxyStructuredResultV2): value is ApiResult => 'status' in value;

/** Any HTTP function: the shared middleware (logging context, header names, the one error mapping) around `dispatch`. */
export function httpFunction(dispatch: (event: ApiEvent) => Promise<APIGatewayProxyStructuredResultV2>) {
  return middy<ApiEvent, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .use(httpHeaderNormalizer())
    .use({
      onError: (request) => {
        request.response = errorResponse(request.error);
      },
    })
    .handler(dispatch);
}

/** The handler of one Lambda function that serves routes: each request goes to its route's operation. */
export function apiFunction(bindings: readonly Binding[]) {
  const keys = bindings.map((binding) => routeKey(binding.route));
  const byKey = new Map(bindings.map((binding, index) => [keys[index], binding]));
  // A route bound twice (a merge that kept both copies, of the binding or of the route's definition) would
  // silently run only the last: refuse at cold start, naming each repeat by the key the two share.
  if (byKey.size !== bindings.length) {
    const twice = bindings.filter((binding, index) => keys.indexOf(routeKey(binding.route)) !== index);
    throw new Error(`Routes bound more than once: ${twice.map((binding) => binding.route.operationId).join(', ')}`);
  }
  return httpFunction(async (event) => {
    const binding = byKey.get(event.routeKey);
    if (!binding) throw routeNotFound();
    const result = await binding.run(event);
    return isApiResult(result) ? toHttpResponse(result) : result;
  });
}
