import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoMeetingStore } from '../../shared/adapters/dynamodb/meeting-store.ts';
import type { StaffRole } from '../../shared/domain/vocabulary.ts';
import type { Activity } from '../../shared/schemas/engagement.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import type { Location, Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { aProvider, aStaffMember } from './support/builders.ts';
import { invitesTo } from './support/inbox.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';
import { aBookedMeeting } from './support/scenarios.ts';

/**
 * Engagement beyond planned meetings (R-CAD-11, R-CAD-12): POST /providers/{providerId}/meetings for an
 * ad hoc meeting, POST/GET /providers/{providerId}/activities for a logged contact, and the holder's
 * dashboard. Neither ever counts towards a cadence.
 */
let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

type Answer<T> = T & { error?: { code: string; message: string; details?: { path: string }[] } };

const aMember = async (roles: StaffRole[] = ['inspector']) =>
  (await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember({ roles }) })).body;

/** An NHS trust with a chief executive, a location, and an inspector holding it. */
async function aTrust() {
  const trust = (await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider() })).body;
  const location = (
    await api.call<Location>('POST', `/providers/${trust.providerId}/locations`, {
      token: admin,
      body: { name: 'St Anne’s Hospital' },
    })
  ).body;
  const holder = await aMember(['inspector']);
  await api.call('PUT', `/providers/${trust.providerId}/relationship-holder`, {
    token: admin,
    body: { staffId: holder.staffId, reason: 'Test holder' },
  });
  const chief = trust.contacts[0];
  if (!chief) throw new Error('the builder gives a chief executive');
  return { trust, location, holder, chief };
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

const adHoc = (providerId: string, body: unknown, token = admin) =>
  api.call<Answer<Meeting>>('POST', `/providers/${providerId}/meetings`, { token, body });
const logContact = (providerId: string, body: unknown, token = admin) =>
  api.call<Answer<Activity>>('POST', `/providers/${providerId}/activities`, { token, body });
const activitiesOf = (providerId: string, query = '') =>
  api.call<Answer<{ items: Activity[]; nextToken: string | null }>>(
    'GET',
    `/providers/${providerId}/activities${query}`,
    { token: admin },
  );

describe('ad hoc meetings (R-CAD-11)', () => {
  it('books a teleconference still to come with a partner from NHS Improvement (R-CAD-12), and invites the people with an address', async () => {
    const { trust, holder, chief } = await aTrust();
    const colleague = await aMember(['assessor']);

    const answer = await adHoc(trust.providerId, {
      mode: 'teleconference',
      startsAt: inDays(3),
      durationMinutes: 30,
      leadStaffId: holder.staffId,
      regulatorStaffIds: [colleague.staffId],
      providerContactIds: [chief.contactId],
      partnerAttendees: [{ name: 'Priya Shah', organisation: 'NHS Improvement' }],
    });

    expect(answer.status).toBe(201);
    expect(answer.headers.get('etag')).toBe('"1"');
    expect(answer.body).toMatchObject({
      status: 'booked',
      type: 'ad-hoc',
      ruleId: 'R-CAD-11',
      level: 'provider',
      channel: 'teleconference',
      mode: 'telephone',
      lead: { staffId: holder.staffId },
      partnerAttendees: [{ name: 'Priya Shah', organisation: 'NHS Improvement' }],
    });
    const invites = await Promise.all([holder.email, colleague.email, chief.email].map((email) => invitesTo(email)));
    expect(
      invites.map(
        (sent) =>
          sent.filter((invite) => invite.events[0]?.UID === `${answer.body.meetingId}@provider-engagement`).length,
      ),
    ).toEqual([1, 1, 1]);
  });

  it('records a visit that already happened as held at its start, at location level, inviting nobody to the past', async () => {
    const { trust, location, holder, chief } = await aTrust();
    const startsAt = '2026-02-03T10:00:00.000Z';

    const answer = await adHoc(trust.providerId, {
      mode: 'visit',
      locationId: location.locationId,
      startsAt,
      leadStaffId: holder.staffId,
      providerContactIds: [chief.contactId],
    });

    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      status: 'held',
      heldAt: startsAt,
      level: 'location',
      locationId: location.locationId,
      mode: 'in-person',
    });
    const invites = await invitesTo(chief.email);
    expect(
      invites.filter((invite) => invite.events[0]?.UID === `${answer.body.meetingId}@provider-engagement`),
    ).toEqual([]);
  });

  it('shows on the provider’s meetings and activities, with audit entries for both', async () => {
    const { trust, holder, chief } = await aTrust();

    const created = await adHoc(trust.providerId, {
      mode: 'video',
      startsAt: inDays(5),
      leadStaffId: holder.staffId,
      providerContactIds: [chief.contactId],
      summary: 'Follow-up on the maternity action plan',
    });
    const [meetings, activities, audit] = await Promise.all([
      api.call<{ items: Meeting[] }>('GET', `/providers/${trust.providerId}/meetings?limit=100`, { token: admin }),
      activitiesOf(trust.providerId),
      api.call<{ items: { entityType: string; entityId: string; action: string }[] }>(
        'GET',
        `/providers/${trust.providerId}/audit?limit=100`,
        { token: admin },
      ),
    ]);

    expect(meetings.body.items.map((meeting) => meeting.meetingId)).toContain(created.body.meetingId);
    expect(activities.body.items).toEqual([
      expect.objectContaining({
        source: 'ad-hoc-meeting',
        channel: 'video',
        meetingId: created.body.meetingId,
        summary: 'Follow-up on the maternity action plan',
        providerPeople: [{ contactId: chief.contactId, name: chief.name }],
      }),
    ]);
    const activityId = activities.body.items[0]?.activityId;
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entityType: 'meeting', entityId: created.body.meetingId, action: 'created' }),
        expect.objectContaining({ entityType: 'activity', entityId: activityId, action: 'created' }),
      ]),
    );
  });

  it('shows on the activities as it is now: moved, then cancelled (R-CAD-9 changes apply to it like any meeting)', async () => {
    const { trust, holder, chief } = await aTrust();
    const created = await adHoc(trust.providerId, {
      mode: 'call',
      startsAt: inDays(4),
      leadStaffId: holder.staffId,
      providerContactIds: [chief.contactId],
    });
    const movedTo = new Date(Date.parse(inDays(6))).toISOString();

    const moved = await api.call<Meeting>('PATCH', `/meetings/${created.body.meetingId}`, {
      token: admin,
      headers: { 'if-match': '"1"' },
      body: { startsAt: movedTo },
    });
    const afterMove = await activitiesOf(trust.providerId);
    await api.call('POST', `/meetings/${created.body.meetingId}/cancel`, {
      token: admin,
      body: { reason: 'The provider resolved it by email' },
    });
    const afterCancel = await activitiesOf(trust.providerId);

    expect(moved.status).toBe(200);
    expect(afterMove.body.items[0]).toMatchObject({ meetingStatus: 'booked', occurredAt: movedTo });
    expect(afterCancel.body.items[0]).toMatchObject({ meetingStatus: 'cancelled' });
  });

  it('never counts towards the cadence: the DD + CEO check stays unmet and the overdue sweep never reads it (R-CAD-5, R-CAD-8)', async () => {
    const { trust, holder, chief } = await aTrust();
    const director = await aMember(['deputy-director']);
    const checkOn = async () =>
      (
        await api.call<{ attendanceChecks: { ruleId: string; met: number; flagged: boolean }[] }>(
          'GET',
          `/providers/${trust.providerId}/engagement-plan?on=2027-05-01`,
          { token: admin },
        )
      ).body.attendanceChecks.find((check) => check.ruleId === 'R-CAD-5');
    const before = await checkOn();

    // Booked with exactly the people the designated meeting needs, in the same business year.
    const created = await adHoc(trust.providerId, {
      mode: 'visit',
      startsAt: '2027-05-20T09:30:00+01:00',
      leadStaffId: holder.staffId,
      regulatorStaffIds: [director.staffId],
      providerContactIds: [chief.contactId],
    });
    const after = await checkOn();
    const overdueLater = await new DynamoMeetingStore(
      process.env.MEETINGS_TABLE ?? '',
      process.env.AUDIT_TABLE ?? '',
    ).openDueBefore('2027-06-30');

    expect(created.body.status).toBe('booked');
    expect(before).toMatchObject({ met: 0, flagged: true });
    expect(after).toMatchObject({ met: 0, flagged: true });
    expect(overdueLater.map((meeting) => meeting.meetingId)).not.toContain(created.body.meetingId);
  });

  it.each([
    ['an unknown lead', { leadStaffId: '01J0000000000000000000ZZZZ' }, 'body.leadStaffId'],
    [
      'a contact of another provider',
      { providerContactIds: ['01J0000000000000000000ZZZZ'] },
      'body.providerContactIds.0',
    ],
    ['another provider’s location', { locationId: '01J0000000000000000000ZZZZ' }, 'body.locationId'],
    ['a mode booking does not know', { mode: 'carrier-pigeon' }, 'body.mode'],
    ['no provider attendee', { providerContactIds: [] }, 'body.providerContactIds'],
    ['a day before 2000', { startsAt: '1999-12-31T10:00:00Z' }, 'body.startsAt'],
    [
      'a partner with a line break in their name',
      { partnerAttendees: [{ name: 'A\nB', organisation: 'NHSI' }] },
      'body.partnerAttendees.0.name',
    ],
  ])('refuses %s with a 400 naming the field, and records nothing', async (_case, override, path) => {
    const { trust, holder, chief } = await aTrust();

    const answer = await adHoc(trust.providerId, {
      mode: 'call',
      startsAt: inDays(2),
      leadStaffId: holder.staffId,
      providerContactIds: [chief.contactId],
      ...override,
    });
    const activities = await activitiesOf(trust.providerId);

    expect(answer.status).toBe(400);
    expect(answer.body.error?.details?.map((detail) => detail.path)).toContain(path);
    expect(activities.body.items).toEqual([]);
  });

  it('answers any start, mode or partner with a 201 or a 4xx in the one error shape, never a 5xx', async () => {
    const { trust, holder, chief } = await aTrust();

    await fc.assert(
      fc.asyncProperty(
        fc.record({
          mode: fc.oneof(fc.constantFrom('call', 'teleconference', 'video', 'visit'), fc.string()),
          startsAt: fc.oneof(
            fc
              .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z') })
              .map((date) => (Number.isNaN(date.getTime()) ? 'not a date' : date.toISOString())),
            fc.string(),
          ),
          durationMinutes: fc.oneof(fc.integer({ min: -10, max: 1000 }), fc.double()),
          partnerAttendees: fc.array(fc.record({ name: fc.string(), organisation: fc.string() }), { maxLength: 3 }),
        }),
        async (varied) => {
          const answer = await adHoc(trust.providerId, {
            leadStaffId: holder.staffId,
            providerContactIds: [chief.contactId],
            ...varied,
          });
          expect(answer.status).toBeLessThan(500);
          if (answer.status !== 201) expect(answer.body.error?.code).toEqual(expect.any(String));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('answers 404 for a provider that does not exist', async () => {
    const holder = await aMember();

    const answer = await adHoc('01J0000000000000000000ZZZZ', {
      mode: 'call',
      startsAt: inDays(2),
      leadStaffId: holder.staffId,
      providerContactIds: ['01J0000000000000000000ZZZY'],
    });

    expect(answer.status).toBe(404);
  });
});

describe('the next template after an ad hoc meeting (R-TPL-1)', () => {
  it('still carries the last planned meeting’s notes and open actions when an ad hoc visit without notes came between', async () => {
    const { trust, holder, chief } = await aTrust();
    const ofQuarter = async (period: string) =>
      (
        await api.call<{ items: Meeting[] }>('GET', `/providers/${trust.providerId}/meetings?limit=100`, {
          token: admin,
        })
      ).body.items.find((meeting) => meeting.period === period);
    await api.call('POST', '/jobs/quarterly-planning/runs', { token: admin, body: { runAs: '2026-07-01' } });
    await api.call('POST', `/meetings/${(await ofQuarter('2026-Q3'))?.meetingId}/outcome`, {
      token: admin,
      body: {
        heldAt: '2026-09-10T10:00:00+01:00',
        notes: 'Discussed the winter plan.',
        actions: [{ description: 'Send the staffing review', owner: 'The trust', dueDate: '2026-10-15' }],
      },
    });
    await adHoc(trust.providerId, {
      mode: 'visit',
      startsAt: '2026-10-05T10:00:00+01:00',
      leadStaffId: holder.staffId,
      providerContactIds: [chief.contactId],
    });
    await api.call('POST', '/jobs/quarterly-planning/runs', { token: admin, body: { runAs: '2026-10-01' } });
    const next = await ofQuarter('2026-Q4');

    const draft = await api.call<{ sections: { sectionId: string; items: { text: string }[] }[] }>(
      'GET',
      `/meetings/${next?.meetingId}/template`,
      { token: admin },
    );

    expect(
      draft.body.sections.find((section) => section.sectionId === 'last-meeting')?.items.map((item) => item.text),
    ).toEqual([
      'Notes of the meeting held on 10 September 2026: Discussed the winter plan.',
      'Open action from 10 September 2026: Send the staffing review (The trust, due 15 October 2026)',
    ]);
  });
});

describe('partner attendees on a planned meeting (R-CAD-12)', () => {
  it('adds NHS Improvement to a booked engagement meeting, kept on the meeting', async () => {
    const { meeting } = await aBookedMeeting(api, admin);

    const changed = await api.call<Answer<Meeting>>('PATCH', `/meetings/${meeting.meetingId}`, {
      token: admin,
      headers: { 'if-match': `"${meeting.version}"` },
      body: { partnerAttendees: [{ name: 'Priya Shah', organisation: 'NHS Improvement' }] },
    });

    expect(changed.status).toBe(200);
    expect(changed.body.partnerAttendees).toEqual([{ name: 'Priya Shah', organisation: 'NHS Improvement' }]);
  });
});

describe('logged contacts (R-CAD-11)', () => {
  it('logs an email with a contact and a person named, and lists contacts newest first, a page at a time', async () => {
    const { trust, holder, chief } = await aTrust();
    const first = await logContact(trust.providerId, {
      channel: 'call',
      occurredAt: '2026-09-01T14:00:00+01:00',
      staffIds: [holder.staffId],
      providerPeople: ['Dr Zoë Ó Briain'],
      summary: 'Called about the CQC Insight data on readmissions.',
    });
    const second = await logContact(trust.providerId, {
      channel: 'email',
      occurredAt: '2026-10-01T09:00:00Z',
      staffIds: [holder.staffId],
      providerContactIds: [chief.contactId],
      partnerAttendees: [{ name: 'Sam Jones', organisation: 'NHS Improvement' }],
      summary: 'Agreed by email to co-ordinate the winter visit with NHS Improvement.\nNo duplication.',
    });

    const page1 = await activitiesOf(trust.providerId, '?limit=1');
    const page2 = await activitiesOf(trust.providerId, `?limit=1&nextToken=${page1.body.nextToken}`);

    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body).toMatchObject({
      source: 'logged-contact',
      channel: 'email',
      staff: [{ staffId: holder.staffId, name: holder.name }],
      providerPeople: [{ contactId: chief.contactId, name: chief.name }],
      meetingId: null,
    });
    expect(first.body.providerPeople).toEqual([{ contactId: null, name: 'Dr Zoë Ó Briain' }]);
    expect(page1.body.items.map((item) => item.activityId)).toEqual([second.body.activityId]);
    expect(page2.body.items.map((item) => item.activityId)).toEqual([first.body.activityId]);
  });

  it.each([
    ['a contact still to come', { occurredAt: new Date(Date.now() + 3_600_000).toISOString() }, 'body.occurredAt'],
    ['nobody on the provider’s side', { providerPeople: [] }, 'body.providerContactIds'],
    ['an unknown member of staff', { staffIds: ['01J0000000000000000000ZZZZ'] }, 'body.staffIds.0'],
    ['a control character in the summary', { summary: 'ok\u0007' }, 'body.summary'],
    ['a channel nobody uses', { channel: 'fax' }, 'body.channel'],
  ])('refuses %s with a 400 naming the field, and logs nothing', async (_case, override, path) => {
    const { trust, holder } = await aTrust();

    const answer = await logContact(trust.providerId, {
      channel: 'call',
      occurredAt: '2026-09-01T14:00:00Z',
      staffIds: [holder.staffId],
      providerPeople: ['Ward manager'],
      summary: 'A call',
      ...override,
    });
    const activities = await activitiesOf(trust.providerId);

    expect(answer.status).toBe(400);
    expect(answer.body.error?.details?.map((detail) => detail.path)).toContain(path);
    expect(activities.body.items).toEqual([]);
  });

  it('answers 404 listing the activities of a provider that does not exist', async () => {
    const answer = await activitiesOf('01J0000000000000000000ZZZZ');

    expect(answer.status).toBe(404);
  });

  it('answers any body with a 201 or a 4xx in the one error shape, never a 5xx', async () => {
    const { trust } = await aTrust();

    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            channel: fc.oneof(fc.constantFrom('call', 'email', 'visit'), fc.string()),
            occurredAt: fc.oneof(
              fc.date().map((date) => (Number.isNaN(date.getTime()) ? 'x' : date.toISOString())),
              fc.string(),
            ),
            staffIds: fc.array(fc.string(), { maxLength: 3 }),
            providerPeople: fc.array(fc.string(), { maxLength: 3 }),
            summary: fc.string(),
          },
          { requiredKeys: [] },
        ),
        async (body) => {
          const answer = await logContact(trust.providerId, body);
          expect(answer.status).toBeLessThan(500);
          if (answer.status !== 201) expect(answer.body.error?.code).toEqual(expect.any(String));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('the holder’s dashboard (R-CAD-11)', () => {
  it('shows the holder the recent contacts and ad hoc meetings of the providers they hold, and nobody else', async () => {
    const { trust, holder, chief } = await aTrust();
    const stranger = await aMember();
    const logged = await logContact(trust.providerId, {
      channel: 'visit',
      occurredAt: inDays(-2),
      staffIds: [holder.staffId],
      providerContactIds: [chief.contactId],
      summary: 'Unannounced walk round the emergency department',
    });
    const meeting = await adHoc(trust.providerId, {
      mode: 'call',
      startsAt: inDays(1),
      leadStaffId: stranger.staffId,
      providerContactIds: [chief.contactId],
    });

    const mine = await api.call<{ recentEngagement: Activity[]; overdueMeetings: Meeting[] }>('GET', '/me/dashboard', {
      token: await api.tokenFor(['inspector'], holder.staffId),
    });
    const theirs = await api.call<{ recentEngagement: Activity[] }>('GET', '/me/dashboard', {
      token: await api.tokenFor(['inspector'], stranger.staffId),
    });

    expect(mine.status).toBe(200);
    expect(mine.body.recentEngagement.map((item) => [item.source, item.meetingId ?? item.activityId])).toEqual([
      ['ad-hoc-meeting', meeting.body.meetingId],
      ['logged-contact', logged.body.activityId],
    ]);
    expect(theirs.body.recentEngagement).toEqual([]);
  });
});
