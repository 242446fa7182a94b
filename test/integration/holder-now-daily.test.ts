import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTables } from '../../infra/local/dynamodb-local.ts';
import { tableNamesFor } from '../../infra/local/environment.ts';
import { DynamoContactStore } from '../../shared/adapters/dynamodb/contact-store.ts';
import { DynamoDeliveryLedger } from '../../shared/adapters/dynamodb/delivery-ledger.ts';
import { DynamoMeetingStore } from '../../shared/adapters/dynamodb/meeting-store.ts';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoRelationshipStore } from '../../shared/adapters/dynamodb/relationship-store.ts';
import { DynamoReminderStore } from '../../shared/adapters/dynamodb/reminder-store.ts';
import { DynamoResponsibilityStore } from '../../shared/adapters/dynamodb/responsibility-store.ts';
import { DynamoSuppressionList } from '../../shared/adapters/dynamodb/suppression-list.ts';
import { DynamoTeamStore } from '../../shared/adapters/dynamodb/team-store.ts';
import { DynamoTemplateStore } from '../../shared/adapters/dynamodb/template-store.ts';
import { SesMailer } from '../../shared/adapters/ses/mailer.ts';
import { TokenBucketPace } from '../../shared/adapters/ses/sending-pace.ts';
import { policyCatalogue } from '../../shared/domain/policy/catalogue.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { allocateRelationshipHolder } from '../../shared/use-cases/allocate-relationship.ts';
import { assignProviderTeam } from '../../shared/use-cases/assign-provider-team.ts';
import { deliverEmails, type OutgoingEmail } from '../../shared/use-cases/deliver-emails.ts';
import { createTeam } from '../../shared/use-cases/manage-team.ts';
import { planMeetings } from '../../shared/use-cases/plan-meetings.ts';
import { registerProvider } from '../../shared/use-cases/register-provider.ts';
import { registerStaff } from '../../shared/use-cases/register-staff.ts';
import { runDaily } from '../../shared/use-cases/run-daily.ts';
import { aProvider, aStaffMember } from './support/builders.ts';
import { inbox } from './support/inbox.ts';

/**
 * R-REL-2, R-TEAM-5 (issue 14 items 3 and 5): the daily run's reminders and overdue alerts go to whoever
 * holds the relationship on the day of the run, or covers for them; overdue meetings go as ONE digest a
 * person to the holder now, the lead and the operations manager of the provider's team (R-CAD-8, R-TEAM-3),
 * each meeting once. Real DynamoDB Local and SES local, on tables of this file's own: the daily run sweeps
 * whole tables, and other files' meetings must not reach these people.
 */
const stage = `holder-${randomUUID().slice(0, 8)}`;
const tables = tableNamesFor(stage);
const ses = new SesMailer({
  stage: process.env.STAGE ?? 'test',
  sender: 'engagement@regulator.localhost',
  configurationSet: 'test-engagement',
});

beforeAll(async () => {
  await createTables(
    new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB, region: process.env.AWS_REGION }),
    tables,
  );
});

const register = new DynamoRegisterStore(tables.providers, tables.audit);
const stores = {
  register,
  meetings: new DynamoMeetingStore(tables.meetings, tables.audit),
  relationships: new DynamoRelationshipStore(tables.providers, tables.audit),
  teams: new DynamoTeamStore(tables.providers, tables.audit),
  responsibility: new DynamoResponsibilityStore(tables.providers),
  reminders: new DynamoReminderStore(tables.meetings),
  templates: new DynamoTemplateStore(tables),
  contacts: new DynamoContactStore(tables.providers, tables.audit, tables.meetings),
  policy: policyCatalogue(),
  links: { key: Buffer.from(process.env.LINK_SIGNING_KEY ?? '', 'base64'), baseUrl: 'http://localhost' },
  workspaceOrigin: 'http://localhost',
};
const at = (instant: string) => ({
  actor: { type: 'schedule' as const, id: 'holder-now-test' },
  now: new Date(instant),
  newId: ulid,
});
const setUp = at('2026-01-02T08:00:00Z');

const aMember = (roles: Staff['roles']) => registerStaff(register, aStaffMember({ roles }), setUp);
const handOver = (provider: Provider, to: Staff, when = setUp) =>
  allocateRelationshipHolder(stores, provider.providerId, { staffId: to.staffId, reason: 'Handover' }, when);
const away = (staff: Staff, from: string, to: string, cover: Staff) =>
  register.replaceStaff(
    { ...staff, absence: { from, to, coverStaffId: cover.staffId, reason: 'Leave' }, version: staff.version + 1 },
    staff,
    [],
  );

/** An NHS trust with a holder, its quarter's engagement meeting planned (due by 31 March 2026). */
async function aTrustWithMeeting(holder: Staff) {
  const tag = randomUUID().slice(0, 8);
  const provider = await registerProvider(
    register,
    aProvider({
      name: `Trust ${tag}`,
      contacts: [{ name: `Chief ${tag}`, email: `chief.${tag}@provider.test`, roles: ['chief-executive'] }],
    }),
    setUp,
  );
  await handOver(provider, holder);
  await planMeetings(stores, 'quarterly-planning', '2026-01-01', setUp);
  const [planned] = (await stores.meetings.listProviderMeetings(provider.providerId, { limit: 10 })).items;
  if (!planned) throw new Error('nothing planned');
  return { provider, meeting: planned };
}

/** Books the meeting with an assessor lead (R-CAD-4) through the store, the one write path. */
async function bookWith(meeting: Meeting, lead: Staff, startsAt: string): Promise<Meeting> {
  const booked: Meeting = {
    ...meeting,
    status: 'booked',
    startsAt,
    durationMinutes: 60,
    mode: 'video',
    lead: { staffId: lead.staffId, name: lead.name, roles: lead.roles },
    version: meeting.version + 1,
    updatedAt: '2026-01-03T09:00:00.000Z',
  };
  await stores.meetings.replaceMeeting(booked, meeting, []);
  return booked;
}

function daily(
  day: string,
  instant: string,
  reads: Pick<typeof register, 'getStaff' | 'getProvider' | 'listStaff'> = register,
) {
  const now = new Date(instant);
  const deliver = (emails: readonly OutgoingEmail[]) =>
    deliverEmails(
      {
        ledger: new DynamoDeliveryLedger(tables.meetings),
        suppression: new DynamoSuppressionList(tables.providers),
        mailer: ses,
        pace: new TokenBucketPace(1000),
      },
      emails,
      { runId: ulid(), now: () => now, timeLeft: () => 60_000, sleep: async () => undefined },
    );
  return runDaily({ ...stores, register: reads, deliver }, day, { now, newId: ulid });
}

const mailTo = async (staff: Staff) =>
  (await inbox()).filter((mail) => mail.destination.to.some((to) => to.includes(staff.email)));
const subjects = async (staff: Staff, start: string) =>
  (await mailTo(staff)).map((mail) => mail.subject).filter((subject) => subject.startsWith(start));

describe('a handover moves the daily run’s work to the new holder (R-REL-2)', () => {
  it('reminds the new holder, not the old one, to share the template and of the meeting', async () => {
    const [before, after, lead] = await Promise.all([
      aMember(['inspector']),
      aMember(['inspector']),
      aMember(['assessor']),
    ]);
    const { provider, meeting } = await aTrustWithMeeting(before);
    await bookWith(meeting, lead, '2026-11-17T10:00:00.000Z');

    await handOver(provider, after, at('2026-01-05T08:00:00Z'));
    await daily('2026-11-03', '2026-11-03T07:00:00Z'); // 14 days before: share the template
    await daily('2026-11-10', '2026-11-10T07:00:00Z'); // 7 days before: the meeting reminder

    expect(await subjects(after, 'Share the pre-meeting template')).toHaveLength(1);
    expect(await subjects(after, 'Reminder:')).toHaveLength(1);
    expect(await subjects(lead, 'Share the pre-meeting template')).toHaveLength(1);
    expect(await mailTo(before)).toEqual([]);
  });

  it('sends the overdue digest to the new holder, naming them as the relationship holder, and nothing to the old one', async () => {
    const [before, after] = await Promise.all([aMember(['inspector']), aMember(['inspector'])]);
    const { provider } = await aTrustWithMeeting(before);

    await handOver(provider, after, at('2026-02-01T08:00:00Z'));
    await daily('2026-04-01', '2026-04-01T07:00:00Z');

    const [digest] = (await mailTo(after)).filter((mail) => mail.subject.startsWith('Overdue meetings'));
    expect(digest?.body.text).toContain(provider.name);
    expect(digest?.body.text).toContain(`Relationship holder: ${after.name}.`);
    expect(digest?.body.text).toContain('You are told as you hold its relationship.');
    expect(await mailTo(before)).toEqual([]);
  });
});

describe('the daily run reads each person once', () => {
  it('reads the holder of a booked overdue meeting once, though reminders, the overdue digest and the digests all name them', async () => {
    // Arrange
    const [holder, lead] = await Promise.all([aMember(['inspector']), aMember(['assessor'])]);
    const { meeting } = await aTrustWithMeeting(holder);
    await bookWith(meeting, lead, '2026-04-08T10:00:00.000Z');
    const staffReads = new Map<string, number>();
    const counting = {
      getStaff: (staffId: string) => {
        staffReads.set(staffId, (staffReads.get(staffId) ?? 0) + 1);
        return register.getStaff(staffId);
      },
      getProvider: (providerId: string) => register.getProvider(providerId),
      listStaff: (request: Parameters<typeof register.listStaff>[0]) => register.listStaff(request),
    };

    // Act: 7 days before the meeting, which is past its due-by day (31 March)
    await daily('2026-04-01', '2026-04-01T07:00:00Z', counting);

    // Assert
    expect(await subjects(holder, 'Reminder:')).toHaveLength(1);
    expect((await mailTo(holder)).some((mail) => mail.subject.startsWith('Overdue meetings'))).toBe(true);
    expect(staffReads.get(holder.staffId)).toBe(1);
  });
});

describe('a cover receives what the absent holder would, during the absence only (R-TEAM-5)', () => {
  it('reminds the cover 7 days before while the holder is away, and the holder the day before once back', async () => {
    const [holder, cover, lead] = await Promise.all([
      aMember(['inspector']),
      aMember(['inspector']),
      aMember(['assessor']),
    ]);
    const { meeting } = await aTrustWithMeeting(holder);
    await bookWith(meeting, lead, '2026-12-15T10:00:00.000Z');
    await away(holder, '2026-12-07', '2026-12-11', cover);

    await daily('2026-12-08', '2026-12-08T07:00:00Z'); // 7 days before: away
    const during = { cover: await subjects(cover, 'Reminder:'), holder: await subjects(holder, 'Reminder:') };
    await daily('2026-12-14', '2026-12-14T07:00:00Z'); // the day before: back

    expect(during).toEqual({ cover: [expect.any(String)], holder: [] });
    expect(await subjects(cover, 'Reminder:')).toHaveLength(1);
    expect(await subjects(holder, 'Reminder:')).toHaveLength(1);
  });

  it('sends the overdue digest to the cover, saying whom they cover, while the holder is away', async () => {
    const [holder, cover] = await Promise.all([aMember(['inspector']), aMember(['inspector'])]);
    const { provider } = await aTrustWithMeeting(holder);
    await away(holder, '2026-03-30', '2026-04-10', cover);

    await daily('2026-04-02', '2026-04-02T07:00:00Z');

    const [digest] = (await mailTo(cover)).filter((mail) => mail.subject.startsWith('Overdue meetings'));
    expect(digest?.body.text).toContain(provider.name);
    expect(digest?.body.text).toContain(`Relationship holder: ${holder.name} (away: ${cover.name} covers).`);
    expect(digest?.body.text).toContain(`cover for ${holder.name}, who is away`);
    expect(await mailTo(holder)).toEqual([]);
  });
});

describe('one overdue digest a person, to the team’s operations manager only (R-CAD-8, R-TEAM-3)', () => {
  it('lists each person’s overdue meetings in one email, tells only the operations manager of each provider’s team, and a second run sends nothing', async () => {
    const [holder, north, south] = await Promise.all([
      aMember(['inspector']),
      aMember(['operations-manager']),
      aMember(['operations-manager']),
    ]);
    const team = async (manager: Staff) =>
      createTeam(
        stores,
        { name: `Team ${randomUUID().slice(0, 6)}`, kind: 'assessment', operationsManagerId: manager.staffId },
        setUp,
      );
    const [northTeam, southTeam] = await Promise.all([team(north), team(south)]);
    const first = await aTrustWithMeeting(holder);
    const second = await aTrustWithMeeting(holder);
    const elsewhere = await aTrustWithMeeting(await aMember(['inspector']));
    for (const [{ provider }, teamId] of [
      [first, northTeam.teamId],
      [second, northTeam.teamId],
      [elsewhere, southTeam.teamId],
    ] as const) {
      await assignProviderTeam(stores, provider.providerId, { teamId, reason: 'Area' }, setUp);
    }

    const run = await daily('2026-04-03', '2026-04-03T07:00:00Z');
    const again = await daily('2026-04-03', '2026-04-03T07:30:00Z');
    const later = await daily('2026-04-04', '2026-04-04T07:00:00Z');

    const overdue = async (staff: Staff) =>
      (await mailTo(staff)).filter((mail) => mail.subject.startsWith('Overdue meetings'));
    const [holderDigest] = await overdue(holder);
    const [northDigest] = await overdue(north);
    const [southDigest] = await overdue(south);
    expect(await overdue(holder)).toHaveLength(1);
    expect(holderDigest?.subject).toBe('Overdue meetings on Friday 3 April 2026: 2 meetings for you');
    for (const text of [holderDigest?.body.text, northDigest?.body.text]) {
      expect(text).toContain(first.provider.name);
      expect(text).toContain(second.provider.name);
      expect(text).not.toContain(elsewhere.provider.name);
      expect(text).toContain('due by Tuesday 31 March 2026');
      expect(text).toContain(`http://localhost/workspace/meetings/${first.meeting.meetingId}`);
      expect(text).toContain(`http://localhost/workspace/meetings/${second.meeting.meetingId}`);
    }
    expect(await overdue(north)).toHaveLength(1);
    expect(northDigest?.body.text).toContain(`operations manager of ${northTeam.name}`);
    expect(await overdue(south)).toHaveLength(1);
    expect(southDigest?.body.text).toContain(elsewhere.provider.name);
    expect(southDigest?.body.text).not.toContain(first.provider.name);
    expect(run.overdue.stillOwed).toBe(0);
    expect(again.emails.sent).toBe(0);
    expect(later.overdue.alerted).toBe(0);
    expect(await overdue(holder)).toHaveLength(1);
  });

  it('tells the admins of a provider with no team, and says so in the email (issue 14 item 7)', async () => {
    const [holder, admin] = await Promise.all([aMember(['inspector']), aMember(['admin'])]);
    const { provider } = await aTrustWithMeeting(holder);

    await daily('2026-04-05', '2026-04-05T07:00:00Z');

    const [digest] = (await mailTo(admin)).filter((mail) => mail.subject.startsWith('Overdue meetings'));
    expect(digest?.body.text).toContain(
      `an admin: ${provider.name} has no assessment team yet, so its escalations come to the admins`,
    );
  });
});
