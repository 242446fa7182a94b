import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../shared/domain/vocabulary.ts';
import type { JobRun } from '../../shared/schemas/jobs.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { aProvider, aStaffMember } from './support/builders.ts';
import { inbox, invitesTo } from './support/inbox.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

const aMember = async (roles: StaffRole[]) =>
  (await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember({ roles }) })).body;

/** An NHS trust with a chief executive (also on the board) and a medicines lead, and an inspector holding it. */
async function aTrust() {
  const input = aProvider({ sector: 'nhs-trust' });
  input.contacts = [
    {
      name: 'Chief Exec',
      email: `ce.${input.name.replace(/\W/g, '')}@trust.test`,
      roles: ['chief-executive', 'executive-board-member'],
    },
    {
      name: 'Meds Lead',
      email: `meds.${input.name.replace(/\W/g, '')}@trust.test`,
      roles: ['medicines-optimisation-lead'],
    },
  ];
  const trust = (await api.call<Provider>('POST', '/providers', { token: admin, body: input })).body;
  const holder = await aMember(['inspector']);
  await api.call('PUT', `/providers/${trust.providerId}/relationship-holder`, {
    token: admin,
    body: { staffId: holder.staffId, reason: 'Test holder' },
  });
  return { trust, holder };
}

const startRun = (job: string, runAs: string) =>
  api.call<JobRun>('POST', `/jobs/${job}/runs`, { token: admin, body: { runAs } });

const meetingsOf = async (providerId: string) =>
  (await api.call<{ items: Meeting[] }>('GET', `/providers/${providerId}/meetings?limit=100`, { token: admin })).body
    .items;

describe('planning runs (R-REM-1, R-REM-2)', () => {
  it('plans the quarter’s engagement meeting for an NHS trust, due by the quarter’s end (R-CAD-4)', async () => {
    const { trust, holder } = await aTrust();

    const run = await startRun('quarterly-planning', '2027-04-01');

    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ job: 'quarterly-planning', runAs: '2027-04-01', outcome: 'completed' });
    expect(await meetingsOf(trust.providerId)).toMatchObject([
      {
        type: 'engagement',
        ruleId: 'R-CAD-4',
        period: '2027-Q2',
        dueBy: '2027-06-30',
        status: 'planned',
        holderStaffId: holder.staffId,
      },
    ]);
  });

  it.each([
    ['quarterly-planning', ['community-interest-company', 'nhs-trust']],
    // CICs too: the annual run designates their deputy director + chief executive meeting (R-CAD-5).
    [
      'annual-planning',
      ['community-interest-company', 'independent-healthcare', 'independent-mental-health', 'nhs-trust'],
    ],
  ])('the %s run reads only the sectors whose policy needs its meetings: %j', async (job, sectors) => {
    const run = await startRun(job, '2027-04-01');

    expect([...(run.body.summary.sectors as string[])].sort()).toEqual(sectors);
  });

  it('creates nothing twice when run again, or twice at once', async () => {
    const { trust } = await aTrust();
    await startRun('quarterly-planning', '2027-07-01');

    const again = await Promise.all([
      startRun('quarterly-planning', '2027-07-01'),
      startRun('quarterly-planning', '2027-07-01'),
    ]);

    expect(again.map((run) => run.status)).toEqual([201, 201]);
    const planned = (await meetingsOf(trust.providerId)).filter((meeting) => meeting.period === '2027-Q3');
    expect(planned).toHaveLength(1);
  });

  it('plans the year’s medicines conversation for an NHS trust in the annual run (R-CAD-6)', async () => {
    const { trust } = await aTrust();

    await startRun('annual-planning', '2027-04-01');

    expect(await meetingsOf(trust.providerId)).toContainEqual(
      expect.objectContaining({ ruleId: 'R-CAD-6', period: '2027-28', dueBy: '2028-03-31' }),
    );
  });

  it('lists past runs, newest first, with what each did', async () => {
    await startRun('annual-planning', '2027-04-01');

    const runs = await api.call<{ items: JobRun[] }>('GET', '/jobs/annual-planning/runs?limit=5', { token: admin });

    expect(runs.body.items[0]).toMatchObject({ job: 'annual-planning', summary: { period: '2027-28' } });
  });

  it('lets only admins start a run (403), and refuses an unknown job (400)', async () => {
    const forbidden = await api.call('POST', '/jobs/daily/runs', {
      token: await api.tokenFor(['inspector']),
      body: { runAs: '2027-01-01' },
    });
    const unknown = await api.call('POST', '/jobs/weekly/runs', { token: admin, body: { runAs: '2027-01-01' } });

    expect(forbidden.status).toBe(403);
    expect(unknown.status).toBe(400);
  });
});

describe('booking and changing a meeting (R-CAD-4, R-CAD-9)', () => {
  async function aPlannedEngagement() {
    const trust = await aTrust();
    await startRun('quarterly-planning', '2027-10-01');
    const meeting = (await meetingsOf(trust.trust.providerId)).find((candidate) => candidate.period === '2027-Q4');
    if (!meeting) throw new Error('no meeting planned');
    const assessor = await aMember(['assessor']);
    const [chief, meds] = trust.trust.contacts;
    return { ...trust, meeting, assessor, chief, meds };
  }

  const book = (meeting: Meeting, body: Record<string, unknown>, version = meeting.version) =>
    api.call<Meeting & { error?: { ruleId?: string } }>('PATCH', `/meetings/${meeting.meetingId}`, {
      token: admin,
      headers: { 'if-match': `"${version}"` },
      body,
    });

  it('books it and sends every attendee a calendar invite (METHOD:REQUEST, SEQUENCE:0)', async () => {
    const { meeting, assessor, chief } = await aPlannedEngagement();

    const answer = await book(meeting, {
      startsAt: '2027-11-10T10:00:00+00:00',
      mode: 'in-person',
      leadStaffId: assessor.staffId,
      providerContactIds: [chief?.contactId],
    });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'booked', lead: { staffId: assessor.staffId }, inviteSequence: 0 });
    const [invite] = await invitesTo(chief?.email ?? '');
    expect(invite?.method).toBe('REQUEST');
    expect(invite?.events[0]).toMatchObject({
      UID: `${meeting.meetingId}@provider-engagement`,
      SEQUENCE: '0',
      DTSTART: '20271110T100000Z',
    });
    expect(invite?.events[0]?.attendees).toEqual(expect.arrayContaining([chief?.email, assessor.email]));
  });

  it('refuses a booking with no executive board member of the provider (422, R-CAD-4)', async () => {
    const { meeting, assessor, meds } = await aPlannedEngagement();

    const answer = await book(meeting, {
      startsAt: '2027-11-10T10:00:00+00:00',
      mode: 'video',
      leadStaffId: assessor.staffId,
      providerContactIds: [meds?.contactId],
    });

    expect(answer.status).toBe(422);
    expect(answer.body.error?.ruleId).toBe('R-CAD-4');
  });

  it('refuses an inspector as lead of an engagement meeting (422, R-CAD-4)', async () => {
    const { meeting, holder, chief } = await aPlannedEngagement();

    const answer = await book(meeting, {
      startsAt: '2027-11-10T10:00:00+00:00',
      mode: 'video',
      leadStaffId: holder.staffId,
      providerContactIds: [chief?.contactId],
    });

    expect(answer.status).toBe(422);
  });

  it('sends an updated invite on reschedule and a cancelling one on cancel: same UID, rising SEQUENCE', async () => {
    const { meeting, assessor, chief } = await aPlannedEngagement();
    const booked = await book(meeting, {
      startsAt: '2027-11-10T10:00:00+00:00',
      mode: 'video',
      leadStaffId: assessor.staffId,
      providerContactIds: [chief?.contactId],
    });

    const moved = await book(booked.body, { startsAt: '2027-11-17T14:30:00+00:00' });
    const cancelled = await api.call<Meeting>('POST', `/meetings/${meeting.meetingId}/cancel`, {
      token: admin,
      body: { reason: 'The trust asked to move to next quarter' },
    });

    expect(moved.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const invites = await invitesTo(chief?.email ?? '');
    expect(invites.map((invite) => [invite.method, invite.events[0]?.SEQUENCE, invite.events[0]?.UID])).toEqual([
      ['REQUEST', '0', `${meeting.meetingId}@provider-engagement`],
      ['REQUEST', '1', `${meeting.meetingId}@provider-engagement`],
      ['CANCEL', '2', `${meeting.meetingId}@provider-engagement`],
    ]);
  });

  it('refuses a stale If-Match (412) and a change to a cancelled meeting (409)', async () => {
    const { meeting } = await aPlannedEngagement();
    await api.call('POST', `/meetings/${meeting.meetingId}/cancel`, { token: admin, body: { reason: 'Not needed' } });

    const stale = await book(meeting, { mode: 'video' });
    const closed = await book(meeting, { mode: 'video' }, meeting.version + 1);

    expect(stale.status).toBe(412);
    expect(closed.status).toBe(409);
  });

  it('records a meeting as held with notes and actions, after which it is closed', async () => {
    const { meeting } = await aPlannedEngagement();

    const held = await api.call<Meeting>('POST', `/meetings/${meeting.meetingId}/outcome`, {
      token: admin,
      body: {
        heldAt: '2026-11-01T10:00:00+00:00',
        notes: 'Discussed the winter plan.',
        actions: [{ description: 'Send the staffing review', owner: 'Trust', dueDate: '2026-12-01' }],
      },
    });
    const again = await api.call('POST', `/meetings/${meeting.meetingId}/outcome`, {
      token: admin,
      body: { notes: 'x' },
    });

    expect(held.body).toMatchObject({ status: 'held', actions: [{ owner: 'Trust', status: 'open' }] });
    expect(again.status).toBe(409);
  });
});

describe('the yearly executive meeting (R-CAD-5)', () => {
  it('flags the year on the engagement plan until one engagement meeting has the deputy director and the chief executive', async () => {
    const { trust } = await aTrust();
    await startRun('quarterly-planning', '2027-04-01');
    const [meeting] = await meetingsOf(trust.providerId);
    const [assessor, director] = await Promise.all([aMember(['assessor']), aMember(['deputy-director'])]);
    const planOn = async () =>
      (
        await api.call<{ attendanceChecks: { ruleId: string; flagged: boolean; met: number }[] }>(
          'GET',
          `/providers/${trust.providerId}/engagement-plan?on=2027-05-01`,
          { token: admin },
        )
      ).body.attendanceChecks;
    const before = await planOn();

    await api.call('PATCH', `/meetings/${meeting?.meetingId}`, {
      token: admin,
      headers: { 'if-match': `"${meeting?.version}"` },
      body: {
        startsAt: '2027-05-20T09:30:00+01:00',
        mode: 'in-person',
        leadStaffId: assessor.staffId,
        regulatorStaffIds: [director.staffId],
        providerContactIds: [trust.contacts[0]?.contactId],
      },
    });

    expect(before).toEqual([expect.objectContaining({ ruleId: 'R-CAD-5', flagged: true, met: 0 })]);
    expect(await planOn()).toEqual([expect.objectContaining({ ruleId: 'R-CAD-5', flagged: false, met: 1 })]);
  });
});

describe('overdue engagement (R-CAD-8)', () => {
  it('alerts the holder once, not an operations manager of another team, and shows it on the holder’s dashboard (R-CAD-8, R-TEAM-3)', async () => {
    // An operations manager in no team of this provider: before issue 14 every one in England was told.
    const manager = await aMember(['operations-manager']);
    const { trust, holder } = await aTrust();
    await startRun('quarterly-planning', '2025-01-01');
    const [meeting] = await meetingsOf(trust.providerId);
    const mentions = async () =>
      (await inbox())
        .filter((mail) => mail.body.text?.includes(meeting?.meetingId ?? 'none'))
        .map((mail) => mail.destination.to.join());

    const first = await startRun('daily', '2025-04-02');
    const afterFirst = await mentions();
    await Promise.all([startRun('daily', '2025-04-03'), startRun('daily', '2025-04-03')]);

    expect(first.body.outcome).toBe('completed');
    expect(afterFirst.filter((to) => to.includes(holder.email))).toHaveLength(1);
    expect(afterFirst.some((to) => to.includes(manager.email))).toBe(false);
    expect(await mentions()).toEqual(afterFirst);
    const dashboard = await api.call<{ overdueMeetings: Meeting[] }>('GET', '/me/dashboard', {
      token: await api.tokenFor(['inspector'], holder.staffId),
    });
    expect(dashboard.body.overdueMeetings.map((overdue) => overdue.meetingId)).toContain(meeting?.meetingId);
  });
});
