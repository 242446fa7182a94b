/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import type { JobRun } from '../../shared/schemas/jobs.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { aProvider, aStaffMember } from '../integration/support/builders.ts';
import { inbox } from '../integration/support/inbox.ts';
import type { LocalApi } from '../integration/support/local-api.ts';
import { browserSuite } from './support/browser.ts';
import { checkPage, signIn } from './support/workspace.ts';

/**
 * Booking a meeting and preparing its template in the workspace (issue 15), with JavaScript turned off
 * (every journey must work without it) and on a phone-width screen.
 */
const suite = browserSuite();

/** A trust with a holder and an assessor, and this quarter's planned (not yet booked) engagement meeting. */
async function aPlannedMeeting(api: LocalApi, admin: string) {
  const input = aProvider({ sector: 'nhs-trust' });
  const tag = input.name.replace(/\W/g, '');
  input.contacts = [
    { name: 'Ada Chief', email: `ce.${tag}@trust.test`, roles: ['chief-executive', 'executive-board-member'] },
  ];
  const trust = (await api.call<Provider>('POST', '/providers', { token: admin, body: input })).body;
  const [holder, assessor] = await Promise.all(
    (['inspector', 'assessor'] as const).map(
      async (role) =>
        (await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember({ roles: [role] }) })).body,
    ),
  );
  await api.call('PUT', `/providers/${trust.providerId}/relationship-holder`, {
    token: admin,
    body: { staffId: holder?.staffId, reason: 'Test' },
  });
  await api.call<JobRun>('POST', '/jobs/quarterly-planning/runs', { token: admin, body: { runAs: '2027-04-01' } });
  const meetings = await api.call<{ items: Meeting[] }>('GET', `/providers/${trust.providerId}/meetings`, {
    token: admin,
  });
  return {
    trust,
    holder: holder as Staff,
    assessor: assessor as Staff,
    meeting: meetings.body.items[0] as Meeting,
    contactEmail: `ce.${tag}@trust.test`,
  };
}

describe('a meeting in the workspace', () => {
  it('books a meeting, edits a template section, saves it as the next version, shares it, and sees the provider’s comment, all without JavaScript', async () => {
    const { trust, holder, assessor, meeting, contactEmail } = await aPlannedMeeting(suite.api, suite.admin);
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, holder.staffId, {
      javaScriptEnabled: false,
      path: `/workspace/meetings/${meeting.meetingId}`,
    });
    await checkPage(page, 'meeting-to-book', { javaScript: false });

    await page.getByLabel('Day').fill('12');
    await page.getByLabel('Month').fill('5');
    await page.getByLabel('Year').fill('2027');
    await page.getByLabel('Time').fill('10:00am');
    await page.getByLabel('Video').check();
    await page.getByLabel('Led by').selectOption({ value: assessor.staffId });
    await page.getByLabel('Ada Chief').check();
    await page.getByRole('button', { name: 'Book and send invites' }).click();
    await page.waitForURL(/done=booked/);
    await checkPage(page, 'meeting-booked', { javaScript: false });

    expect(await page.textContent('.govuk-notification-banner')).toContain('Saved');
    expect(await page.textContent('main')).toContain('Wednesday 12 May 2027 at 10am');

    await page.getByRole('link', { name: 'The pre-meeting template' }).click();
    await checkPage(page, 'template', { javaScript: false });
    await page
      .getByRole('link', { name: /^Change/ })
      .first()
      .click();
    await checkPage(page, 'template-section', { javaScript: false });
    await page.getByLabel('Add an item (optional)').fill('Winter pressures on the emergency department');
    await page.getByRole('button', { name: 'Save as the next version' }).click();
    await page.waitForURL(/done=saved/);
    expect(await page.textContent('main')).toContain('Version 1');
    expect(await page.textContent('main')).toContain('Winter pressures on the emergency department');

    await page.getByRole('button', { name: 'Share the template' }).click();
    await page.waitForURL(/done=shared/);
    await checkPage(page, 'template-shared', { javaScript: false });

    expect(await page.textContent('.govuk-notification-banner')).toContain('Shared');
    await expect
      .poll(async () => (await inbox()).some((mail) => mail.destination.to.some((to) => to.includes(contactEmail))), {
        timeout: 10_000,
      })
      .toBe(true);
    // As the provider: comment through the emailed link; back as the holder, the comment is on the page.
    const emailed = (await inbox())
      .filter((mail) => mail.destination.to.some((to) => to.includes(contactEmail)))
      .map((mail) => /\/respond\/(v1\.[A-Za-z0-9_.-]+)/.exec(mail.body.text ?? '')?.[1])
      .find(Boolean);
    const provider = await suite.browser.newPage();
    await provider.goto(`${suite.api.baseUrl}/respond/${emailed}`);
    await provider.getByLabel(/Your comments on serious incidents/).fill('Our board reviewed the incident in April.');
    await provider.getByRole('button', { name: 'Send to the Care Quality Commission' }).click();
    await provider.waitForURL(/\?sent=1$/);
    await provider.close();
    await page.reload();
    expect(await page.textContent('main')).toContain('Our board reviewed the incident in April.');

    const saved = await suite.api.call<{ version: number }>('GET', `/meetings/${meeting.meetingId}/template`, {
      token: suite.admin,
    });
    expect(saved.body.version).toBe(1);
    expect(trust.providerId).toBe(meeting.providerId);
    await context.close();

    // axe needs JavaScript: the same pages, checked again in a browser that runs it.
    const checked = await signIn(suite.browser, suite.api.baseUrl, holder.staffId, {
      path: `/workspace/meetings/${meeting.meetingId}`,
    });
    await checkPage(checked.page, 'meeting-booked');
    await checked.page.goto(`${checked.page.url()}/template`);
    await checkPage(checked.page, 'template-shared');
    await checked.page.goto(`${checked.page.url()}?edit=${encodeURIComponent('incidents')}`);
    await checkPage(checked.page, 'template-section');
    await checked.context.close();
  });

  it('refuses a time London skips and a lead the policy does not allow, with the error summary naming the rule', async () => {
    const { holder, meeting } = await aPlannedMeeting(suite.api, suite.admin);
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, holder.staffId, {
      path: `/workspace/meetings/${meeting.meetingId}`,
    });

    await page.getByLabel('Day').fill('28');
    await page.getByLabel('Month').fill('3');
    await page.getByLabel('Year').fill('2027');
    await page.getByLabel('Time').fill('1:30am');
    await page.getByLabel('Telephone').check();
    await page.getByLabel('Led by').selectOption({ value: holder.staffId });
    await page.getByRole('button', { name: 'Book and send invites' }).click();
    await checkPage(page, 'meeting-error');

    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.textContent('.govuk-error-summary')).toContain('Enter a time that exists in the UK that day');

    await page.getByLabel('Time').fill('10:00');
    await page.getByRole('button', { name: 'Book and send invites' }).click();
    expect(await page.textContent('.govuk-error-summary')).toContain('Choose who attends from the provider');

    await page.getByLabel('Ada Chief').check();
    await page.getByRole('button', { name: 'Book and send invites' }).click();
    await checkPage(page, 'meeting-rule-error');
    expect(await page.textContent('.govuk-error-summary')).toMatch(/\(R-[A-Z]+-\d+\)/);
    await context.close();
  });

  it('fits a 375 px phone: my work and the meeting page never scroll sideways', async () => {
    const { holder, meeting } = await aPlannedMeeting(suite.api, suite.admin);
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, holder.staffId, { width: 375 });

    await checkPage(page, 'my-work-phone');
    await page.goto(page.url().replace(/\/workspace.*$/, `/workspace/meetings/${meeting.meetingId}`));
    await checkPage(page, 'meeting-phone');
    await context.close();
  });
});
