/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { londonDate } from '../../shared/domain/calendar.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { aStaffMember } from '../integration/support/builders.ts';
import { aBookedMeeting } from '../integration/support/scenarios.ts';
import { browserSuite } from './support/browser.ts';
import { checkPage, signIn } from './support/workspace.ts';

/**
 * The meeting page names who holds the relationship now (R-REL-2) and, while the holder is away, the cover
 * acting for them (R-TEAM-5), as GET /meetings/{meetingId} answers it.
 */
const suite = browserSuite();

describe('the meeting page’s relationship holder now', () => {
  it('shows the cover, covering for the holder, to the cover who opens it while the holder is away', async () => {
    const { api, admin, browser } = suite;
    const { meeting, holder } = await aBookedMeeting(api, admin);
    const cover = (
      await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember({ roles: ['inspector'] }) })
    ).body;
    await api.call('PUT', `/staff/${holder.staffId}/absence`, {
      token: await api.tokenFor(['operations-manager']),
      body: { from: londonDate(new Date()), to: '2099-12-31', coverStaffId: cover.staffId, reason: 'Long leave' },
    });
    const { context, page, errors } = await signIn(browser, api.baseUrl, cover.staffId, {
      path: `/workspace/meetings/${meeting.meetingId}`,
    });

    const row = page.locator('.govuk-summary-list__row', { hasText: 'Relationship holder now' });

    await expect(row.locator('.govuk-summary-list__value').innerText()).resolves.toBe(
      `${cover.name} (covering for ${holder.name})`,
    );
    await checkPage(page, 'meeting-holder-now');
    expect(errors).toEqual([]);
    await context.close();
  });
});
