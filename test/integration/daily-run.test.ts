import { randomBytes, randomUUID } from 'node:crypto';
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
import { referenceFrom } from '../../shared/domain/contact/reference.ts';
import { verifyLink } from '../../shared/domain/links/provider-link.ts';
import { policyCatalogue } from '../../shared/domain/policy/catalogue.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { allocateRelationshipHolder } from '../../shared/use-cases/allocate-relationship.ts';
import {
  type BulkMailer,
  type BulkResult,
  type DeliveryContext,
  deliverEmails,
  type OutgoingEmail,
} from '../../shared/use-cases/deliver-emails.ts';
import { cancelMeeting } from '../../shared/use-cases/manage-meeting.ts';
import { planMeetings } from '../../shared/use-cases/plan-meetings.ts';
import { registerProvider } from '../../shared/use-cases/register-provider.ts';
import { registerStaff } from '../../shared/use-cases/register-staff.ts';
import { requestInformation } from '../../shared/use-cases/request-information.ts';
import { runDaily } from '../../shared/use-cases/run-daily.ts';
import { aProvider, aStaffMember } from './support/builders.ts';
import { inbox } from './support/inbox.ts';

/**
 * The daily run (R-REM-3) sends each reminder once (R-REM-4), proved against the SES local store.
 * This file has tables of its own in DynamoDB Local, so other files' daily runs, which sweep every
 * reminder due in the shared tables, cannot send or claim these. The only stand-ins are mailers that
 * wrap the real SES one to inject what SES local cannot do on demand: throttling, failures, a crash.
 */
const stage = `daily-${randomUUID().slice(0, 8)}`;
const tables = tableNamesFor(stage);
const linkKey = Buffer.from(process.env.LINK_SIGNING_KEY ?? '', 'base64');
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

const register = () => new DynamoRegisterStore(tables.providers, tables.audit);
const stores = () => ({
  register: register(),
  meetings: new DynamoMeetingStore(tables.meetings, tables.audit),
  relationships: new DynamoRelationshipStore(tables.providers, tables.audit),
  teams: new DynamoTeamStore(tables.providers, tables.audit),
  responsibility: new DynamoResponsibilityStore(tables.providers),
  reminders: new DynamoReminderStore(tables.meetings),
  templates: new DynamoTemplateStore(tables),
  contacts: new DynamoContactStore(tables.providers, tables.audit, tables.meetings),
  policy: policyCatalogue(),
  links: { key: linkKey, baseUrl: 'http://localhost' },
  workspaceOrigin: 'http://localhost',
});

const at = (instant: string) => ({
  actor: { type: 'schedule' as const, id: 'daily-run-test' },
  now: new Date(instant),
  newId: ulid,
});

/** An NHS trust with two contacts and a holder (R-REL-1; a CIC has none); its quarterly engagement meeting planned, then booked. */
async function aBookedMeeting(startsAt = '2026-03-10T10:00:00.000Z') {
  const deps = stores();
  const context = at('2026-01-02T08:00:00Z');
  const tag = randomUUID().slice(0, 8);
  const provider: Provider = await registerProvider(
    deps.register,
    aProvider({
      sector: 'nhs-trust',
      contacts: [
        { name: `Chief ${tag}`, email: `chief.${tag}@provider.test`, roles: ['chief-executive'] },
        { name: `Nurse ${tag}`, email: `nurse.${tag}@provider.test`, roles: ['executive-board-member'] },
      ],
    }),
    context,
  );
  const holder: Staff = await registerStaff(deps.register, aStaffMember({ roles: ['inspector'] }), context);
  await allocateRelationshipHolder(deps, provider.providerId, { staffId: holder.staffId, reason: 'Test' }, context);
  await planMeetings(deps, 'quarterly-planning', '2026-01-01', context);
  const [planned] = (await deps.meetings.listProviderMeetings(provider.providerId, { limit: 10 })).items;
  if (!planned) throw new Error('nothing planned');
  const meeting = await book(planned, startsAt, provider, holder);
  return { deps, provider, holder, meeting, contacts: provider.contacts };
}

/** Books (or moves) a meeting through the store, the one write path every use case takes. */
async function book(current: Meeting, startsAt: string, provider: Provider, lead: Staff): Promise<Meeting> {
  const booked: Meeting = {
    ...current,
    status: 'booked',
    startsAt,
    durationMinutes: 60,
    mode: 'video',
    lead: { staffId: lead.staffId, name: lead.name, roles: lead.roles },
    providerAttendees: provider.contacts.map((contact) => ({
      contactId: contact.contactId,
      name: contact.name,
      roles: contact.roles,
    })),
    version: current.version + 1,
    updatedAt: '2026-01-03T09:00:00.000Z',
  };
  await stores().meetings.replaceMeeting(booked, current, []);
  return booked;
}

function deliverWith(mailer: BulkMailer, now: Date, options: Partial<DeliveryContext> = {}) {
  const runId = ulid();
  return (emails: readonly OutgoingEmail[]) =>
    deliverEmails(
      {
        ledger: new DynamoDeliveryLedger(tables.meetings),
        suppression: new DynamoSuppressionList(tables.providers),
        mailer,
        pace: new TokenBucketPace(1000),
      },
      emails,
      { runId, now: () => now, timeLeft: () => 60_000, sleep: async () => undefined, ...options },
    );
}

function daily(day: string, instant: string, mailer: BulkMailer = ses, options: Partial<DeliveryContext> = {}) {
  const now = new Date(instant);
  return runDaily({ ...stores(), deliver: deliverWith(mailer, now, options) }, day, { now, newId: ulid });
}

/** The mail SES local holds for an address, by subject. */
async function mailTo(address: string): Promise<string[]> {
  return (await inbox())
    .filter((mail) => mail.destination.to.some((to) => to.includes(address)))
    .map((mail) => mail.subject);
}

const reminderSubject = (subjects: string[]) => subjects.filter((subject) => subject.startsWith('Reminder:'));

/** A mailer in front of SES that fails on demand. */
function faulty(fault: (call: number, entries: number) => 'throw' | 'throttle-entries' | 'hang' | 'reject' | 'pass') {
  let calls = 0;
  const mailer: BulkMailer & { calls: () => number } = {
    calls: () => calls,
    sendBulk: async (template, entries) => {
      calls += 1;
      const what = fault(calls, entries.length);
      if (what === 'throw') {
        throw Object.assign(new Error('Maximum sending rate exceeded'), { name: 'TooManyRequestsException' });
      }
      if (what === 'hang') {
        // The run dies here, after SES accepted nothing of this batch: nothing ever comes back.
        return new Promise<BulkResult[]>(() => undefined);
      }
      if (what === 'reject') {
        // SES refuses every entry for good (its per-entry MESSAGE_REJECTED).
        return entries.map((): BulkResult => ({ status: 'rejected', reason: 'MESSAGE_REJECTED' }));
      }
      if (what === 'throttle-entries') {
        // SES takes the first entry and throttles the rest (per-entry ACCOUNT_THROTTLED).
        const [first, ...rest] = entries;
        const sent = first ? await ses.sendBulk(template, [first]) : [];
        return [...sent, ...rest.map((): BulkResult => ({ status: 'retry', reason: 'ACCOUNT_THROTTLED' }))];
      }
      return ses.sendBulk(template, entries);
    },
  };
  return mailer;
}

describe('meeting reminders (R-REM-3) are sent once each (R-REM-4)', () => {
  it('reminds every attendee 7 days before, once, however often the run repeats', async () => {
    const { holder, contacts } = await aBookedMeeting('2026-03-10T10:00:00.000Z');

    const first = await daily('2026-03-03', '2026-03-03T07:00:00Z');
    await daily('2026-03-03', '2026-03-03T07:05:00Z');
    await daily('2026-03-04', '2026-03-04T07:00:00Z');

    expect(first.emails.sent).toBeGreaterThanOrEqual(3);
    for (const address of [holder.email, ...contacts.map((contact) => contact.email)]) {
      expect(reminderSubject(await mailTo(address))).toHaveLength(1);
    }
  });

  it("puts the contact's own contact link in a provider contact's reminder, and none in staff's", async () => {
    const { holder, contacts } = await aBookedMeeting('2026-03-24T10:00:00.000Z');

    await daily('2026-03-17', '2026-03-17T07:00:00Z');

    const reminderTo = async (address: string) =>
      (await inbox()).find(
        (mail) => mail.destination.to.some((to) => to.includes(address)) && mail.subject.startsWith('Reminder:'),
      );
    expect((await reminderTo(contacts[0]?.email ?? '-'))?.body.text).toMatch(/\/contact\/v1\./);
    expect((await reminderTo(holder.email))?.body.text).not.toContain('/contact/');
  });

  it('sends each reminder once when three runs start at the same moment', async () => {
    const { holder, contacts } = await aBookedMeeting('2026-04-14T09:30:00.000Z');

    await Promise.all([
      daily('2026-04-13', '2026-04-13T07:00:00Z'),
      daily('2026-04-13', '2026-04-13T07:00:00Z'),
      daily('2026-04-13', '2026-04-13T07:00:00Z'),
    ]);

    for (const address of [holder.email, ...contacts.map((contact) => contact.email)]) {
      expect(reminderSubject(await mailTo(address))).toEqual([expect.stringContaining('Reminder:')]);
    }
  });

  it('sends only the nearest reminder when several fall due together (a run was missed)', async () => {
    const { contacts } = await aBookedMeeting('2026-05-12T10:00:00.000Z');

    const run = await daily('2026-05-11', '2026-05-11T07:00:00Z');

    expect(run.reminders.closed.superseded).toBeGreaterThanOrEqual(1);
    expect(reminderSubject(await mailTo(contacts[0]?.email ?? '-'))).toHaveLength(1);
  });

  it("sends none of a cancelled meeting's reminders", async () => {
    const { deps, meeting, contacts } = await aBookedMeeting('2026-06-16T10:00:00.000Z');
    await cancelMeeting(
      { ...deps, mailer: ses, deliver: deliverWith(ses, new Date('2026-06-01T09:00:00Z')) },
      meeting.meetingId,
      'The provider asked to postpone',
      at('2026-06-01T09:00:00Z'),
    );

    await daily('2026-06-09', '2026-06-09T07:00:00Z');
    await daily('2026-06-15', '2026-06-15T07:00:00Z');

    expect(reminderSubject(await mailTo(contacts[0]?.email ?? '-'))).toEqual([]);
  });

  it("sends a rescheduled meeting's reminders for the new date, not the old one", async () => {
    const { provider, holder, meeting, contacts } = await aBookedMeeting('2026-07-14T10:00:00.000Z');
    await book(meeting, '2026-07-28T10:00:00.000Z', provider, holder);

    await daily('2026-07-07', '2026-07-07T07:00:00Z');
    const onTheOldDay = reminderSubject(await mailTo(contacts[0]?.email ?? '-'));
    await daily('2026-07-21', '2026-07-21T07:00:00Z');

    expect(onTheOldDay).toEqual([]);
    expect(reminderSubject(await mailTo(contacts[0]?.email ?? '-'))).toEqual([expect.stringContaining('Reminder:')]);
  });
});

describe('templates to share and comment deadlines (R-TPL-2, R-TPL-3)', () => {
  it('reminds the lead to share a template not yet shared, 14 days before', async () => {
    const { holder } = await aBookedMeeting('2026-08-18T10:00:00.000Z');

    await daily('2026-08-04', '2026-08-04T07:00:00Z');

    const subjects = await mailTo(holder.email);
    expect(subjects.filter((subject) => subject.startsWith('Share the pre-meeting template'))).toHaveLength(1);
  });

  it('reminds only the contacts who have not commented, each with a working link of their own', async () => {
    const { deps, holder, meeting, contacts } = await aBookedMeeting('2026-09-15T10:00:00.000Z');
    const [chief, nurse] = contacts;
    const share = {
      shareId: ulid(),
      templateVersion: 1,
      sharedAt: '2026-09-01T09:00:00.000Z',
      closesAt: meeting.startsAt ?? '',
    };
    const shared: Meeting = { ...meeting, share, version: meeting.version + 1, updatedAt: share.sharedAt };
    await deps.meetings.replaceMeeting(shared, meeting, []);
    await deps.templates.addComments(
      [
        {
          commentId: ulid(),
          meetingId: meeting.meetingId,
          shareId: share.shareId,
          templateVersion: 1,
          contactId: chief?.contactId ?? '',
          contactName: chief?.name ?? '',
          sectionId: null,
          addition: null,
          text: 'Our CQC action plan is on track.',
          submittedAt: '2026-09-02T10:00:00.000Z',
        },
      ],
      [],
      holder.staffId,
    );

    await daily('2026-09-12', '2026-09-12T07:00:00Z');

    const toNurse = (await inbox()).filter((mail) =>
      mail.destination.to.some((to) => to.includes(nurse?.email ?? '-')),
    );
    const deadline = toNurse.filter((mail) => mail.subject.startsWith('Comments on the'));
    expect(deadline).toHaveLength(1);
    const token = /\/respond\/([^\s"<]+)/.exec(deadline[0]?.body.text ?? '')?.[1] ?? '';
    const check = verifyLink(token, linkKey, new Date('2026-09-12T08:00:00Z'));
    expect(check.ok && check.claims).toMatchObject({ contactId: nurse?.contactId, shareId: share.shareId });
    expect((await mailTo(chief?.email ?? '-')).filter((subject) => subject.startsWith('Comments on the'))).toEqual([]);
  });
});

describe('when SES throttles, fails or the run dies (R-REM-4: nothing twice, nothing lost)', () => {
  it('retries a throttled bulk call with backoff and sends everything once', async () => {
    const { holder, contacts } = await aBookedMeeting('2026-10-13T10:00:00.000Z');
    const mailer = faulty((call) => (call <= 2 ? 'throw' : 'pass'));

    const run = await daily('2026-10-06', '2026-10-06T07:00:00Z', mailer);

    expect(run.emails.retries).toBeGreaterThanOrEqual(2);
    expect(run.emails.sent).toBe(run.emails.expected);
    for (const address of [holder.email, ...contacts.map((contact) => contact.email)]) {
      expect(reminderSubject(await mailTo(address))).toHaveLength(1);
    }
  });

  it('resends only the entries SES throttled inside a bulk call, once each', async () => {
    const { holder, contacts } = await aBookedMeeting('2026-10-20T10:00:00.000Z');
    const mailer = faulty(() => 'throttle-entries');

    const run = await daily('2026-10-13', '2026-10-13T07:00:00Z', mailer);

    expect(run.emails.failed).toBe(0);
    for (const address of [holder.email, ...contacts.map((contact) => contact.email)]) {
      expect(reminderSubject(await mailTo(address))).toHaveLength(1);
    }
  });

  it('keeps what SES refused for the next run, which sends it once', async () => {
    const { holder, contacts } = await aBookedMeeting('2026-10-27T10:00:00.000Z');
    const down = faulty(() => 'throw');

    const failed = await daily('2026-10-20', '2026-10-20T07:00:00Z', down, { maxAttempts: 2 });
    const recovered = await daily('2026-10-21', '2026-10-21T07:00:00Z');

    expect(failed.emails.sent).toBe(0);
    expect(failed.emails.failed).toBeGreaterThanOrEqual(3);
    expect(failed.reminders.stillDue).toBeGreaterThanOrEqual(1);
    expect(recovered.emails.sent).toBeGreaterThanOrEqual(3);
    for (const address of [holder.email, ...contacts.map((contact) => contact.email)]) {
      expect(reminderSubject(await mailTo(address))).toHaveLength(1);
    }
  });

  it('finishes the batches of a run that died half-way, once each, when its claims lapse', async () => {
    const { holder, contacts } = await aBookedMeeting('2026-11-10T10:00:00.000Z');
    const everyone = [holder.email, ...contacts.map((contact) => contact.email)];
    const dying = faulty((call) => (call === 1 ? 'pass' : 'hang'));

    // Batches of one: the first goes out, the run then dies inside the second call.
    void daily('2026-11-03', '2026-11-03T07:00:00Z', dying, { batchSize: 1 });
    await expect.poll(() => dying.calls(), { timeout: 10_000 }).toBe(2);
    const whileClaimed = await daily('2026-11-03', '2026-11-03T07:10:00Z');
    const afterLease = await daily('2026-11-03', '2026-11-03T07:30:00Z');

    expect(whileClaimed.emails.inFlight).toBe(1);
    expect(afterLease.emails.sent).toBe(1);
    for (const address of everyone) expect(reminderSubject(await mailTo(address))).toHaveLength(1);
  });

  it("counts a dead run's claims as expected and not sent, so the expected-vs-sent alarm sees them", async () => {
    await aBookedMeeting('2026-11-24T10:00:00.000Z');
    const dying = faulty((call) => (call === 1 ? 'pass' : 'hang'));
    void daily('2026-11-17', '2026-11-17T07:00:00Z', dying, { batchSize: 1 });
    await expect.poll(() => dying.calls(), { timeout: 10_000 }).toBe(2);

    // 10 minutes on: the dying run's claim is still leased, but no run lives 5 minutes (this one's limit).
    const next = await daily('2026-11-17', '2026-11-17T07:10:00Z', ses, { orphanedAfterSeconds: 5 * 60 });

    expect(next.emails.orphaned).toBe(1);
    expect(next.emails.inFlight).toBe(0);
    expect(next.emails.expected - next.emails.sent).toBe(1);
  });

  it('records what SES refuses for good as failed, not sent, and never sends it again', async () => {
    const { contacts } = await aBookedMeeting('2026-12-08T10:00:00.000Z');
    const refusing = faulty(() => 'reject');

    const first = await daily('2026-12-01', '2026-12-01T07:00:00Z', refusing);
    const second = await daily('2026-12-02', '2026-12-02T07:00:00Z');

    expect(first.emails.sent).toBe(0);
    expect(first.emails.rejected).toBeGreaterThanOrEqual(3);
    expect(first.emails.expected).toBe(first.emails.rejected);
    expect(first.reminders.stillDue).toBe(0);
    expect(second.emails.sent).toBe(0);
    for (const contact of contacts) expect(reminderSubject(await mailTo(contact.email))).toEqual([]);
  });
});

describe('overdue alerts and the digest', () => {
  it('alerts the holder once about an overdue meeting, in one overdue digest a day (R-CAD-8)', async () => {
    const { holder } = await aBookedMeeting('2026-12-01T10:00:00.000Z');

    // The quarter's engagement meeting was due by 2026-03-31; on 1 April it is overdue (R-CAD-8).
    const first = await daily('2027-04-01', '2027-04-01T07:00:00Z');
    await daily('2027-04-01', '2027-04-01T07:20:00Z');

    expect(first.overdue.alerted).toBeGreaterThanOrEqual(1);
    const digests = (await inbox()).filter(
      (mail) =>
        mail.destination.to.some((to) => to.includes(holder.email)) &&
        mail.subject.startsWith('Overdue meetings on Thursday 1 April 2027'),
    );
    expect(digests).toHaveLength(1);
    expect(digests[0]?.body.text).toMatch(
      /- The .+ due by Tuesday 31 March 2026 \(our engagement rules require it: R-CAD-\d+\)/,
    );
    expect(digests[0]?.body.text).toContain(`Relationship holder: ${holder.name}.`);
  });
});

describe('undeliverable addresses', () => {
  it('sends nothing to an address on the suppression list', async () => {
    const { contacts, holder } = await aBookedMeeting('2027-01-12T10:00:00.000Z');
    const [chief] = contacts;
    await new DynamoSuppressionList(tables.providers).suppress({
      address: chief?.email ?? '',
      reason: 'bounce',
      detail: 'Permanent/General',
      at: '2027-01-01T00:00:00.000Z',
      providerId: null,
      contactId: null,
    });

    const run = await daily('2027-01-05', '2027-01-05T07:00:00Z');

    expect(run.emails.suppressed).toBe(1);
    expect(reminderSubject(await mailTo(chief?.email ?? '-'))).toEqual([]);
    expect(reminderSubject(await mailTo(holder.email))).toHaveLength(1);
  });
});

describe('information requests (R-PRV-5) in the daily run', () => {
  it('reminds the contacts once before it is due, then tells who asked once when it is past due', async () => {
    const { deps, provider, holder, contacts } = await aBookedMeeting('2027-02-16T10:00:00.000Z');
    const [chief] = contacts;
    const asked = at('2027-02-01T09:00:00Z');
    const request = await requestInformation(
      { register: deps.register, contact: deps.contacts, deliver: deliverWith(ses, asked.now) },
      provider.providerId,
      { signal: 'deterioration', question: 'Why did falls double this quarter?', dueOn: '2027-02-20' },
      deps.links,
      {
        ...asked,
        actor: { type: 'staff', id: holder.staffId, roles: ['inspector'] },
        newReference: () => referenceFrom(randomBytes(5)),
      },
    );

    await daily('2027-02-17', '2027-02-17T07:00:00Z');
    await daily('2027-02-18', '2027-02-18T07:00:00Z');
    await daily('2027-02-21', '2027-02-21T07:00:00Z');
    await daily('2027-02-22', '2027-02-22T07:00:00Z');

    const dueReminders = (await inbox()).filter(
      (mail) =>
        mail.destination.to.some((to) => to.includes(chief?.email ?? '-')) && mail.subject.includes(request.reference),
    );
    expect(dueReminders.map((mail) => mail.subject).filter((subject) => subject.startsWith('Reminder:'))).toHaveLength(
      1,
    );
    expect(dueReminders.find((mail) => mail.subject.startsWith('Reminder:'))?.body.text).toMatch(/\/contact\/v1\./);
    expect((await mailTo(holder.email)).filter((subject) => subject.startsWith('Past due:'))).toHaveLength(1);
  });
});
