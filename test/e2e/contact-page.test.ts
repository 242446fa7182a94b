/// <reference lib="dom" />
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Submission } from '../../shared/schemas/contact.ts';
import { aContactableProvider } from '../integration/support/contact.ts';
import { inbox } from '../integration/support/inbox.ts';
import { browserSuite, screenshots, violations } from './support/browser.ts';

/**
 * The provider's contact page in a real browser (Debian's Chromium, driven by playwright-core): open the
 * link, raise a concern with the action being taken, see the reference, and the acknowledgement arrives;
 * answer an information request. axe-core checks each page for accessibility violations.
 */

const suite = browserSuite();

describe('the contact page in a browser (R-REL-4, R-PRV-1, R-PRV-5)', () => {
  it('raises a concern with the action taken, shows the reference and who handles it; axe finds nothing', async () => {
    const { token, holder, contact } = await aContactableProvider(suite.api, suite.admin, 'nhs-trust');
    const page = await suite.browser.newPage();

    await page.goto(`${suite.api.baseUrl}/contact/${token}`);
    const before = await violations(page);
    await page.getByLabel('A significant concern about quality, with the action you are taking').check();
    await page.getByLabel('Tell us about it').fill('Two medication errors on ward 4 this week.');
    await page.getByLabel('What action are you taking? (needed for a concern)').fill('Second checks on every round.');
    await page.getByRole('button', { name: 'Send to the Care Quality Commission' }).click();
    await page.waitForURL(/\?sent=PE-/);
    const after = await violations(page);
    await page.screenshot({ path: join(screenshots, 'contact-confirmation.png'), fullPage: true });

    expect(before).toEqual([]);
    expect(after).toEqual([]);
    const reference = /sent=(PE-[0-9A-Z-]+)/.exec(page.url())?.[1] ?? '';
    expect(await page.textContent('.govuk-panel')).toContain(reference);
    expect(await page.textContent('main')).toContain(`${holder?.name}, your relationship holder, will handle it.`);
    const stored = await suite.api.call<Submission>('GET', `/submissions/${reference}`, { token: suite.admin });
    expect(stored.body).toMatchObject({ kind: 'concern', actionTaken: 'Second checks on every round.' });
    await expect
      .poll(async () => (await inbox()).some((mail) => mail.destination.to.some((to) => to.includes(contact.email))), {
        timeout: 10_000,
      })
      .toBe(true);
    await page.close();
  });

  it('shows the error summary for a concern without its action, linked to the field; axe finds nothing', async () => {
    const { token } = await aContactableProvider(suite.api, suite.admin, 'nhs-trust');
    const page = await suite.browser.newPage();

    await page.goto(`${suite.api.baseUrl}/contact/${token}`);
    await page.getByLabel('A significant concern about quality, with the action you are taking').check();
    await page.getByLabel('Tell us about it').fill('Staffing at night.');
    await page.getByRole('button', { name: 'Send to the Care Quality Commission' }).click();
    const summary = page.locator('.govuk-error-summary');
    const found = await violations(page);
    await page.screenshot({ path: join(screenshots, 'contact-error.png'), fullPage: true });

    expect(await summary.textContent()).toContain('Enter the action you are taking about the concern');
    expect(await summary.locator('a').getAttribute('href')).toBe('#action-taken');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByLabel('Tell us about it').inputValue()).toBe('Staffing at night.');
    expect(found).toEqual([]);
    await page.close();
  });

  it('answers an information request on a phone-width page without sideways scrolling; axe finds nothing', async () => {
    const { token, provider } = await aContactableProvider(suite.api, suite.admin, 'nhs-trust');
    const asked = await suite.api.call<{ reference: string }>(
      'POST',
      `/providers/${provider.providerId}/information-requests`,
      {
        token: suite.admin,
        body: { signal: 'deterioration', question: 'Why did falls rise in the quarter?', dueOn: '2030-06-30' },
      },
    );
    const page = await suite.browser.newPage({ viewport: { width: 375, height: 812 } });

    await page.goto(`${suite.api.baseUrl}/contact/${token}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const before = await violations(page);
    await page
      .getByLabel(`Your answer to ${asked.body.reference} (optional)`)
      .fill('A new ward opened with agency staff.');
    await page.getByRole('button', { name: 'Send to the Care Quality Commission' }).click();
    await page.waitForURL(/answered=/);
    await page.screenshot({ path: join(screenshots, 'contact-phone.png'), fullPage: true });

    expect(overflow).toBeLessThanOrEqual(0);
    expect(before).toEqual([]);
    expect(await page.textContent('.govuk-panel')).toContain('Answer sent');
    expect(await violations(page)).toEqual([]);
    await page.close();
  });
});
