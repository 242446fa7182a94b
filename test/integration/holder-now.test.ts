import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDate } from '../../shared/domain/calendar.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import type { DashboardMeeting } from '../../shared/use-cases/read-relationships.ts';
import { aProvider, aStaffMember } from './support/builders.ts';
import { inbox } from './support/inbox.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';
import { aBookedMeeting, aSharedTemplate } from './support/scenarios.ts';

/**
 * R-REL-2 (issue 14 item 3): everything addressed to "the holder" goes to whoever holds the relationship at
 * that moment, or covers for them that day (R-TEAM-5); a meeting shows on the dashboards of its current
 * holder and of its lead (R-CAD-4). Over the wire: the local API on DynamoDB Local and SES local.
 */
let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

type Dashboard = {
  nextMeetings: DashboardMeeting[];
  overdueMeetings: DashboardMeeting[];
  covering: { staffId: string; name: string; from: string; to: string }[];
};
const anInspector = async () =>
  (await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember({ roles: ['inspector'] }) })).body;
const dashboardOf = async (staff: Staff) =>
  (
    await api.call<Dashboard>('GET', '/me/dashboard', {
      token: await api.tokenFor(staff.roles, staff.staffId),
    })
  ).body;
const meetingsOn = (dashboard: Dashboard) => [...dashboard.nextMeetings, ...dashboard.overdueMeetings];
const handOver = (providerId: string, to: Staff) =>
  api.call('PUT', `/providers/${providerId}/relationship-holder`, {
    token: admin,
    body: { staffId: to.staffId, reason: 'Handover: the holder moved to another area' },
  });
const mailTo = async (address: string) =>
  (await inbox()).filter((mail) => mail.destination.to.some((to) => to.includes(address)));

describe('dashboards show a meeting to whoever holds it now and to its lead (R-REL-2, R-CAD-4)', () => {
  it('shows a booked engagement meeting on both the holder’s and the assessor lead’s dashboards', async () => {
    const { meeting, holder } = await aBookedMeeting(api, admin);
    const lead = (await api.call<Staff>('GET', `/staff/${meeting.lead?.staffId}`, { token: admin })).body;

    const [holderView, leadView] = await Promise.all([dashboardOf(holder), dashboardOf(lead)]);

    const asHolder = meetingsOn(holderView).find((each) => each.meetingId === meeting.meetingId);
    const asLead = meetingsOn(leadView).find((each) => each.meetingId === meeting.meetingId);
    expect(asHolder?.mine).toEqual(['holder']);
    expect(asLead?.mine).toEqual(['lead']);
    expect(asLead?.currentHolder).toEqual({ staffId: holder.staffId, name: holder.name });
  });

  it('moves the open meeting to the new holder’s dashboard at once on a handover, and off the old one’s; the meeting keeps its planned holder as history', async () => {
    const { meeting, holder, trust } = await aBookedMeeting(api, admin);
    const next = await anInspector();

    await handOver(trust.providerId, next);
    const [before, after] = await Promise.all([dashboardOf(holder), dashboardOf(next)]);
    const stored = (await api.call<Meeting>('GET', `/meetings/${meeting.meetingId}`, { token: admin })).body;

    expect(meetingsOn(before).map((each) => each.meetingId)).not.toContain(meeting.meetingId);
    const moved = meetingsOn(after).find((each) => each.meetingId === meeting.meetingId);
    expect(moved?.currentHolder).toEqual({ staffId: next.staffId, name: next.name });
    expect(moved?.holderStaffId).toBe(holder.staffId);
    expect(stored.holderStaffId).toBe(holder.staffId);
  });

  it('shows a meeting planned before any holder was allocated on the holder’s dashboard once one is', async () => {
    const trust = (await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider() })).body;
    await api.call('POST', '/jobs/quarterly-planning/runs', { token: admin, body: { runAs: '2027-04-01' } });
    const [planned] = (
      await api.call<{ items: Meeting[] }>('GET', `/providers/${trust.providerId}/meetings`, { token: admin })
    ).body.items;
    const holder = await anInspector();

    await handOver(trust.providerId, holder);

    expect(planned?.holderStaffId).toBeNull();
    expect(meetingsOn(await dashboardOf(holder)).map((each) => each.meetingId)).toContain(planned?.meetingId);
  });

  it('shows a cover the meetings of the person they cover, marked as cover, and no longer once the absence ends (R-TEAM-5)', async () => {
    const { meeting, holder } = await aBookedMeeting(api, admin);
    const cover = await anInspector();
    const today = londonDate(new Date());
    const manager = await api.tokenFor(['operations-manager']);

    await api.call('PUT', `/staff/${holder.staffId}/absence`, {
      token: manager,
      body: { from: today, to: '2099-12-31', coverStaffId: cover.staffId, reason: 'Long leave' },
    });
    const during = await dashboardOf(cover);
    await api.call('DELETE', `/staff/${holder.staffId}/absence`, { token: manager });
    const after = await dashboardOf(cover);

    expect(during.covering).toEqual([{ staffId: holder.staffId, name: holder.name, from: today, to: '2099-12-31' }]);
    const covered = meetingsOn(during).find((each) => each.meetingId === meeting.meetingId);
    expect(covered?.coveringFor).toEqual({ staffId: holder.staffId, name: holder.name });
    expect(after.covering).toEqual([]);
    expect(meetingsOn(after).map((each) => each.meetingId)).not.toContain(meeting.meetingId);
  });
});

describe('comment notices and the signature follow the relationship (R-REL-2, R-TPL-4)', () => {
  it('signs the template email with the holder now and tells the new holder, not the old one, of the provider’s comments', async () => {
    const booked = await aBookedMeeting(api, admin);
    const next = await anInspector();
    await handOver(booked.trust.providerId, next);
    const draft = await api.call<{ sections: unknown }>('GET', `/meetings/${booked.meeting.meetingId}/template`, {
      token: admin,
    });
    await api.call('PUT', `/meetings/${booked.meeting.meetingId}/template`, {
      token: admin,
      headers: { 'if-match': '"0"' },
      body: { sections: draft.body.sections },
    });
    await api.call('POST', `/meetings/${booked.meeting.meetingId}/template/share`, { token: admin });
    const [shared] = (await mailTo(booked.contactEmail)).filter((mail) => mail.subject.includes('please comment by'));
    const token = /\/respond\/(v1\.[A-Za-z0-9_.-]+)/.exec(shared?.body.text ?? '')?.[1] ?? '';
    const form = await api.call<string>('GET', `/respond/${token}`);
    const formToken = /name="formToken" value="([^"]+)"/.exec(form.text)?.[1] ?? '';

    await fetch(`${api.baseUrl}/respond/${token}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: api.baseUrl },
      body: new URLSearchParams({ formToken, 'comment-incidents': 'The fall was reviewed.' }).toString(),
    });

    expect(shared?.body.text).toContain(next.name);
    expect(shared?.body.text).not.toContain(booked.holder.name);
    const notices = async (staff: Staff) =>
      (await mailTo(staff.email)).filter((mail) => mail.subject.includes('commented on'));
    expect(await notices(next)).toHaveLength(1);
    expect(await notices(booked.holder)).toHaveLength(0);
  });

  it('tells the holder’s cover of comments while the holder is away', async () => {
    const { token, holder } = await aSharedTemplate(api, admin);
    const cover = await anInspector();
    await api.call('PUT', `/staff/${holder.staffId}/absence`, {
      token: await api.tokenFor(['operations-manager']),
      body: { from: londonDate(new Date()), to: '2099-12-31', coverStaffId: cover.staffId, reason: 'Leave' },
    });
    const form = await api.call<string>('GET', `/respond/${token}`);
    const formToken = /name="formToken" value="([^"]+)"/.exec(form.text)?.[1] ?? '';

    await fetch(`${api.baseUrl}/respond/${token}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: api.baseUrl },
      body: new URLSearchParams({ formToken, 'comment-incidents': 'Reviewed by the board.' }).toString(),
    });

    const notices = async (staff: Staff) =>
      (await mailTo(staff.email)).filter((mail) => mail.subject.includes('commented on'));
    expect(await notices(cover)).toHaveLength(1);
    expect(await notices(holder)).toHaveLength(0);
  });
});
