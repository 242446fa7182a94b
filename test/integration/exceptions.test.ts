import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../shared/domain/vocabulary.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Relationship } from '../../shared/schemas/relationship.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import type { PlanException } from '../../shared/use-cases/read-relationships.ts';
import { aProvider, aStaffMember } from './support/builders.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/**
 * R-EXC-1 over the wire: a departure from a default rule ("usually", "normally", "as determined by risk")
 * without a reason is a 422 naming the rule; with a reason from someone who allocates it is accepted, kept
 * with the record, audited and shown on the engagement plan; hard rules take no exception.
 */
let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

type Answer<T> = T & { error?: { ruleId?: string; message?: string; details?: { path: string }[] } };
type Plan = { exceptions: PlanException[] };

const aMember = async (roles: StaffRole[]) =>
  (await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember({ roles }) })).body;

async function aPlannedTrustMeeting(type: string) {
  const input = aProvider({ sector: 'nhs-trust' });
  const tag = input.name.replace(/\W/g, '');
  input.contacts = [
    { name: 'Chief Exec', email: `ce.${tag}@trust.test`, roles: ['chief-executive', 'executive-board-member'] },
    { name: 'Head of Nursing', email: `hn.${tag}@trust.test`, roles: ['other'] },
    { name: 'Meds Lead', email: `meds.${tag}@trust.test`, roles: ['medicines-optimisation-lead'] },
  ];
  const trust = (await api.call<Provider>('POST', '/providers', { token: admin, body: input })).body;
  await api.call('POST', '/jobs/quarterly-planning/runs', { token: admin, body: { runAs: '2027-10-01' } });
  await api.call('POST', '/jobs/annual-planning/runs', { token: admin, body: { runAs: '2027-04-01' } });
  const meetings = (
    await api.call<{ items: Meeting[] }>('GET', `/providers/${trust.providerId}/meetings?limit=100`, { token: admin })
  ).body.items;
  const meeting = meetings.find((candidate) => candidate.type === type && candidate.status === 'planned');
  if (!meeting) throw new Error(`no ${type} meeting planned`);
  const [chief, nurse, meds] = trust.contacts;
  return { trust, meeting, chief, nurse, meds };
}

const book = (meeting: Meeting, body: Record<string, unknown>, token = admin) =>
  api.call<Answer<Meeting>>('PATCH', `/meetings/${meeting.meetingId}`, {
    token,
    headers: { 'if-match': `"${meeting.version}"` },
    body,
  });

describe('exceptions on a booking (R-EXC-1)', () => {
  it('refuses an engagement meeting without an executive board member and no reason, naming R-CAD-4 and exceptionReason', async () => {
    const { meeting, nurse } = await aPlannedTrustMeeting('engagement');
    const assessor = await aMember(['assessor']);

    const answer = await book(meeting, {
      startsAt: '2027-11-10T10:00:00+00:00',
      mode: 'video',
      leadStaffId: assessor.staffId,
      providerContactIds: [nurse?.contactId],
    });

    expect(answer.status).toBe(422);
    expect(answer.body.error?.ruleId).toBe('R-CAD-4');
    expect(answer.body.error?.details).toContainEqual(expect.objectContaining({ path: 'body.exceptionReason' }));
  });

  it('books it with a reason from an allocator, keeps and audits the exception, and shows it on the plan', async () => {
    const { trust, meeting, nurse } = await aPlannedTrustMeeting('engagement');
    const assessor = await aMember(['assessor']);
    const reason = 'The board is in recess; the head of nursing speaks for it this quarter';

    const answer = await book(meeting, {
      startsAt: '2027-11-10T10:00:00+00:00',
      mode: 'video',
      leadStaffId: assessor.staffId,
      providerContactIds: [nurse?.contactId],
      exceptionReason: reason,
    });
    const plan = await api.call<Plan>('GET', `/providers/${trust.providerId}/engagement-plan?on=2027-11-01`, {
      token: admin,
    });
    const audit = await api.call<{ items: { entityId: string; after: Record<string, unknown> | null }[] }>(
      'GET',
      `/providers/${trust.providerId}/audit?limit=100`,
      { token: admin },
    );

    expect(answer.status).toBe(200);
    expect(answer.body.exception).toEqual({ ruleId: 'R-CAD-4', reason });
    expect(plan.body.exceptions).toContainEqual(
      expect.objectContaining({ on: 'meeting', ruleId: 'R-CAD-4', reason, meetingId: meeting.meetingId }),
    );
    expect(
      audit.body.items.some(
        (entry) => entry.entityId === meeting.meetingId && JSON.stringify(entry.after).includes(reason),
      ),
    ).toBe(true);
  });

  it('refuses (403) an exception reason from someone who does not allocate relationships', async () => {
    const { meeting, nurse } = await aPlannedTrustMeeting('engagement');
    const assessor = await aMember(['assessor']);

    const answer = await book(
      meeting,
      {
        startsAt: '2027-11-10T10:00:00+00:00',
        mode: 'video',
        leadStaffId: assessor.staffId,
        providerContactIds: [nurse?.contactId],
        exceptionReason: 'I think it is fine',
      },
      await api.tokenFor(['assessor'], assessor.staffId),
    );

    expect(answer.status).toBe(403);
  });

  it('refuses the wrong lead of the medicines conversation even with a reason: R-CAD-6 is not a default', async () => {
    const { meeting, meds } = await aPlannedTrustMeeting('medicines-conversation');
    const assessor = await aMember(['assessor']);

    const answer = await book(meeting, {
      startsAt: '2027-11-10T10:00:00+00:00',
      mode: 'video',
      leadStaffId: assessor.staffId,
      providerContactIds: [meds?.contactId],
      exceptionReason: 'The Medicines team is short-staffed',
    });

    expect(answer.status).toBe(422);
    expect(answer.body.error?.ruleId).toBe('R-CAD-6');
  });
});

describe('exceptions on an allocation (R-EXC-1)', () => {
  async function aCareGroup(locations: number) {
    const group = (
      await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider({ sector: 'adult-social-care' }) })
    ).body;
    const locationIds: string[] = [];
    for (let index = 0; index < locations; index += 1) {
      const added = await api.call<{ locationId: string }>('POST', `/providers/${group.providerId}/locations`, {
        token: admin,
        body: { name: `Home ${index + 1}` },
      });
      locationIds.push(added.body.locationId);
    }
    return { group, locationIds };
  }

  it('refuses an adult social care location holder today even with a reason: R-REL-6 is not a default', async () => {
    const { group, locationIds } = await aCareGroup(1);
    const inspector = await aMember(['inspector']);

    const answer = await api.call<Answer<Relationship>>('PUT', `/providers/${group.providerId}/relationship-holder`, {
      token: admin,
      body: { staffId: inspector.staffId, locationId: locationIds[0], reason: 'New home', exceptionReason: 'At risk' },
    });

    expect(answer.status).toBe(422);
    expect(answer.body.error?.ruleId).toBe('R-REL-6');
  });

  it('accepts a head of inspection as corporate lead of a 3-location care group with a reason (R-CORP-1 is "normally")', async () => {
    const { group } = await aCareGroup(3);
    const head = await aMember(['head-of-inspection']);
    const reason = 'The group is under enforcement; a head of inspection oversees it';

    const refused = await api.call<Answer<Relationship>>('PUT', `/providers/${group.providerId}/corporate-lead`, {
      token: admin,
      body: { staffId: head.staffId, reason: 'New group' },
    });
    const accepted = await api.call<Answer<Relationship>>('PUT', `/providers/${group.providerId}/corporate-lead`, {
      token: admin,
      body: { staffId: head.staffId, reason: 'New group', exceptionReason: reason },
    });
    const plan = await api.call<Plan & { relationships: { corporateLead: unknown } }>(
      'GET',
      `/providers/${group.providerId}/engagement-plan`,
      { token: admin },
    );

    expect(refused.status).toBe(422);
    expect(refused.body.error?.ruleId).toBe('R-CORP-1');
    expect(accepted.status).toBe(200);
    expect(accepted.body.exception).toEqual({ ruleId: 'R-CORP-1', reason });
    expect(plan.body.relationships.corporateLead).toMatchObject({
      holder: { exception: { ruleId: 'R-CORP-1', reason } },
    });
    expect(plan.body.exceptions).toEqual([
      expect.objectContaining({ on: 'relationship', what: 'corporate-lead', ruleId: 'R-CORP-1', reason }),
    ]);
  });

  it('refuses an assessor as corporate lead even with a reason: holders and leads are inspecting staff (hard)', async () => {
    const { group } = await aCareGroup(3);
    const assessor = await aMember(['assessor']);

    const answer = await api.call<Answer<Relationship>>('PUT', `/providers/${group.providerId}/corporate-lead`, {
      token: admin,
      body: { staffId: assessor.staffId, reason: 'New group', exceptionReason: 'Cover' },
    });

    expect(answer.status).toBe(422);
    expect(answer.body.error?.ruleId).toBe('R-CORP-1');
  });
});
