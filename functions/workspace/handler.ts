import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DynamoSessionStore } from '../../shared/adapters/dynamodb/session-store.ts';
import { httpFunction } from '../../shared/adapters/http/api-function.ts';
import { formOf } from '../../shared/adapters/http/pages/provider-form.ts';
import { findAsset } from '../../shared/adapters/http/workspace/assets.ts';
import { html } from '../../shared/adapters/http/workspace/html.ts';
import { htmlAnswer, pageHeaders, workspacePage } from '../../shared/adapters/http/workspace/layout.ts';
import { type OpenIdSettings, SignInRefused } from '../../shared/adapters/http/workspace/open-id.ts';
import {
  currentSession,
  finishSignIn,
  postedFromOurPage,
  signOut,
  startSignIn,
} from '../../shared/adapters/http/workspace/session.ts';
import { staffDirectoryFor } from '../../shared/adapters/identity/staff-directory.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import { routeKey } from '../../shared/definitions/route-definition.ts';
import { WORKSPACE_ROUTE } from '../../shared/definitions/workspace-routes.ts';
import { londonDate } from '../../shared/domain/calendar.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/domain/errors.ts';
import { hasLeft } from '../../shared/domain/leaver.ts';
import { logger } from '../../shared/observability/logger.ts';
import { loggableError } from '../../shared/observability/redact.ts';
import { authOrigin, type PageRequest, redirect } from './context.ts';
import { register } from './deps.ts';
import { PAGES } from './pages.ts';

/**
 * The staff workspace (issue 15): HTML pages under /workspace. Sign-in is OAuth 2.0 authorization code
 * + PKCE against Cognito managed login (the local issuer locally); the session cookie authenticates
 * every other page. Each page handler maps its route to the same use case and role check as the API.
 */
const config = readEnv([ENV.sessionsTable, ENV.workspaceIssuer, ENV.workspaceClientId]);
// Set together by the stack in AWS; both absent locally (see settingsFor).
const configuredOrigin = process.env[ENV.workspaceOrigin];
const configuredAuth = process.env[ENV.workspaceAuthBaseUrl];
if ((configuredOrigin === undefined) !== (configuredAuth === undefined)) {
  throw new Error(`Set both ${ENV.workspaceOrigin} and ${ENV.workspaceAuthBaseUrl}, or neither (the local stack)`);
}
const sessions = new DynamoSessionStore(config.SESSIONS_TABLE);
const sessionDeps = {
  sessions,
  // R-TEAM-5: from their leaving day (POST /staff/{id}/departure) a leaver is out at the next request, here as
  // well as at the identity provider (which the local stack's directory does not disable).
  // Sign-out ends the person's tokens at the identity provider too (Cognito in AWS, the local issuer locally).
  directory: staffDirectoryFor(process.env[ENV.staffUserPoolId]),
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
function settingsFor(event: Parameters<typeof currentSession>[2]): OpenIdSettings {
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

const ROUTE_BY_KEY = new Map(Object.entries(WORKSPACE_ROUTE).map(([name, route]) => [routeKey(route), name]));

function plainPage(settings: OpenIdSettings, status: number, title: string, body: ReturnType<typeof html>) {
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

async function dispatch(event: Parameters<typeof currentSession>[2]): Promise<APIGatewayProxyStructuredResultV2> {
  const name = ROUTE_BY_KEY.get(event.routeKey);
  const settings = settingsFor(event);
  const now = new Date();
  try {
    if (name === 'workspaceAsset') {
      const asset = findAsset(event.pathParameters?.file ?? '');
      if (!asset) throw new NotFoundError('No such file');
      return {
        statusCode: 200,
        headers: {
          'content-type': asset.contentType,
          'cache-control': 'public, max-age=31536000, immutable',
          'x-content-type-options': 'nosniff',
        },
        body: asset.body,
      };
    }
    if (name === 'workspaceSignIn') {
      const started = await startSignIn(sessionDeps, settings, event.queryStringParameters?.returnTo, now);
      return {
        statusCode: 302,
        headers: { location: started.location, 'cache-control': 'no-store' },
        cookies: started.cookies,
      };
    }
    if (name === 'workspaceCallback') {
      try {
        const finished = await finishSignIn(sessionDeps, settings, event, now);
        return redirect(finished.location, finished.cookies);
      } catch (error) {
        if (!(error instanceof SignInRefused)) throw error;
        logger.warn('Workspace sign-in refused', { reason: error.message });
        return plainPage(
          settings,
          400,
          'You could not be signed in',
          html`<p class="govuk-body">${error.message}.</p><p class="govuk-body"><a class="govuk-link" href="/workspace/sign-in">Sign in again</a></p>`,
        );
      }
    }
    if (name === 'workspaceSignedOut') {
      return plainPage(
        settings,
        200,
        'You have signed out',
        html`<p class="govuk-body"><a class="govuk-link" href="/workspace/sign-in">Sign in again</a></p>`,
      );
    }
    const check = await currentSession(sessionDeps, settings, event, now);
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
      if (name === 'workspaceSignOut') {
        const out = await signOut(sessionDeps, settings, event, check.session, now);
        return redirect(out.location, out.cookies);
      }
      const post = name ? PAGES.post[name] : undefined;
      if (!post) throw new NotFoundError('No such page');
      return await post(request, form);
    }
    const get = name ? PAGES.get[name] : undefined;
    if (!get) throw new NotFoundError('No such page');
    return await get(request);
  } catch (error) {
    return problemPage(settings, error);
  }
}

export const handler = httpFunction(dispatch);
