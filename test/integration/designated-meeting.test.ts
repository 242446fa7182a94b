import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoMeetingStore } from '../../shared/adapters/dynamodb/meeting-store.ts';
import type { StaffRole } from '../../shared/domain/vocabulary.ts';
import type { JobRun } from '../../shared/schemas/jobs.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { aProvider, aStaffMember } from './support/builders.ts';
import { invitesTo } from './support/inbox.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/**
 * R-CAD-5 over the wire: the annual run designates one engagement meeting a year (business October to
 * December by default) as the deputy director + chief executive meeting; booking it needs both (or an
 * exception, R-EXC-1); the deputy director is invited; not held by 31 December it is overdue through the
 * year's last quarter (R-CAD-8).
 */
let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

type Answer<T> = T & { error?: { ruleId?: string } };

const aMember = async (roles: StaffRole[]) =>
  (await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember({ roles }) })).body;
const startRun = (job: string, runAs: string) =>
  api.call<JobRun>('POST', `/jobs/${job}/runs`, { token: admin, body: { runAs } });
const engagementsOf = async (providerId: string) =>
  (
    await api.call<{ items: Meeting[] }>('GET', `/providers/${providerId}/meetings?limit=100`, { token: admin })
  ).body.items.filter((meeting) => meeting.type === 'engagement');

async function aTrust(sector: 'nhs-trust' | 'community-interest-company' = 'nhs-trust') {
  const input = aProvider({ sector });
  const tag = input.name.replace(/\W/g, '');
  input.contacts = [
    { name: 'Chief Exec', email: `ce.${tag}@trust.test`, roles: ['chief-executive'] },
    { name: 'Board Member', email: `board.${tag}@trust.test`, roles: ['executive-board-member'] },
  ];
  return (await api.call<Provider>('POST', '/providers', { token: admin, body: input })).body;
}

describe('the deputy director + chief executive meeting (R-CAD-5)', () => {
  it('is designated by the annual run, and the quarterly run plans no second meeting in its quarter', async () => {
    const trust = await aTrust('community-interest-company');

    await startRun('annual-planning', '2027-04-01');
    await startRun('quarterly-planning', '2027-10-01');

    const q4 = (await engagementsOf(trust.providerId)).filter((meeting) => meeting.period === '2027-Q4');
    expect(q4).toHaveLength(1);
    expect(q4[0]).toMatchObject({
      ruleId: 'R-CAD-4',
      dueBy: '2027-12-31',
      requirements: {
        also: { ruleId: 'R-CAD-5', regulatorAttendees: ['deputy-director'], providerAttendees: ['chief-executive'] },
      },
    });
  });

  it('designates the quarter’s meeting the quarterly run planned first', async () => {
    const trust = await aTrust();

    await startRun('quarterly-planning', '2028-10-01');
    await startRun('annual-planning', '2028-04-01');

    const q4 = (await engagementsOf(trust.providerId)).filter((meeting) => meeting.period === '2028-Q4');
    expect(q4).toHaveLength(1);
    expect(q4[0]?.requirements.also?.ruleId).toBe('R-CAD-5');
  });

  it('refuses to book it without a deputy director (422 R-CAD-5), then books it with one, who gets the invite', async () => {
    const trust = await aTrust();
    await startRun('annual-planning', '2029-04-01');
    const [designated] = (await engagementsOf(trust.providerId)).filter((meeting) => meeting.period === '2029-Q4');
    if (!designated) throw new Error('nothing designated');
    const [assessor, deputy] = await Promise.all([aMember(['assessor']), aMember(['deputy-director'])]);
    const body = {
      startsAt: '2029-11-14T10:00:00+00:00',
      mode: 'in-person',
      leadStaffId: assessor.staffId,
      providerContactIds: trust.contacts.map((contact) => contact.contactId),
    };

    const refused = await api.call<Answer<Meeting>>('PATCH', `/meetings/${designated.meetingId}`, {
      token: admin,
      headers: { 'if-match': `"${designated.version}"` },
      body,
    });
    const booked = await api.call<Answer<Meeting>>('PATCH', `/meetings/${designated.meetingId}`, {
      token: admin,
      headers: { 'if-match': `"${designated.version}"` },
      body: { ...body, regulatorStaffIds: [deputy.staffId] },
    });

    expect(refused.status).toBe(422);
    expect(refused.body.error?.ruleId).toBe('R-CAD-5');
    expect(booked.status).toBe(200);
    const [invite] = await invitesTo(deputy.email);
    expect(invite?.events[0]?.UID).toBe(`${designated.meetingId}@provider-engagement`);
  });

  it('is overdue from 1 January when not held, so the daily run escalates it through the year’s last quarter (R-CAD-8)', async () => {
    const trust = await aTrust();
    await startRun('annual-planning', '2030-04-01');
    const [designated] = (await engagementsOf(trust.providerId)).filter((meeting) => meeting.period === '2030-Q4');
    // The daily run's own read (R-CAD-8): open meetings due before its day. Asked of the store directly, since
    // a daily run as of 2031 would alert on every meeting every other test planned before then.
    const store = new DynamoMeetingStore(String(process.env.MEETINGS_TABLE), String(process.env.PROVIDERS_TABLE));

    const onNewYearsEve = await store.openDueBefore('2030-12-31');
    const onNewYearsDay = await store.openDueBefore('2031-01-01');

    expect(designated?.dueBy).toBe('2030-12-31');
    expect(onNewYearsEve.map((meeting) => meeting.meetingId)).not.toContain(designated?.meetingId);
    expect(onNewYearsDay.map((meeting) => meeting.meetingId)).toContain(designated?.meetingId);
  });
});
