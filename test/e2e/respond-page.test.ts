/// <reference lib="dom" />
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inbox } from '../integration/support/inbox.ts';
import { aSharedTemplate } from '../integration/support/scenarios.ts';
import { browserSuite, screenshots, violations } from './support/browser.ts';

/**
 * The provider's page in a real browser (Debian's Chromium, driven by playwright-core): open the
 * emailed link, fill the form, submit, see the confirmation, and the holder's email arrives.
 * axe-core checks each page for accessibility violations. Playwright starts Chromium with a fresh profile.
 */

const suite = browserSuite();

describe('the provider page in a browser (R-TPL-2, R-TPL-4)', () => {
  it('opens from the email, takes a comment, confirms it, and the holder is told; axe finds nothing', async () => {
    const { token, holder } = await aSharedTemplate(suite.api, suite.admin);
    const page = await suite.browser.newPage();

    await page.goto(`${suite.api.baseUrl}/respond/${token}`);
    const before = await violations(page);
    await page
      .getByLabel('Your comments on serious incidents (optional)')
      .fill('Reviewed at our board; actions agreed.');
    await page.getByRole('button', { name: 'Send to the Care Quality Commission' }).click();
    await page.waitForURL(/\?sent=1$/);
    const after = await violations(page);
    await page.screenshot({ path: join(screenshots, 'respond-confirmation.png'), fullPage: true });

    expect(before).toEqual([]);
    expect(after).toEqual([]);
    await expect(page.getByRole('heading', { name: 'Thank you: we have your comments' })).toBeTruthy();
    expect(await page.textContent('main')).toContain('Reviewed at our board; actions agreed.');
    await expect
      .poll(async () => (await inbox()).some((mail) => mail.destination.to.some((to) => to.includes(holder.email))), {
        timeout: 10_000,
      })
      .toBe(true);
    await page.close();
  });

  it('shows the error summary for an empty submission, focusable and linked to the field; axe finds nothing', async () => {
    const { token } = await aSharedTemplate(suite.api, suite.admin);
    const page = await suite.browser.newPage();

    await page.goto(`${suite.api.baseUrl}/respond/${token}`);
    await page.getByRole('button', { name: 'Send to the Care Quality Commission' }).click();
    const summary = page.locator('.govuk-error-summary');
    const found = await violations(page);
    await page.screenshot({ path: join(screenshots, 'respond-error.png'), fullPage: true });

    expect(await summary.textContent()).toContain('Enter a comment on a section, or add an item');
    expect(await page.title()).toMatch(/^Error: /);
    expect(found).toEqual([]);
    await page.close();
  });

  it('raises a concern added on the page with the action being taken: the confirmation gives its reference and the contact is acknowledged (R-PRV-1); axe finds nothing', async () => {
    const { token, contactEmail } = await aSharedTemplate(suite.api, suite.admin);
    const page = await suite.browser.newPage();

    await page.goto(`${suite.api.baseUrl}/respond/${token}`);
    await page.getByLabel('A significant concern, with the action you are taking').check();
    await page.getByLabel('Tell us about it (optional)').fill('Night staffing on Ward 7 fell below the safe level.');
    await page.getByRole('button', { name: 'Send to the Care Quality Commission' }).click();
    const asked = await page.locator('.govuk-error-summary').textContent();
    await page.getByLabel('The action you are taking (needed for a concern)').fill('Agency nurses booked until March.');
    await page.getByRole('button', { name: 'Send to the Care Quality Commission' }).click();
    await page.waitForURL(/\?sent=1&reference=PE-/);
    const reference = new URL(page.url()).searchParams.get('reference') ?? '';
    const found = await violations(page);
    await page.screenshot({ path: join(screenshots, 'respond-concern-confirmation.png'), fullPage: true });

    expect(asked).toContain('Enter the action you are taking about the concern');
    expect(await page.locator('.govuk-panel').textContent()).toContain(reference);
    expect(found).toEqual([]);
    await expect
      .poll(
        async () =>
          (await inbox()).some(
            (mail) => mail.destination.to.some((to) => to.includes(contactEmail)) && mail.subject.includes(reference),
          ),
        { timeout: 10_000 },
      )
      .toBe(true);
    await page.close();
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const { token } = await aSharedTemplate(suite.api, suite.admin);
    const page = await suite.browser.newPage({ viewport: { width: 375, height: 812 } });

    await page.goto(`${suite.api.baseUrl}/respond/${token}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.screenshot({ path: join(screenshots, 'respond-phone.png'), fullPage: true });

    expect(overflow).toBeLessThanOrEqual(0);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('asks for no font file and no missing resource, and names the service in the service navigation (issue 12 item 18)', async () => {
    const { token } = await aSharedTemplate(suite.api, suite.admin);
    const page = await suite.browser.newPage();
    const asked: string[] = [];
    const failed: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    page.on('requestfailed', (request) => failed.push(`failed ${new URL(request.url()).pathname}`));

    await page.goto(`${suite.api.baseUrl}/respond/${token}`);
    await page.waitForLoadState('networkidle');
    const navigation = page.locator('.govuk-service-navigation');
    const box = await navigation.boundingBox();
    const font = await page.evaluate(() => getComputedStyle(document.querySelector('h1') ?? document.body).fontFamily);
    await page.screenshot({ path: join(screenshots, 'respond-header.png') });

    expect(asked.filter((path) => path.startsWith('/assets/fonts/'))).toEqual([]);
    expect(failed).toEqual([]);
    expect(font).toMatch(/^system-ui/);
    expect(await navigation.textContent()).toContain('Provider engagement');
    // The old header was a 16 px strip with the name against its top edge; the component gives it room.
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(40);
    await page.close();
  });
});
