import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../shared/definitions/routes.ts';
import { browserSuite, screenshots } from './support/browser.ts';

/**
 * GET /docs (issue 18): the API reference a person reads, rendered in the browser by Redoc from
 * /openapi.json, with every script from this API and nothing the page's CSP refuses.
 */
const suite = browserSuite();
/**
 * Redoc's sidebar tries its maker's logo from their CDN and hides it when it does not load: the CSP
 * blocks that request, which is the CSP doing its job, so that one refusal is expected.
 */
const REDOC_LOGO = 'https://cdn.redoc.ly/redoc/logo-mini.svg';

describe('the API reference page', () => {
  it('renders every operation from /openapi.json, loading only our own assets, within its CSP', async () => {
    const page = await suite.browser.newPage();
    const refused: string[] = [];
    const requested: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes(REDOC_LOGO)) refused.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) refused.push(`${response.status()} ${response.url()}`);
    });
    page.on('pageerror', (error) => refused.push(error.message));
    // What the browser actually fetched (a request the CSP blocks fails instead).
    page.on('requestfinished', (request) => requested.push(request.url()));

    const answer = await page.goto(`${suite.api.baseUrl}/docs`);
    // Each operation's summary is a heading in the reference's middle column.
    await page.getByRole('heading', { name: 'Register a provider (sector, Market Oversight, contacts)' }).waitFor();

    expect(answer?.status()).toBe(200);
    expect(answer?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(refused).toEqual([]);
    expect(requested.filter((url) => !url.startsWith(suite.api.baseUrl) && !url.startsWith('blob:'))).toEqual([]);
    expect(requested).toContain(`${suite.api.baseUrl}/openapi.json`);
    await page.screenshot({ path: join(screenshots, 'api-docs.png') });
    const headings = (await page.getByRole('heading', { level: 2 }).allTextContents()).map((text) => text.trim());
    expect(ROUTES.map((route) => route.summary).filter((summary) => !headings.includes(summary))).toEqual([]);
    await page.close();
  });

  it('serves the renderer compressed to a browser that accepts gzip, and cacheable', async () => {
    const plain = await suite.api.call('GET', '/docs/redoc.standalone.js', {
      headers: { 'accept-encoding': 'identity' },
    });
    const gzipped = await fetch(`${suite.api.baseUrl}/docs/redoc.standalone.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });

    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(plain.text.length).toBeGreaterThan(500_000);
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    // fetch inflates it: the same script.
    expect(await gzipped.text()).toBe(plain.text);
  });
});
