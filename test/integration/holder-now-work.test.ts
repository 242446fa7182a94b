import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDate } from '../../shared/domain/calendar.ts';
import type { DepartureAnswer } from '../../shared/schemas/departure.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import type { MeetingAsRead } from '../../shared/schemas/meeting-read.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import type { Team } from '../../shared/schemas/team.ts';
import type { TeamDashboard } from '../../shared/schemas/team-dashboard.ts';
import type { DashboardMeeting } from '../../shared/use-cases/read-relationships.ts';
import { aProvider, aStaffMember, uniqueName } from './support/builders.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';
import { aBookedMeeting } from './support/scenarios.ts';

/**
 * R-REL-2 with R-TEAM-5 (issue 14 item 2): what a person holds or leads is what they hold **now** — the open
 * meetings of the relationships they hold today and those they lead — not what was filed under them when a
 * meeting was planned. The departure answer, the team dashboard (absences, leavers), the personal dashboard
 * along a chain of covers, and GET /meetings/{meetingId} all read it so. Over the wire on DynamoDB Local.
 */
let api: LocalApi;
let admin: string;
let manager: string;

beforeAll(async () => {
  api = await startLocalApi();
  [admin, manager] = await Promise.all([api.tokenFor(['admin']), api.tokenFor(['operations-manager'])]);
});
afterAll(() => api.close());

const today = () => londonDate(new Date());
const anInspector = async () =>
  (await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember({ roles: ['inspector'] }) })).body;
const handOver = (providerId: string, to: Staff) =>
  api.call('PUT', `/providers/${providerId}/relationship-holder`, {
    token: admin,
    body: { staffId: to.staffId, reason: 'Handover: the holder moved to another area' },
  });
const away = (person: Staff, cover: Staff) =>
  api.call('PUT', `/staff/${person.staffId}/absence`, {
    token: manager,
    body: { from: today(), to: '2099-12-31', coverStaffId: cover.staffId, reason: 'Long leave' },
  });
const leaves = (person: Staff | { staffId: string }) =>
  api.call<DepartureAnswer>('POST', `/staff/${person.staffId}/departure`, {
    token: manager,
    body: { leftOn: today() },
  });
const ids = (meetings: readonly Pick<Meeting, 'meetingId'>[]) => meetings.map((meeting) => meeting.meetingId);
type Dashboard = {
  nextMeetings: DashboardMeeting[];
  overdueMeetings: DashboardMeeting[];
  covering: { staffId: string; name: string }[];
};
const dashboardOf = async (staff: Staff) =>
  (await api.call<Dashboard>('GET', '/me/dashboard', { token: await api.tokenFor(staff.roles, staff.staffId) })).body;
const meetingsOn = (dashboard: Dashboard) => [...dashboard.nextMeetings, ...dashboard.overdueMeetings];
const aTeamOf = async (...members: Staff[]) => {
  const team = (
    await api.call<Team>('POST', '/teams', { token: manager, body: { name: uniqueName('Team'), kind: 'assessment' } })
  ).body;
  for (const member of members) {
    const joined = await api.call('PATCH', `/staff/${member.staffId}`, {
      token: manager,
      headers: { 'if-match': `"${member.version}"` },
      body: { teamId: team.teamId },
    });
    expect(joined.status).toBe(200);
  }
  return team;
};

describe('the departure answer lists what the leaver holds or leads now (R-TEAM-5, R-REL-2)', () => {
  it('lists an open meeting handed over to the leaver, though it was planned under the previous holder', async () => {
    const { meeting, holder, trust } = await aBookedMeeting(api, admin);
    const next = await anInspector();
    await handOver(trust.providerId, next);

    const [leaver, previous] = await Promise.all([leaves(next), leaves(holder)]);

    expect(leaver.status).toBe(200);
    expect(ids(leaver.body.toReallocate.openMeetings)).toContain(meeting.meetingId);
    expect(leaver.body.toReallocate.relationships.map((held) => held.providerId)).toEqual([trust.providerId]);
    expect(meeting.holderStaffId).toBe(holder.staffId);
    expect(ids(previous.body.toReallocate.openMeetings)).not.toContain(meeting.meetingId);
    expect(previous.body.toReallocate.relationships).toEqual([]);
  });

  it('lists the meetings the leaver leads whoever holds them (R-CAD-4), and not the holder’s own', async () => {
    const { meeting } = await aBookedMeeting(api, admin);
    const leadId = meeting.lead?.staffId ?? '';

    const leaver = await leaves({ staffId: leadId });

    expect(ids(leaver.body.toReallocate.openMeetings)).toEqual([meeting.meetingId]);
    expect(leaver.body.toReallocate.relationships).toEqual([]);
  });

  it('lists a meeting planned before any holder was allocated once the leaver holds its provider', async () => {
    const trust = (await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider() })).body;
    await api.call('POST', '/jobs/quarterly-planning/runs', { token: admin, body: { runAs: '2027-04-01' } });
    const planned = (
      await api.call<{ items: Meeting[] }>('GET', `/providers/${trust.providerId}/meetings`, { token: admin })
    ).body.items;
    const holder = await anInspector();
    await handOver(trust.providerId, holder);

    const leaver = await leaves(holder);

    expect(planned.length).toBeGreaterThan(0);
    expect(planned.every((each) => each.holderStaffId === null)).toBe(true);
    expect(ids(leaver.body.toReallocate.openMeetings).sort()).toEqual(ids(planned).sort());
  });
});

describe('the team dashboard lists what each absence and leaver holds now (R-TEAM-3, R-TEAM-5)', () => {
  it('shows what the cover takes on: the meetings of the relationships the absent member holds today', async () => {
    const { meeting, holder, trust } = await aBookedMeeting(api, admin);
    const [next, cover] = await Promise.all([anInspector(), anInspector()]);
    await handOver(trust.providerId, next);
    const team = await aTeamOf(holder, next);
    await Promise.all([away(next, cover), away(holder, cover)]);

    const view = await api.call<TeamDashboard>('GET', `/teams/${team.teamId}/dashboard`, { token: manager });

    expect(view.status).toBe(200);
    const absenceOf = (person: Staff) => view.body.absences.find((absence) => absence.staffId === person.staffId);
    expect(ids(absenceOf(next)?.cover.openMeetings ?? [])).toContain(meeting.meetingId);
    expect(ids(absenceOf(holder)?.cover.openMeetings ?? [])).not.toContain(meeting.meetingId);
  });

  it('lists a leaver’s meetings to reallocate from what they held when they left', async () => {
    const { meeting, holder, trust } = await aBookedMeeting(api, admin);
    const next = await anInspector();
    await handOver(trust.providerId, next);
    const team = await aTeamOf(holder, next);
    await Promise.all([leaves(next), leaves(holder)]);

    const view = await api.call<TeamDashboard>('GET', `/teams/${team.teamId}/dashboard`, { token: manager });

    const leaverNamed = (person: Staff) => view.body.leavers.find((leaver) => leaver.staffId === person.staffId);
    expect(ids(leaverNamed(next)?.toReallocate.openMeetings ?? [])).toEqual([meeting.meetingId]);
    expect(leaverNamed(holder)?.toReallocate.openMeetings).toEqual([]);
  });
});

describe('a dashboard follows the whole chain of covers, as the emails do (R-TEAM-5, R-REL-2)', () => {
  it('shows the holder’s meeting to the cover’s cover when the cover is away too, marked as covering the holder', async () => {
    const { meeting, holder } = await aBookedMeeting(api, admin);
    const [first, second] = await Promise.all([anInspector(), anInspector()]);
    expect((await away(holder, first)).status).toBe(200);
    expect((await away(first, second)).status).toBe(200);

    const [secondView, firstView, read] = await Promise.all([
      dashboardOf(second),
      dashboardOf(first),
      api.call<MeetingAsRead>('GET', `/meetings/${meeting.meetingId}`, { token: admin }),
    ]);

    const covered = meetingsOn(secondView).find((each) => each.meetingId === meeting.meetingId);
    expect(covered?.coveringFor).toEqual({ staffId: holder.staffId, name: holder.name });
    expect(covered?.currentHolder).toEqual({ staffId: holder.staffId, name: holder.name });
    expect(secondView.covering.map((person) => person.staffId).sort()).toEqual([holder.staffId, first.staffId].sort());
    expect(ids(meetingsOn(firstView))).not.toContain(meeting.meetingId);
    // One rule: the meeting as read names the same person the dashboard shows it to.
    expect(read.body.currentHolder).toEqual({
      staffId: second.staffId,
      name: second.name,
      coveringFor: { staffId: holder.staffId, name: holder.name },
    });
  });

  it('stops at a cover who has left: with nobody present further on, the meeting stays with the holder', async () => {
    const { meeting, holder } = await aBookedMeeting(api, admin);
    const [first, second] = await Promise.all([anInspector(), anInspector()]);
    await away(holder, first);
    await away(first, second);
    await leaves(second);

    const [secondView, holderView, read] = await Promise.all([
      dashboardOf(second),
      dashboardOf(holder),
      api.call<MeetingAsRead>('GET', `/meetings/${meeting.meetingId}`, { token: admin }),
    ]);

    expect(ids(meetingsOn(secondView))).not.toContain(meeting.meetingId);
    expect(ids(meetingsOn(holderView))).toContain(meeting.meetingId);
    expect(read.body.currentHolder).toEqual({ staffId: holder.staffId, name: holder.name, coveringFor: null });
  });
});

describe('GET /meetings/{meetingId} names who holds the relationship now (R-REL-2)', () => {
  it('names the new holder after a handover, while holderStaffId keeps who held it when it was planned', async () => {
    const { meeting, holder, trust } = await aBookedMeeting(api, admin);
    const next = await anInspector();
    await handOver(trust.providerId, next);

    const read = await api.call<MeetingAsRead>('GET', `/meetings/${meeting.meetingId}`, { token: admin });

    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(`"${meeting.version}"`);
    expect(read.body.currentHolder).toEqual({ staffId: next.staffId, name: next.name, coveringFor: null });
    expect(read.body.holderStaffId).toBe(holder.staffId);
  });

  it('names nobody for a meeting whose provider has no holder, and nobody once the holder has left', async () => {
    const trust = (await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider() })).body;
    await api.call('POST', '/jobs/quarterly-planning/runs', { token: admin, body: { runAs: '2027-04-01' } });
    const [planned] = (
      await api.call<{ items: Meeting[] }>('GET', `/providers/${trust.providerId}/meetings`, { token: admin })
    ).body.items;
    const path = `/meetings/${planned?.meetingId}`;
    const before = await api.call<MeetingAsRead>('GET', path, { token: admin });
    const holder = await anInspector();
    await handOver(trust.providerId, holder);
    const held = await api.call<MeetingAsRead>('GET', path, { token: admin });
    await leaves(holder);

    const after = await api.call<MeetingAsRead>('GET', path, { token: admin });

    expect(before.body.currentHolder).toBeNull();
    expect(held.body.currentHolder?.staffId).toBe(holder.staffId);
    expect(after.body.currentHolder).toBeNull();
  });

  it('answers 404 in the one error shape for a meeting nobody planned', async () => {
    const read = await api.call('GET', '/meetings/01J00000000000000000000000', { token: admin });

    expect(read.status).toBe(404);
    expect(read.body).toMatchObject({ error: { message: expect.any(String) } });
  });
});
