import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDeliveryLedger } from '../../shared/adapters/dynamodb/delivery-ledger.ts';
import { SesMailer } from '../../shared/adapters/ses/mailer.ts';
import { londonDate } from '../../shared/domain/calendar.ts';
import type { Template } from '../../shared/schemas/template.ts';
import { aContactableProvider, postContact, referenceIn } from './support/contact.ts';
import { inbox, invitesTo } from './support/inbox.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';
import { aBookedMeeting } from './support/scenarios.ts';

/**
 * Every email a change owes goes through the delivery ledger (R-REM-4: once each, none lost): it is written
 * to the outbox in the change's own transaction, sent at once, and, if SES fails then, sent by the next run.
 * The caller sees its change succeed either way (never a 500 after a commit, never some contacts emailed and
 * others not). SES failures are injected into the real SES mailer; everything else is the real stack.
 */
let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterEach(() => vi.restoreAllMocks());
afterAll(() => api.close());

const sesDown = () =>
  vi
    .spyOn(SesMailer.prototype, 'sendBulk')
    .mockRejectedValue(Object.assign(new Error('SES is down'), { name: 'InternalFailure' }));
const mailTo = async (address: string, subject: string) =>
  (await inbox()).filter(
    (mail) => mail.destination.to.some((to) => to.includes(address)) && mail.subject.includes(subject),
  );
const owedFor = async (pk: string) =>
  (await new DynamoDeliveryLedger(process.env.MEETINGS_TABLE ?? '').owed()).filter((email) => email.key.pk === pk);
const dailyRun = () =>
  api.call<{ summary: { outbox: { owed: number; delivered: number } } }>('POST', '/jobs/daily/runs', {
    token: admin,
    body: { runAs: londonDate(new Date()) },
  });

async function aSavedTemplate() {
  const booked = await aBookedMeeting(api, admin);
  const id = booked.meeting.meetingId;
  const draft = await api.call<Template>('GET', `/meetings/${id}/template`, { token: admin });
  await api.call('PUT', `/meetings/${id}/template`, {
    token: admin,
    headers: { 'if-match': '"0"' },
    body: { sections: draft.body.sections },
  });
  return booked;
}

describe('sharing a template (R-TPL-2)', () => {
  it('emails each contact once through the ledger, leaving nothing owed', async () => {
    const { meeting, contactEmail } = await aSavedTemplate();

    const shared = await api.call('POST', `/meetings/${meeting.meetingId}/template/share`, { token: admin });

    expect(shared.status).toBe(200);
    expect(await mailTo(contactEmail, 'please comment by')).toHaveLength(1);
    expect(await owedFor(`MEETING#${meeting.meetingId}`)).toEqual([]);
  });

  it('answers 200 when SES fails after the share is stored, and the next run sends each email once', async () => {
    const { meeting, contactEmail } = await aSavedTemplate();
    const down = sesDown();

    const shared = await api.call('POST', `/meetings/${meeting.meetingId}/template/share`, { token: admin });

    expect(down).toHaveBeenCalled();
    expect(shared.status).toBe(200);
    expect(await mailTo(contactEmail, 'please comment by')).toEqual([]);
    expect(await owedFor(`MEETING#${meeting.meetingId}`)).toHaveLength(1);

    vi.restoreAllMocks();
    const run = await dailyRun();
    const again = await dailyRun();

    expect(run.status).toBe(201);
    expect(again.status).toBe(201);
    expect(await mailTo(contactEmail, 'please comment by')).toHaveLength(1);
    expect(await owedFor(`MEETING#${meeting.meetingId}`)).toEqual([]);
  });
});

describe('what a provider sends, and what staff answer or ask (R-PRV-1..5)', () => {
  it('stores a concern and answers 303 when SES fails; the next run sends the acknowledgement and the holder’s notice once', async () => {
    const { contact, holder, token } = await aContactableProvider(api, admin, 'nhs-trust');
    sesDown();

    const sent = await postContact(api, token, { kind: 'concern', details: 'Night staffing', 'action-taken': 'Rota' });

    expect(sent.status).toBe(303);
    const reference = referenceIn(sent.headers.get('location')) ?? '';
    expect((await api.call('GET', `/submissions/${reference}`, { token: admin })).status).toBe(200);
    expect(await owedFor(`SUBMISSION#${reference}`)).toHaveLength(2);
    expect(await mailTo(contact.email, reference)).toEqual([]);

    vi.restoreAllMocks();
    await dailyRun();
    await dailyRun();

    expect(await mailTo(contact.email, reference)).toHaveLength(1);
    expect(await mailTo(holder?.email ?? '-', reference)).toHaveLength(1);
    expect(await owedFor(`SUBMISSION#${reference}`)).toEqual([]);
  });

  it('stores an answer when SES fails (200, not 500), and the next run emails it to the contact once', async () => {
    const { contact, token } = await aContactableProvider(api, admin, 'nhs-trust');
    const sent = await postContact(api, token, { kind: 'feedback', details: 'Thank you' });
    const reference = referenceIn(sent.headers.get('location')) ?? '';
    sesDown();

    const answer = await api.call('POST', `/submissions/${reference}/answer`, {
      token: admin,
      body: { text: 'Thank you & <b>noted</b>.' },
    });

    expect(answer.status).toBe(200);
    expect(await mailTo(contact.email, 'Our answer')).toEqual([]);
    vi.restoreAllMocks();
    await dailyRun();
    const answers = await mailTo(contact.email, 'Our answer');
    expect(answers).toHaveLength(1);
    expect(answers[0]?.body.html).toContain('Thank you &amp; &lt;b&gt;noted&lt;/b&gt;.');
  });

  it('stores an information request when SES fails (201), and the next run emails every contact once', async () => {
    const { provider, contact } = await aContactableProvider(api, admin, 'nhs-trust');
    sesDown();

    const asked = await api.call<{ reference: string }>(
      'POST',
      `/providers/${provider.providerId}/information-requests`,
      {
        token: admin,
        body: { signal: 'deterioration', question: 'Why did complaints rise?', dueOn: '2099-12-01' },
      },
    );

    expect(asked.status).toBe(201);
    expect(await owedFor(`REQUEST#${asked.body.reference}`)).toHaveLength(1);
    vi.restoreAllMocks();
    await dailyRun();
    await dailyRun();
    expect(await mailTo(contact.email, asked.body.reference)).toHaveLength(1);
  });
});

describe('calendar invites (R-CAD-9)', () => {
  it('books a meeting when SES fails (200), and the next run sends each attendee their invite once', async () => {
    const { meeting, contactEmail } = await aBookedMeeting(api, admin);
    const before = (await invitesTo(contactEmail)).length;
    const down = vi
      .spyOn(SesMailer.prototype, 'sendRawOne')
      .mockRejectedValue(Object.assign(new Error('SES is down'), { name: 'InternalFailure' }));
    const latest = await api.call<{ version: number }>('GET', `/meetings/${meeting.meetingId}`, { token: admin });

    const moved = await api.call('PATCH', `/meetings/${meeting.meetingId}`, {
      token: admin,
      headers: { 'if-match': `"${latest.body.version}"` },
      body: { startsAt: '2027-05-19T10:00:00+01:00' },
    });

    expect(down).toHaveBeenCalled();
    expect(moved.status).toBe(200);
    expect(await invitesTo(contactEmail)).toHaveLength(before);
    expect((await owedFor(`MEETING#${meeting.meetingId}`)).map((email) => email.template)).toContain('calendar-invite');

    vi.restoreAllMocks();
    await dailyRun();
    await dailyRun();

    const invites = await invitesTo(contactEmail);
    expect(invites).toHaveLength(before + 1);
    expect(await owedFor(`MEETING#${meeting.meetingId}`)).toEqual([]);
  });
});
