import { STRICT_TRANSPORT_SECURITY } from '../responses.ts';

/** HTML-escapes text for element content and attribute values. */
export const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

export const STYLESHEET_PATH = '/assets/govuk-frontend.min.css';

/**
 * Headers on every provider page: nothing loads but our own stylesheet, no framing, the link's
 * token never leaks in a Referer, nothing is cached (the page holds the provider's words), HTTPS only.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  ...STRICT_TRANSPORT_SECURITY,
};

export const SERVICE_NAME = 'Provider engagement';

/**
 * The service name, as GOV.UK Frontend's service navigation component renders it ("with service name"
 * in the component's fixtures.json, which test/unit/provider-page-markup.test.ts compares it with).
 * This is the regulator's service, not GOV.UK's: the GOV.UK header carries the GOV.UK logo and links to
 * GOV.UK, so it is left out, and the service navigation names the service on its own, as the Design
 * System shows for a service name without navigation.
 */
export const serviceNavigation = (
  serviceName: string,
): string => `<section aria-label="Service information" class="govuk-service-navigation"
data-module="govuk-service-navigation"
>
<div class="govuk-width-container">
<div class="govuk-service-navigation__container">
<span class="govuk-service-navigation__service-name">
<span class="govuk-service-navigation__text">${escapeHtml(serviceName)}</span>
</span>
</div>
</div>
</section>`;

/** The GOV.UK Frontend page template, without the crown: this is the regulator's service, not GOV.UK's. */
export function layout(title: string, main: string): string {
  return `<!DOCTYPE html>
<html lang="en" class="govuk-template">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} – ${SERVICE_NAME} – Care Quality Commission</title>
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="robots" content="noindex, nofollow">
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body class="govuk-template__body">
<a href="#main-content" class="govuk-skip-link">Skip to main content</a>
<header class="govuk-template__header">
${serviceNavigation(SERVICE_NAME)}
</header>
<div class="govuk-width-container">
<main class="govuk-main-wrapper" id="main-content" role="main">
${main}
</main>
</div>
<footer class="govuk-footer" role="contentinfo">
<div class="govuk-width-container"><p class="govuk-body-s">Care Quality Commission. This page was sent to you by your relationship holder; do not share its address.</p></div>
</footer>
</body>
</html>`;
}
