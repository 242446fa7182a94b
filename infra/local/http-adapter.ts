import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { ApiEvent } from '../../shared/adapters/http/api-function.ts';
import { matchRoute } from '../../shared/adapters/http/route-match.ts';
import { runJobsInBackgroundWith } from '../../shared/adapters/jobs/local-job-starter.ts';
import { FUNCTIONS, type FunctionId } from '../../shared/definitions/functions.ts';
import { ROUTES, routeKey } from '../../shared/definitions/routes.ts';
import { type Issuer, LOCAL_ISSUER_PATH, localIssuerEndpoints, registerDirectory } from './local-issuer.ts';
import { repoRoot } from './paths.ts';

/**
 * The local twin of the HTTP API: matches each request against shared/definitions/routes.ts,
 * checks the bearer token as the JWT authorizer would on staff routes, builds the same payload
 * v2 event API Gateway sends, and invokes the real handler of the route's function (the
 * fallback function for `$default`). Gateway-made answers (401, 413, 500) have API Gateway's own
 * shape, {"message": "..."}, so nothing here is kinder than AWS.
 */
type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** API Gateway HTTP APIs refuse payloads over 10 MB before any Lambda runs. */
const GATEWAY_PAYLOAD_LIMIT = 10 * 1024 * 1024;
const TEXT_TYPES = /^(text\/|application\/(json|[\w.+-]+\+json|x-www-form-urlencoded|xml|javascript))/i;

const handlers = new Map<FunctionId, Promise<Handler>>();

/** Imports a function's handler once, as a Lambda container would (module scope runs once). */
export function loadHandler(functionId: FunctionId): Promise<Handler> {
  let loaded = handlers.get(functionId);
  if (!loaded) {
    const entry = pathToFileURL(join(repoRoot, FUNCTIONS[functionId].entry)).href;
    loaded = import(entry).then((module: { handler: Handler }) => module.handler);
    handlers.set(functionId, loaded);
  }
  return loaded;
}

export function lambdaContext(functionName: string, timeoutSeconds: number): Context {
  const deadline = Date.now() + timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-2:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function readBody(request: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > GATEWAY_PAYLOAD_LIMIT) {
        resolve(null);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function gatewayAnswer(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ message }));
}

function eventFrom(
  request: IncomingMessage,
  url: URL,
  body: Buffer,
  matched: { key: string; pathParameters?: Record<string, string>; claims?: Record<string, unknown> },
): ApiEvent {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const contentType = headers['content-type'] ?? '';
  const isText = body.length === 0 || TEXT_TYPES.test(contentType);
  const now = new Date();
  const cookies = request.headers.cookie?.split(/;\s*/).filter(Boolean);
  return {
    version: '2.0',
    routeKey: matched.key,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(matched.pathParameters && Object.keys(matched.pathParameters).length > 0
      ? { pathParameters: matched.pathParameters }
      : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: matched.key,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(matched.claims
        ? { authorizer: { jwt: { claims: matched.claims as Record<string, string>, scopes: null } } }
        : {}),
    },
    ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: !isText,
  };
}

function send(response: ServerResponse, result: APIGatewayProxyResultV2): void {
  // Payload v2 rules: an object without statusCode, or a string, is a 200 JSON answer.
  if (typeof result === 'object' && result !== null && 'statusCode' in result) {
    const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)]));
    const body = result.body ?? '';
    response.writeHead(result.statusCode ?? 200, {
      ...headers,
      ...(result.cookies?.length ? { 'set-cookie': result.cookies } : {}),
    });
    response.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(typeof result === 'string' ? result : JSON.stringify(result));
}

export function createLocalApi(options: { issuer: Issuer; stage: string }): Server {
  // The workspace hands a real job run over as AWS's asynchronous invoke would (issue 15): the jobs
  // handler runs in the background with the payload the schedule sends, and records the run itself.
  runJobsInBackgroundWith((input) => {
    loadHandler('jobs')
      .then((handler) => handler(input, lambdaContext(`${options.stage}-jobs`, FUNCTIONS.jobs.timeoutSeconds)))
      .catch((error: unknown) => {
        console.error(`Local jobs function: the ${input.job} run handed over from the workspace failed`, error);
      });
  });
  // The workspace's sign-in (issue 15): the local issuer's Cognito-shaped endpoints on this origin.
  let issuerEndpoints: ReturnType<typeof localIssuerEndpoints> | undefined;
  return createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const body = await readBody(request);
      if (body === null) return gatewayAnswer(response, 413, 'Request Entity Too Large');
      if (url.pathname.startsWith(`${LOCAL_ISSUER_PATH}/`)) {
        issuerEndpoints ??= localIssuerEndpoints(options.issuer, await registerDirectory());
        return await issuerEndpoints(request, response, url, body);
      }
      const outcome = matchRoute(ROUTES, request.method ?? 'GET', url.pathname);
      let functionId: FunctionId = 'fallback';
      let matched: Parameters<typeof eventFrom>[3] = { key: '$default' };
      if (outcome.kind === 'matched') {
        const { route, pathParameters } = outcome.match;
        functionId = route.functionId;
        matched = { key: routeKey(route), pathParameters };
        if (route.auth === 'staff') {
          const token = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
          const claims = token ? await options.issuer.verify(token).catch(() => null) : null;
          if (!claims) return gatewayAnswer(response, 401, 'Unauthorized');
          matched.claims = claims;
        }
      }
      const definition = FUNCTIONS[functionId];
      const handler = await loadHandler(functionId);
      const result = await handler(
        eventFrom(request, url, body, matched),
        lambdaContext(`${options.stage}-${functionId}`, definition.timeoutSeconds),
      );
      send(response, result as APIGatewayProxyResultV2);
    } catch (error) {
      // What API Gateway answers when the integration fails; the cause goes to the console only.
      console.error('Local API: the function failed', error);
      if (!response.headersSent) gatewayAnswer(response, 500, 'Internal Server Error');
    }
  });
}
