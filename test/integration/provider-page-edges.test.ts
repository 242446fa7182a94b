import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STYLESHEET_OUTPUT } from '../../infra/local/build-stylesheet.ts';
import type { ProviderComment } from '../../shared/schemas/template.ts';
import { aContactableProvider, formTokenIn } from './support/contact.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';
import { aSharedTemplate } from './support/scenarios.ts';

/**
 * The provider pages' edges (issue 12): forged form tokens and link tokens with non-ASCII characters
 * (item 7) are refused as forgeries, never a 500; the pages ask for no font file, name the service
 * with GOV.UK Frontend's service navigation, and every answer carries HSTS (item 18).
 */
let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

const postForm = (path: string, fields: Record<string, string>) =>
  fetch(`${api.baseUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

/** A form token of the right length (43 characters) with one character changed to `character`. */
const forgedLike = (token: string, character: string) => `${character}${token.slice(1)}`;

describe('a forged form token of the right length with a non-ASCII character (issue 12 item 7)', () => {
  it.each(['é', '€', '😀', '\u0000'])(
    'is refused on the template page with 403 (%s), and nothing is kept',
    async (ch) => {
      const { meeting, token } = await aSharedTemplate(api, admin);
      const form = formTokenIn((await api.call<string>('GET', `/respond/${token}`)).text);
      expect(form).toHaveLength(43);

      const answer = await postForm(`/respond/${token}`, { formToken: forgedLike(form, ch), 'comment-other': 'Hello' });

      expect(answer.status).toBe(403);
      const comments = await api.call<{ items: ProviderComment[] }>('GET', `/meetings/${meeting.meetingId}/comments`, {
        token: admin,
      });
      expect(comments.body.items).toEqual([]);
    },
  );

  it.each(['é', '€', '😀'])('is refused on the contact page with 403 (%s), and nothing is kept', async (ch) => {
    const { provider, token } = await aContactableProvider(api, admin, 'nhs-trust');
    const form = formTokenIn((await api.call<string>('GET', `/contact/${token}`)).text);

    const answer = await postForm(`/contact/${token}`, {
      formToken: forgedLike(form, ch),
      kind: 'feedback',
      details: 'Thank you',
    });

    expect(answer.status).toBe(403);
    const submissions = await api.call<{ items: unknown[] }>('GET', `/providers/${provider.providerId}/submissions`, {
      token: admin,
    });
    expect(submissions.body.items).toEqual([]);
  });

  it('still accepts the real form token', async () => {
    const { token } = await aContactableProvider(api, admin, 'nhs-trust');
    const form = formTokenIn((await api.call<string>('GET', `/contact/${token}`)).text);

    const answer = await postForm(`/contact/${token}`, { formToken: form, kind: 'feedback', details: 'Thank you' });

    expect(answer.status).toBe(303);
  });
});

describe('a link token with a non-ASCII character (issue 12 item 7)', () => {
  it.each(['respond', 'contact'])('is "This link does not work" (404) on /%s, never a 500', async (page) => {
    const { token } = await aContactableProvider(api, admin, 'nhs-trust');
    const [version, payload, signature = ''] = token.split('.');
    const forged = encodeURIComponent(`${version}.${payload}.é${signature.slice(1)}`);

    const [opened, posted] = await Promise.all([
      api.call<string>('GET', `/${page}/${forged}`),
      postForm(`/${page}/${forged}`, { formToken: 'x'.repeat(43) }),
    ]);

    expect(opened.status).toBe(404);
    expect(opened.text).toContain('This link does not work');
    expect([403, 404]).toContain(posted.status);
  });
});

describe('fonts, header and HSTS (issue 12 item 18)', () => {
  const HSTS = 'max-age=31536000; includeSubDomains';

  it('serves the stylesheet built with the system font stack, which asks for no font file', async () => {
    const answer = await fetch(`${api.baseUrl}/assets/govuk-frontend.min.css`);
    const css = await answer.text();

    expect(answer.status).toBe(200);
    expect(css).toBe(readFileSync(STYLESHEET_OUTPUT, 'utf8'));
    expect(css).not.toMatch(/@font-face|\/assets\/fonts\//);
    expect(answer.headers.get('strict-transport-security')).toBe(HSTS);
  });

  it('names the service in the service navigation on the template and contact pages, with HSTS', async () => {
    const [{ token: respondToken }, { token: contactToken }] = await Promise.all([
      aSharedTemplate(api, admin),
      aContactableProvider(api, admin, 'nhs-trust'),
    ]);

    for (const path of [`/respond/${respondToken}`, `/contact/${contactToken}`, '/respond/v1.forged.link']) {
      const page = await api.call<string>('GET', path);
      expect(page.text).toContain('<span class="govuk-service-navigation__text">Provider engagement</span>');
      expect(page.text).not.toContain('govuk-header');
      expect(page.headers.get('strict-transport-security')).toBe(HSTS);
      // No font is ours to serve: the policy allows none (default-src 'none', no font-src).
      expect(page.headers.get('content-security-policy')).not.toContain('font-src');
    }
  });

  it('sends HSTS with the JSON API’s answers, errors included', async () => {
    const [health, missing] = await Promise.all([
      api.call('GET', '/health'),
      api.call('GET', '/providers/01J00000000000000000000000', { token: admin }),
    ]);

    expect(health.headers.get('strict-transport-security')).toBe(HSTS);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('strict-transport-security')).toBe(HSTS);
  });
});
