import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ASSET_PREFIX, workspaceAssets } from './assets.ts';
import {
  errorSummary,
  genericHeader,
  identityBar,
  type NavigationItem,
  phaseBanner,
  serviceNavigation,
  skipLink,
} from './components.ts';
import { html, type SafeHtml } from './html.ts';
import { ADMIN_HOME, mayOpenAdmin } from './views/admin-nav.ts';

/**
 * Every workspace page: skip link, header (not GOV.UK's: this is the regulator's service), service
 * navigation, phase banner, MOJ identity bar with who is signed in and a sign-out button, the main
 * content, footer. Strict headers: scripts, styles and images from this origin only, forms post to
 * this origin (and the identity provider, which sign-out redirects to), no framing, nothing cached.
 */
export interface Viewer {
  name: string;
  roles: readonly string[];
  formToken: string;
}

export interface PageOptions {
  title: string;
  viewer: Viewer | null;
  /** Which service navigation item is current. */
  section?: 'my-work' | 'providers' | 'admin';
  main: SafeHtml;
  /** Field problems: shown in the error summary; the title starts "Error:". */
  problems?: readonly { href: string; text: string }[];
}

export const SERVICE_NAME = 'Provider engagement';

const roleWords = (role: string) => role.replace(/-/g, ' ');

export function workspacePage(options: PageOptions): string {
  const assets = workspaceAssets();
  const problems = options.problems ?? [];
  const navigation: NavigationItem[] = options.viewer
    ? [
        { href: '/workspace', text: 'My work', active: options.section === 'my-work' },
        { href: '/workspace/providers', text: 'Providers', active: options.section === 'providers' },
        // Admin only for those who may use it (views/admin-nav.ts).
        ...(mayOpenAdmin(options.viewer.roles)
          ? [{ href: ADMIN_HOME, text: 'Admin', active: options.section === 'admin' }]
          : []),
      ]
    : [];
  const viewer = options.viewer;
  return html`<!DOCTYPE html>
<html lang="en" class="govuk-template">
<head>
<meta charset="utf-8">
<title>${problems.length > 0 ? 'Error: ' : ''}${options.title} – ${SERVICE_NAME} – Care Quality Commission</title>
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="robots" content="noindex, nofollow">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ASSET_PREFIX}${assets.stylesheet.name}">
</head>
<body class="govuk-template__body">
${skipLink({ text: 'Skip to main content', href: '#main-content' })}
<header class="govuk-template__header">
${genericHeader({ logoText: 'Care Quality Commission', homepageUrl: '/workspace' })}
${serviceNavigation({ serviceName: SERVICE_NAME, serviceUrl: '/workspace', navigation })}
${phaseBanner({ tag: { text: 'Beta' }, text: 'This is a new service for regulator staff. Tell the service team what to improve.' })}
${
  viewer
    ? identityBar({
        title: html`Signed in as <strong>${viewer.name}</strong> (${viewer.roles.map(roleWords).join(', ')})`,
        actions: html`<form method="post" action="/workspace/sign-out" novalidate><input type="hidden" name="formToken" value="${viewer.formToken}"><button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">Sign out</button></form>`,
      })
    : ''
}
</header>
<div class="govuk-width-container">
<main class="govuk-main-wrapper" id="main-content">
${problems.length > 0 ? errorSummary({ titleText: 'There is a problem', errorList: [...problems] }) : ''}
${options.main}
</main>
</div>
<footer class="govuk-footer">
<div class="govuk-width-container"><div class="govuk-footer__meta"><div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
<p class="govuk-body-s">Care Quality Commission – ${SERVICE_NAME}, for regulator staff. What you see here may include sensitive information about providers: do not share it outside the regulator.</p>
</div></div></div>
</footer>
<script type="module" src="${ASSET_PREFIX}${assets.init.name}"></script>
</body>
</html>`.value;
}

export function pageHeaders(authOrigin: string | null): Record<string, string> {
  const formAction = ["'self'", authOrigin].filter(Boolean).join(' ');
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    'referrer-policy': 'same-origin',
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  };
}

export const htmlAnswer = (
  statusCode: number,
  body: string,
  headers: Record<string, string>,
  cookies?: string[],
): APIGatewayProxyStructuredResultV2 => ({ statusCode, headers, body, ...(cookies?.length ? { cookies } : {}) });
