import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { workspaceOriginFromEnvironment } from '../../shared/config/env.ts';
import { workspacePath } from '../../shared/domain/workspace/links.ts';
import type { InformationRequest } from '../../shared/schemas/contact.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { deliverEmails, type OutgoingEmail } from '../../shared/use-cases/deliver-emails.ts';
import { runDaily } from '../../shared/use-cases/run-daily.ts';
import { aContactableProvider, linkKey, postContact, referenceIn } from './support/contact.ts';
import { inbox } from './support/inbox.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';
import { aBookedMeeting, aSharedTemplate } from './support/scenarios.ts';

/**
 * Issue 15, "Emails to staff": every email to staff links to the workspace page where the work is done,
 * never an API path or a bare id; issue 13 item 11: what they read is proof-read (dates in words). Read
 * back from SES local's store as sent, each link is opened on the local stack: signed out it sends the
 * person to sign in and back to that very page (303); signed in (through the local issuer, as in a
 * browser) it is the page of that meeting or provider.
 */
let api: LocalApi;
let admin: string;
const ORIGIN = workspaceOriginFromEnvironment();

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

const mailTo = async (address: string) =>
  (await inbox()).filter((mail) => mail.destination.to.some((to) => to.includes(address)));

/** The one workspace link in an email's text, which the HTML part must carry too. */
function workspaceLinkIn(mail: { body: { text?: string; html?: string } }): string {
  const links = [...(mail.body.text ?? '').matchAll(/https?:\/\/\S+/g)].map((match) => match[0].replace(/[.,)]$/, ''));
  const pages = links.filter((link) => link.startsWith(`${ORIGIN}/workspace`));
  expect(pages).toHaveLength(1);
  const page = pages[0] ?? '';
  expect(mail.body.html).toContain(`href="${page}"`);
  return page;
}

/** What a person reads: no placeholder, ISO date, API path or leftover value. */
function expectProofRead(mail: { subject: string; body: { text?: string } }) {
  for (const copy of [mail.subject, mail.body.text ?? '']) {
    expect(copy).not.toMatch(/[{}]|\bundefined\b|\bnull\b|\[object Object\]/);
    expect(copy).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    expect(copy).not.toMatch(/\b(\w+) \1\b/i);
    expect(copy.replace(/https?:\/\/\S+\/workspace\S*/g, '')).not.toMatch(/\/(meetings|providers|submissions)\//);
  }
}

/** A browser's cookie jar, just enough for the workspace's sign-in and session cookies. */
function cookieJar() {
  const jar = new Map<string, string>();
  return {
    header: () => [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
    keep(response: Response) {
      for (const cookie of response.headers.getSetCookie()) {
        const [pair = ''] = cookie.split(';');
        const at = pair.indexOf('=');
        const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
        if (value === '' || /max-age=0/i.test(cookie)) jar.delete(name);
        else jar.set(name, value);
      }
    },
  };
}

/** Opens a workspace path as a member of staff: sign in through the local issuer, then follow back. */
async function openSignedIn(staffId: string, path: string): Promise<{ status: number; url: string; text: string }> {
  const jar = cookieJar();
  const go = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(url, api.baseUrl), {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
    });
    jar.keep(response);
    return response;
  };
  const start = await go(`/workspace/sign-in?returnTo=${encodeURIComponent(path)}`);
  const authorize = new URL(start.headers.get('location') ?? '', api.baseUrl);
  const form = new URLSearchParams(authorize.searchParams);
  form.set('staffIdTyped', staffId);
  const chosen = await go(`${authorize.origin}${authorize.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  const callback = await go(chosen.headers.get('location') ?? '');
  const back = callback.headers.get('location') ?? '';
  const page = await go(back);
  return { status: page.status, url: back, text: await page.text() };
}

/** Signed out, the link asks the person to sign in and brings them back to the same page. */
async function expectSignInThenBack(link: string) {
  const path = new URL(link).pathname;
  const signedOut = await fetch(`${api.baseUrl}${path}`, { redirect: 'manual' });
  expect(signedOut.status).toBe(303);
  expect(signedOut.headers.get('location')).toBe(`/workspace/sign-in?returnTo=${encodeURIComponent(path)}`);
  return path;
}

describe('emails to staff link to the workspace page where the work is done (issue 15)', () => {
  it('tells the holder of a submission, linking to the submission’s page where it is answered (R-REL-4)', async () => {
    const { provider, holder, token } = await aContactableProvider(api, admin, 'nhs-trust');

    const sent = await postContact(api, token, { kind: 'significant-change', details: 'A new ward opens in May' });
    const reference = referenceIn(sent.headers.get('location')) ?? '-';
    const [mail] = (await mailTo(holder?.email ?? '-')).filter((each) => each.subject.includes(reference));

    expect(mail?.subject).toBe(`${provider.name} sent ${reference}: A significant change to your services`);
    expect(mail?.body.text).toContain(`sent a significant change to your services (R-PRV-3), reference ${reference}.`);
    expectProofRead(mail ?? { subject: '', body: {} });
    const link = workspaceLinkIn(mail ?? { body: {} });
    expect(await expectSignInThenBack(link)).toBe(workspacePath({ page: 'submission', reference }));
    const page = await openSignedIn(holder?.staffId ?? '', new URL(link).pathname);
    expect(page).toMatchObject({ status: 200, url: `/workspace/submissions/${reference}` });
    expect(page.text).toContain('A new ward opens in May');
  });

  it('tells who asked that the provider answered, linking to the information held, where the answer is (R-PRV-5)', async () => {
    const { provider, holder, token } = await aContactableProvider(api, admin, 'nhs-trust');
    const asker = await api.tokenFor(['inspector'], holder?.staffId);
    const asked = await api.call<InformationRequest>('POST', `/providers/${provider.providerId}/information-requests`, {
      token: asker,
      body: { signal: 'deterioration', question: 'Why did A&E waits rise in October?', dueOn: '2030-01-15' },
    });

    await postContact(api, token, { [`answer-${asked.body.reference}`]: 'Two consultants left; posts filled.' });
    const [mail] = (await mailTo(holder?.email ?? '-')).filter((each) =>
      each.subject.startsWith(`${provider.name} answered`),
    );

    expectProofRead(mail ?? { subject: '', body: {} });
    const link = workspaceLinkIn(mail ?? { body: {} });
    expect(await expectSignInThenBack(link)).toBe(
      workspacePath({ page: 'provider', providerId: provider.providerId, tab: 'information' }),
    );
    const page = await openSignedIn(holder?.staffId ?? '', new URL(link).pathname);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Two consultants left; posts filled.');
  });

  it('tells the holder of the provider’s comments, linking to the meeting’s template (R-TPL-4)', async () => {
    const { meeting, holder, token, trust } = await aSharedTemplate(api, admin);
    const form = await api.call<string>('GET', `/respond/${token}`);
    const formToken = /name="formToken" value="([^"]+)"/.exec(form.text)?.[1] ?? '';

    await fetch(`${api.baseUrl}/respond/${token}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: api.baseUrl },
      body: new URLSearchParams({ formToken, 'comment-incidents': 'The fall was reviewed.' }).toString(),
    });
    const [mail] = (await mailTo(holder.email)).filter((each) => each.subject.includes('commented on'));

    expect(mail?.subject).toBe(`${trust.name} commented on the pre-meeting template for your engagement meeting`);
    expect(mail?.body.text).toContain('sent a comment on the pre-meeting template for the engagement meeting on');
    expectProofRead(mail ?? { subject: '', body: {} });
    const link = workspaceLinkIn(mail ?? { body: {} });
    expect(await expectSignInThenBack(link)).toBe(workspacePath({ page: 'template', meetingId: meeting.meetingId }));
    const page = await openSignedIn(holder.staffId, new URL(link).pathname);
    expect(page.status).toBe(200);
    expect(page.text).toContain(trust.name);
  });
});

describe('the daily run’s emails to staff link to the workspace (issue 15, R-REM-3, R-CAD-8)', () => {
  /**
   * The daily run, on the shared tables the workspace reads, but seeing only this scenario's provider:
   * a run as a later day on the whole table would close other files' reminders as lapsed.
   */
  function dailyFor(providerId: string, day: string, instant: string) {
    const providers = process.env.PROVIDERS_TABLE ?? '';
    const meetingsTable = process.env.MEETINGS_TABLE ?? '';
    const meetings = new DynamoMeetingStore(meetingsTable, process.env.AUDIT_TABLE ?? '');
    const reminders = new DynamoReminderStore(meetingsTable);
    const contacts = new DynamoContactStore(providers, process.env.AUDIT_TABLE ?? '', meetingsTable);
    const now = new Date(instant);
    const ses = new SesMailer({
      stage: process.env.STAGE ?? 'test',
      sender: 'engagement@regulator.localhost',
      configurationSet: 'test-engagement',
    });
    const deliver = (emails: readonly OutgoingEmail[]) =>
      deliverEmails(
        {
          ledger: new DynamoDeliveryLedger(meetingsTable),
          suppression: new DynamoSuppressionList(providers),
          mailer: ses,
          pace: new TokenBucketPace(1000),
        },
        emails,
        { runId: ulid(), now: () => now, timeLeft: () => 60_000, sleep: async () => undefined },
      );
    const register = new DynamoRegisterStore(providers, process.env.AUDIT_TABLE ?? '');
    return runDaily(
      {
        register: {
          getStaff: (id) => register.getStaff(id),
          getProvider: (id) => register.getProvider(id),
          // No operations manager of other files is told of this scenario's meeting.
          listStaff: async () => ({ items: [], nextToken: null }),
        },
        relationships: new DynamoRelationshipStore(providers, process.env.AUDIT_TABLE ?? ''),
        // This scenario's provider has no team: its overdue meetings go to the admins (issue 14 item 7),
        // and no admin of other files is told (listStaff answers none above).
        teams: new DynamoTeamStore(providers, process.env.AUDIT_TABLE ?? ''),
        responsibility: new DynamoResponsibilityStore(providers),
        meetings: {
          getMeeting: (id) => meetings.getMeeting(id),
          openDueBefore: async (on) => (await meetings.openDueBefore(on)).filter((m) => m.providerId === providerId),
          markOverdueNotified: (...args) => meetings.markOverdueNotified(...args),
        },
        reminders: {
          dueBy: async (on) => (await reminders.dueBy(on)).filter((r) => r.providerId === providerId),
          close: (...args) => reminders.close(...args),
        },
        contacts: {
          openRequestsDueBy: async (on) =>
            (await contacts.openRequestsDueBy(on)).filter((r) => r.providerId === providerId),
        },
        templates: new DynamoTemplateStore({
          providers,
          meetings: meetingsTable,
          audit: process.env.AUDIT_TABLE ?? '',
        }),
        links: { key: linkKey(), baseUrl: process.env.PUBLIC_BASE_URL ?? '' },
        workspaceOrigin: ORIGIN,
        deliver,
      },
      day,
      { now, newId: ulid },
    );
  }

  it('reminds the lead to share the template and of the meeting, each linking to its page, and sends a digest', async () => {
    const { meeting, trust } = await aBookedMeeting(api, admin);
    const lead = meeting.lead as { staffId: string };
    const leadMember = (await api.call<Staff>('GET', `/staff/${lead.staffId}`, { token: admin })).body;

    await dailyFor(trust.providerId, '2027-05-11', '2027-05-11T07:00:00Z');
    const mails = await mailTo(leadMember.email);
    const toShare = mails.find((mail) => mail.subject.startsWith('Share the pre-meeting template'));
    const reminder = mails.find((mail) => mail.subject.startsWith('Reminder:'));
    const digest = mails.find((mail) => mail.subject.startsWith('Provider engagement on'));

    expect(toShare?.subject).toBe(`Share the pre-meeting template for your engagement meeting with ${trust.name}`);
    expect(reminder?.subject).toBe(`Reminder: engagement meeting with ${trust.name} on Wednesday 12 May 2027 at 10am`);
    expect(reminder?.body.text).toContain('on Wednesday 12 May 2027 at 10am, by video call.');
    expect(digest?.subject).toBe('Provider engagement on Tuesday 11 May 2027: 2 items for you');
    for (const mail of [toShare, reminder, digest]) expectProofRead(mail ?? { subject: '', body: {} });
    expect(await expectSignInThenBack(workspaceLinkIn(toShare ?? { body: {} }))).toBe(
      workspacePath({ page: 'template', meetingId: meeting.meetingId }),
    );
    expect(await expectSignInThenBack(workspaceLinkIn(reminder ?? { body: {} }))).toBe(
      workspacePath({ page: 'meeting', meetingId: meeting.meetingId }),
    );
    expect(await expectSignInThenBack(workspaceLinkIn(digest ?? { body: {} }))).toBe(
      workspacePath({ page: 'my-work' }),
    );
    const page = await openSignedIn(lead.staffId, workspacePath({ page: 'meeting', meetingId: meeting.meetingId }));
    expect(page.status).toBe(200);
    expect(page.text).toContain(trust.name);
  });

  it('alerts the lead of the overdue meeting in one digest, and the asker of the past-due request, dates in words (R-CAD-8, R-PRV-5)', async () => {
    const { meeting, trust, holder } = await aBookedMeeting(api, admin);
    const lead = meeting.lead as { staffId: string };
    const leadMember = (await api.call<Staff>('GET', `/staff/${lead.staffId}`, { token: admin })).body;
    const asked = await api.call<InformationRequest>('POST', `/providers/${trust.providerId}/information-requests`, {
      token: await api.tokenFor(['inspector'], holder.staffId),
      body: { signal: 'improvement', question: 'What changed on the stroke unit?', dueOn: '2027-06-20' },
    });

    await dailyFor(trust.providerId, '2027-07-01', '2027-07-01T07:00:00Z');
    const overdue = (await mailTo(leadMember.email)).find((mail) => mail.subject.startsWith('Overdue meetings'));
    const pastDue = (await mailTo(holder.email)).find((mail) => mail.subject.startsWith('Past due:'));

    expect(overdue?.subject).toBe('Overdue meetings on Thursday 1 July 2027: one meeting for you');
    expect(overdue?.body.text).toContain(
      `The engagement meeting with ${trust.name}, due by Wednesday 30 June 2027 (our engagement rules require it: R-CAD-4). It is booked.`,
    );
    expect(overdue?.body.text).toContain(`Relationship holder: ${holder.name}.`);
    expect(pastDue?.subject).toBe(`Past due: ${trust.name} has not answered ${asked.body.reference}`);
    expect(pastDue?.body.text).toContain('a significant improvement by Sunday 20 June 2027');
    for (const mail of [overdue, pastDue]) expectProofRead(mail ?? { subject: '', body: {} });
    // The digest links each meeting to its page, and the person's own work page.
    const meetingPage = `${ORIGIN}${workspacePath({ page: 'meeting', meetingId: meeting.meetingId })}`;
    expect(overdue?.body.text).toContain(meetingPage);
    expect(overdue?.body.html).toContain(`href="${meetingPage}"`);
    expect(await expectSignInThenBack(meetingPage)).toBe(
      workspacePath({ page: 'meeting', meetingId: meeting.meetingId }),
    );
    expect(await expectSignInThenBack(workspaceLinkIn(pastDue ?? { body: {} }))).toBe(
      workspacePath({ page: 'provider', providerId: trust.providerId, tab: 'information-requests' }),
    );
  });
});
