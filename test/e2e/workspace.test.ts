/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { aProvider, aStaffMember } from '../integration/support/builders.ts';
import { aBookedMeeting } from '../integration/support/scenarios.ts';
import { browserSuite } from './support/browser.ts';
import { checkPage, signIn, workspaceOrigin } from './support/workspace.ts';

/**
 * The staff workspace in Debian's Chromium (issue 15): sign in through the local issuer (the same
 * authorization code + PKCE flow as Cognito managed login), see my work, open a provider, and sign out.
 * axe-core checks every page; no page scrolls sideways; screenshots land in .cache/screenshots/.
 */
const suite = browserSuite();

describe('the staff workspace in a browser', () => {
  it('signs the demo holder in through the local issuer and shows my work with their relationship', async () => {
    const { trust, holder } = await aBookedMeeting(suite.api, suite.admin);
    const { context, page, errors } = await signIn(suite.browser, suite.api.baseUrl, holder.staffId);

    await checkPage(page, 'my-work');
    const enhanced = await page.evaluate(() => document.body.classList.contains('govuk-frontend-supported'));

    expect(new URL(page.url()).pathname).toBe('/workspace');
    expect(await page.textContent('.moj-identity-bar')).toContain(holder.name);
    expect(await page.textContent('main')).toContain(trust.name);
    const cookies = await context.cookies();
    const session = cookies.find((cookie) => cookie.name === '__Host-workspace-session');
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    // govuk-frontend's own script ran under the strict CSP, with nothing refused.
    expect(enhanced).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('goes back to the page asked for after signing in, and shows the provider with MOJ sub navigation', async () => {
    const { trust, holder } = await aBookedMeeting(suite.api, suite.admin);
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, holder.staffId, {
      path: `/workspace/providers/${trust.providerId}`,
    });

    await checkPage(page, 'provider-overview');
    expect(new URL(page.url()).pathname).toBe(`/workspace/providers/${trust.providerId}`);
    expect(await page.textContent('h1')).toBe(trust.name);

    await page.getByRole('link', { name: 'Relationships' }).click();
    await checkPage(page, 'provider-relationships');
    await page.getByRole('link', { name: 'Engagement plan' }).click();
    await checkPage(page, 'provider-plan');
    await page.getByRole('link', { name: 'Meetings', exact: true }).click();
    await checkPage(page, 'provider-meetings');
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await checkPage(page, 'provider-audit');
    await page.getByRole('link', { name: 'Providers', exact: true }).click();
    await checkPage(page, 'providers');
    await context.close();
  });

  it('signs out: the session ends, and the old cookie no longer opens a page', async () => {
    const holder = (await suite.api.call<Staff>('POST', '/staff', { token: suite.admin, body: aStaffMember() })).body;
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, holder.staffId);
    const [before] = (await context.cookies()).filter((cookie) => cookie.name === '__Host-workspace-session');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/workspace\/sign-out$/);
    await checkPage(page, 'signed-out');
    const replay = await fetch(`${workspaceOrigin(suite.api.baseUrl)}/workspace`, {
      headers: { cookie: `__Host-workspace-session=${before?.value}` },
      redirect: 'manual',
    });

    expect(await page.textContent('h1')).toBe('You have signed out');
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toMatch(/^\/workspace\/sign-in/);
    await context.close();
  });

  it('lets an allocator allocate a holder, and names the rule when the policy refuses (R-REL-1)', async () => {
    const trust = (await suite.api.call<Provider>('POST', '/providers', { token: suite.admin, body: aProvider() }))
      .body;
    const [manager, specialist] = await Promise.all(
      (['inspection-manager', 'senior-specialist'] as const).map(
        async (role) =>
          (await suite.api.call<Staff>('POST', '/staff', { token: suite.admin, body: aStaffMember({ roles: [role] }) }))
            .body,
      ),
    );
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, manager?.staffId ?? '', {
      path: `/workspace/providers/${trust.providerId}/relationships`,
    });

    await page.getByLabel('Provider relationship holder').check();
    await page.getByLabel('Who').selectOption({ value: specialist?.staffId ?? '' });
    await page.getByLabel('Reason').fill('Covering while the holder is away');
    await page.getByRole('button', { name: 'Allocate' }).click();
    await checkPage(page, 'allocation-error');

    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.textContent('.govuk-error-summary')).toMatch(/R-REL-\d/);
    await context.close();
  });
});
