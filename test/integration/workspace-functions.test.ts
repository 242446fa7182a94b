import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext, loadHandler } from '../../infra/local/http-adapter.ts';
import type { ApiEvent } from '../../shared/adapters/http/api-function.ts';
import { FUNCTIONS, type FunctionId } from '../../shared/definitions/functions.ts';
import { routeKey } from '../../shared/definitions/route-definition.ts';
import { WORKSPACE_ROUTE } from '../../shared/definitions/workspace-routes.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { aProvider, aStaffMember } from './support/builders.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/**
 * Issue 17: the workspace is three Lambda functions, one per group of pages, and API Gateway sends each route
 * to the function its definition names. Here each function's own handler is asked directly (as a misrouted
 * request would reach it) with a signed-in session: its own pages answer, another function's page answers the
 * same 404 page as an unknown one, and signed out every one of them sends the visitor to sign-in.
 */
let api: LocalApi;
let admin: Staff;
let provider: Provider;
let sessionCookie: string;
const host = () => new URL(api.baseUrl).host;

beforeAll(async () => {
  api = await startLocalApi();
  const token = await api.tokenFor(['admin']);
  admin = (await api.call<Staff>('POST', '/staff', { token, body: aStaffMember({ roles: ['admin'] }) })).body;
  provider = (await api.call<Provider>('POST', '/providers', { token, body: aProvider() })).body;
  sessionCookie = await signIn(admin.staffId);
});
afterAll(() => api.close());

/** The browser's three steps through the local issuer; the session cookie they end with. */
async function signIn(staffId: string): Promise<string> {
  const jar = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(url, api.baseUrl), {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  const authorize = new URL((await go('/workspace/sign-in')).headers.get('location') ?? '', api.baseUrl);
  const form = new URLSearchParams(authorize.searchParams);
  form.set('staffIdTyped', staffId);
  const chosen = await go(`${authorize.origin}${authorize.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  await go(chosen.headers.get('location') ?? '');
  const session = jar.get('__Host-workspace-session');
  if (!session) throw new Error('no workspace session');
  return `__Host-workspace-session=${session}`;
}

type PageName = keyof typeof WORKSPACE_ROUTE;
const WORKSPACE_FUNCTIONS = ['workspace', 'workspace-meetings', 'workspace-admin'] as const;
const PAGES_ASKED: Readonly<Record<(typeof WORKSPACE_FUNCTIONS)[number], PageName>> = {
  workspace: 'workspaceProvider',
  'workspace-meetings': 'workspacePolicies',
  'workspace-admin': 'workspaceTeams',
};

/** A GET of a page as API Gateway would hand it to `id`'s function, with or without the session. */
async function ask(id: FunctionId, name: PageName, signedIn: boolean): Promise<APIGatewayProxyStructuredResultV2> {
  const route = WORKSPACE_ROUTE[name];
  const path = route.path.replace('{providerId}', provider.providerId);
  const handler = await loadHandler(id);
  const now = new Date();
  const event = {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath: path,
    rawQueryString: '',
    ...(signedIn ? { cookies: [sessionCookie] } : {}),
    headers: { host: host() },
    ...(path.includes(provider.providerId) ? { pathParameters: { providerId: provider.providerId } } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: host(),
      domainPrefix: 'localhost',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: `workspace-functions-${now.getTime()}`,
      routeKey: routeKey(route),
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  } as unknown as ApiEvent;
  const answer = await handler(event, lambdaContext(`test-${id}`, FUNCTIONS[id].timeoutSeconds));
  return answer as APIGatewayProxyStructuredResultV2;
}

describe('a workspace page asked of each workspace function (issue 17)', () => {
  it.each(WORKSPACE_FUNCTIONS)('the %s function answers its own page', async (id) => {
    const answer = await ask(id, PAGES_ASKED[id], true);

    expect(answer.statusCode).toBe(200);
    // Signed in: the page, with the layout's sign-out form and the stylesheet it names by its content's hash.
    expect(answer.body).toContain('action="/workspace/sign-out"');
    expect(answer.body).toMatch(/\/assets\/workspace\/workspace-[0-9a-f]{12}\.css/);
  });

  it.each(
    WORKSPACE_FUNCTIONS.flatMap((id) =>
      WORKSPACE_FUNCTIONS.filter((other) => other !== id).map((other) => [id, PAGES_ASKED[other], other] as const),
    ),
  )('the %s function answers %s (the %s function’s) with the 404 page', async (id, name) => {
    const answer = await ask(id, name, true);

    expect(answer.statusCode).toBe(404);
    expect(answer.body).toContain('Page not found');
  });

  it.each(WORKSPACE_FUNCTIONS)(
    'the %s function sends a signed-out visitor to sign-in, coming back to the page',
    async (id) => {
      const answer = await ask(id, PAGES_ASKED[id], false);

      expect(answer.statusCode).toBe(303);
      expect(answer.headers?.location).toMatch(/^\/workspace\/sign-in\?returnTo=%2Fworkspace%2F/);
    },
  );
});
