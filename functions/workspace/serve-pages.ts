import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DynamoSessionStore } from '../../shared/adapters/dynamodb/session-store.ts';
import { type ApiEvent, httpFunction } from '../../shared/adapters/http/api-function.ts';
import { formOf } from '../../shared/adapters/http/pages/provider-form.ts';
import { html, type SafeHtml } from '../../shared/adapters/http/workspace/html.ts';
import { htmlAnswer, pageHeaders, workspacePage } from '../../shared/adapters/http/workspace/layout.ts';
import type { OpenIdSettings } from '../../shared/adapters/http/workspace/open-id.ts';
import { currentSession, postedFromOurPage } from '../../shared/adapters/http/workspace/session.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import { routeKey } from '../../shared/definitions/route-definition.ts';
import { londonDate } from '../../shared/domain/calendar.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/domain/errors.ts';
import { hasLeft } from '../../shared/domain/leaver.ts';
import { logger } from '../../shared/observability/logger.ts';
import { loggableError } from '../../shared/observability/redact.ts';
import { authOrigin, type PageRequest, type PageTable, redirect } from './context.ts';
import { register } from './stores.ts';

/**
 * What every workspace function does before its pages (issue 15), in one place for all of them (issue 17: the
 * workspace is split into functions by page group, as the API is by resource): find the page, check the session
 * (a signed-out visitor goes to sign-in), check a posted form came from our page, and answer the problem pages.
 * A page asked of a function that does not serve it answers the same 404 page as an unknown one.
 */
const config = readEnv([ENV.sessionsTable, ENV.workspaceIssuer, ENV.workspaceClientId]);
// Set together by the stack in AWS; both absent locally (see settingsFor).
const configuredOrigin = process.env[ENV.workspaceOrigin];
const configuredAuth = process.env[ENV.workspaceAuthBaseUrl];
if ((configuredOrigin === undefined) !== (configuredAuth === undefined)) {
  throw new Error(`Set both ${ENV.workspaceOrigin} and ${ENV.workspaceAuthBaseUrl}, or neither (the local stack)`);
}

/** The session store and the staff check every page's session check uses (the sign-in pages add the directory). */
export const sessionChecks = {
  sessions: new DynamoSessionStore(config.SESSIONS_TABLE),
  // R-TEAM-5: from their leaving day (POST /staff/{id}/departure) a leaver is out at the next request, here as
  // well as at the identity provider (which the local stack's directory does not disable).
  stillOnStaff: async (staffId: string) => {
    const staff = await register.getStaff(staffId);
    return staff && !hasLeft(staff, londonDate(new Date())) ? staff : null;
  },
};

/**
 * The identity provider's URLs. In AWS every value comes from the stack (WORKSPACE_AUTH_BASE_URL and
 * WORKSPACE_ORIGIN are set); only the local stack leaves them out, and then the local issuer is mounted
 * on the origin the request came to.
 */
function settingsFor(event: ApiEvent): OpenIdSettings {
  const origin = configuredOrigin ?? `http://${event.headers.host ?? 'localhost'}`;
  const authBaseUrl = configuredAuth ?? `${origin}/local-issuer`;
  return {
    issuer: config.WORKSPACE_ISSUER,
    clientId: config.WORKSPACE_CLIENT_ID,
    authBaseUrl,
    jwksUrl: `${configuredAuth ? config.WORKSPACE_ISSUER : authBaseUrl}/.well-known/jwks.json`,
    redirectUri: `${origin}/workspace/auth/callback`,
    signOutUri: `${origin}/workspace/sign-out`,
  };
}

/** This function's pages by route key, inlined by the build (shared/definitions/route-table.ts); never read unbundled. */
declare const INLINED_WORKSPACE_PAGE_NAMES: Readonly<Record<string, string>>;

/**
 * Which page a route key names. In a bundle, this function's own pages are inlined at build time, so a cold
 * start parses no workspace route definitions (issue 17); unbundled (tests, the local stack) they come from
 * the definitions, once, every page's: a page of another function's is then found by name but is not in
 * this function's table, and answers the same 404 page.
 */
let pageNames: Promise<ReadonlyMap<string, string>> | undefined;
const pageNamed = async (key: string): Promise<string> => {
  pageNames ??=
    process.env.WORKSPACE_ROUTES_INLINED === 'yes'
      ? Promise.resolve(new Map(Object.entries(INLINED_WORKSPACE_PAGE_NAMES)))
      : import('../../shared/definitions/workspace-routes.ts').then(
          ({ WORKSPACE_ROUTE }) =>
            new Map(Object.entries(WORKSPACE_ROUTE).map(([name, route]) => [routeKey(route), name])),
        );
  return (await pageNames).get(key) ?? '';
};

/** A page with a heading and a few words, for no one in particular (signed out, or a problem). */
export function plainPage(settings: OpenIdSettings, status: number, title: string, body: SafeHtml) {
  return htmlAnswer(
    status,
    workspacePage({ title, viewer: null, main: html`<h1 class="govuk-heading-l">${title}</h1>${body}` }),
    pageHeaders(authOrigin(settings)),
  );
}

const problemPage = (settings: OpenIdSettings, error: unknown): APIGatewayProxyStructuredResultV2 => {
  if (error instanceof NotFoundError)
    return plainPage(settings, 404, 'Page not found', html`<p class="govuk-body">${error.message}.</p>`);
  if (error instanceof ValidationError)
    return plainPage(
      settings,
      400,
      'This address is not valid',
      html`<p class="govuk-body">Go back and follow a link from the page.</p>`,
    );
  if (error instanceof ForbiddenError)
    return plainPage(
      settings,
      403,
      'You cannot do this',
      html`<p class="govuk-body">${error.message}. Ask an administrator if you need it.</p><p class="govuk-body"><a class="govuk-link" href="/workspace">Go to my work</a></p>`,
    );
  logger.error('Workspace page failed', loggableError(error));
  return plainPage(
    settings,
    500,
    'Sorry, there is a problem with the service',
    html`<p class="govuk-body">Try again later. Nothing you sent has been lost if the page said it was saved.</p>`,
  );
};

/** A workspace function's handler: the checks above, then the page of `pages` the route names. */
export function servePages(pages: PageTable) {
  async function dispatch(event: ApiEvent): Promise<APIGatewayProxyStructuredResultV2> {
    const name = await pageNamed(event.routeKey);
    const settings = settingsFor(event);
    const now = new Date();
    try {
      const open = pages.open?.[name];
      if (open) return await open(event, settings, now);
      const check = await currentSession(sessionChecks, settings, event, now);
      if (check.kind === 'signed-out') {
        const returnTo =
          event.requestContext.http.method === 'GET'
            ? `${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`
            : '/workspace';
        return redirect(`/workspace/sign-in?returnTo=${encodeURIComponent(returnTo)}`, check.cookies);
      }
      const path = Object.fromEntries(
        Object.entries(event.pathParameters ?? {}).map(([key, value]) => [key, value ?? '']),
      );
      const request: PageRequest = { event, session: check.session, settings, path, now };
      if (event.requestContext.http.method === 'POST') {
        const form = formOf(event);
        if (!form) return plainPage(settings, 413, 'What you sent is too long', html``);
        if (!postedFromOurPage(event, form, check.session)) {
          return plainPage(
            settings,
            403,
            'This form has expired',
            html`<p class="govuk-body">Go back, reload the page and send it again.</p>`,
          );
        }
        const post = pages.post[name];
        if (!post) throw new NotFoundError('No such page');
        return await post(request, form);
      }
      const get = pages.get[name];
      if (!get) throw new NotFoundError('No such page');
      return await get(request);
    } catch (error) {
      return problemPage(settings, error);
    }
  }
  return httpFunction(dispatch);
}
