import { findAsset } from '../../shared/adapters/http/workspace/assets.ts';
import { html } from '../../shared/adapters/http/workspace/html.ts';
import { SignInRefused } from '../../shared/adapters/http/workspace/open-id.ts';
import { finishSignIn, signOut, startSignIn } from '../../shared/adapters/http/workspace/session.ts';
import { staffDirectoryFor } from '../../shared/adapters/identity/staff-directory.ts';
import { ENV } from '../../shared/config/env.ts';
import { NotFoundError } from '../../shared/domain/errors.ts';
import { logger } from '../../shared/observability/logger.ts';
import { type PageTable, redirect } from './context.ts';
import { PROVIDER_PAGES } from './pages.ts';
import { plainPage, servePages, sessionChecks } from './serve-pages.ts';

/**
 * The staff workspace (issue 15): HTML pages under /workspace. Sign-in is OAuth 2.0 authorization code
 * + PKCE against Cognito managed login (the local issuer locally); the session cookie authenticates
 * every other page. Each page handler maps its route to the same use case and role check as the API.
 *
 * This function (issue 17: one of three, by page group; shared/definitions/functions.ts) serves sign-in and
 * sign-out, the assets, my work and the provider and register pages; functions/workspace-meetings/ and
 * functions/workspace-admin/ serve the others through the same checks (serve-pages.ts).
 */
const sessionDeps = {
  ...sessionChecks,
  // Sign-out ends the person's tokens at the identity provider too (Cognito in AWS, the local issuer locally).
  directory: staffDirectoryFor(process.env[ENV.staffUserPoolId]),
};

export const PAGES: PageTable = {
  open: {
    workspaceAsset: async (event) => {
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
    },
    workspaceSignIn: async (event, settings, now) => {
      const started = await startSignIn(sessionDeps, settings, event.queryStringParameters?.returnTo, now);
      return {
        statusCode: 302,
        headers: { location: started.location, 'cache-control': 'no-store' },
        cookies: started.cookies,
      };
    },
    workspaceCallback: async (event, settings, now) => {
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
    },
    workspaceSignedOut: async (_event, settings) =>
      plainPage(
        settings,
        200,
        'You have signed out',
        html`<p class="govuk-body"><a class="govuk-link" href="/workspace/sign-in">Sign in again</a></p>`,
      ),
  },
  get: PROVIDER_PAGES.get,
  post: {
    ...PROVIDER_PAGES.post,
    workspaceSignOut: async (request) => {
      const out = await signOut(sessionDeps, request.settings, request.event, request.session, request.now);
      return redirect(out.location, out.cookies);
    },
  },
};

export const handler = servePages(PAGES);
