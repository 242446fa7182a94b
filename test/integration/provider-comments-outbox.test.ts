import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDeliveryLedger } from '../../shared/adapters/dynamodb/delivery-ledger.ts';
import { SesMailer } from '../../shared/adapters/ses/mailer.ts';
import { londonDate } from '../../shared/domain/calendar.ts';
import type { ProviderComment } from '../../shared/schemas/template.ts';
import { inbox } from './support/inbox.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';
import { aSharedTemplate } from './support/scenarios.ts';

/**
 * The provider page stores comments and tells the holder (R-TPL-3, R-TPL-4). The holder's email is written
 * to the outbox in the same transaction as the comments and sent right after through the delivery ledger:
 * if SES fails then, the provider still sees their confirmation, nothing is stored twice, and the next run
 * sends the email, once. The same form posted again (a double click, a retried POST) stores nothing more.
 * SES failures are injected into the real SES mailer; everything else is the real stack.
 */
let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterEach(() => vi.restoreAllMocks());
afterAll(() => api.close());

const formTokenIn = (html: string) => /name="formToken" value="([^"]+)"/.exec(html)?.[1] ?? '';
const post = (token: string, fields: Record<string, string>) =>
  fetch(`${api.baseUrl}/respond/${token}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: api.baseUrl },
    body: new URLSearchParams(fields).toString(),
  });
const commentsOn = async (meetingId: string) =>
  (
    await api.call<{ items: ProviderComment[] } | ProviderComment[]>('GET', `/meetings/${meetingId}/comments`, {
      token: admin,
    })
  ).body;
const count = (body: { items: ProviderComment[] } | ProviderComment[]) =>
  (Array.isArray(body) ? body : body.items).length;
const noticesTo = async (address: string) =>
  (await inbox()).filter(
    (mail) =>
      mail.destination.to.some((to) => to.includes(address)) && mail.subject.includes('commented on the template'),
  );
const formFor = async (token: string, text: string) => {
  const page = await api.call<string>('GET', `/respond/${token}`);
  return { formToken: formTokenIn(page.text), 'comment-incidents': text };
};

describe('a provider posting comments (R-TPL-3, R-TPL-4)', () => {
  it('stores the same form posted twice once, and tells the holder once', async () => {
    const { meeting, holder, token } = await aSharedTemplate(api, admin);
    const form = await formFor(token, 'The fall was reviewed & learning shared.');

    const first = await post(token, form);
    const again = await post(token, form);

    expect([first.status, again.status]).toEqual([303, 303]);
    expect(count(await commentsOn(meeting.meetingId))).toBe(1);
    await expect.poll(async () => (await noticesTo(holder.email)).length, { timeout: 5_000 }).toBe(1);
  });

  it('keeps a second, different submission from the same contact', async () => {
    const { meeting, token } = await aSharedTemplate(api, admin);

    await post(token, await formFor(token, 'First thought.'));
    await post(token, await formFor(token, 'A second thought.'));

    expect(count(await commentsOn(meeting.meetingId))).toBe(2);
  });

  it('confirms to the provider when SES fails after the comments are stored, and the next run tells the holder once', async () => {
    const { meeting, holder, token } = await aSharedTemplate(api, admin);
    const failing = vi
      .spyOn(SesMailer.prototype, 'sendBulk')
      .mockRejectedValue(Object.assign(new Error('SES is down'), { name: 'InternalFailure' }));
    const form = await formFor(token, 'Sent while SES was down.');

    const answer = await post(token, form);
    const retried = await post(token, form);

    expect(failing).toHaveBeenCalled();
    expect([answer.status, retried.status]).toEqual([303, 303]);
    expect(count(await commentsOn(meeting.meetingId))).toBe(1);
    expect(await noticesTo(holder.email)).toEqual([]);
    const owed = await new DynamoDeliveryLedger(process.env.MEETINGS_TABLE ?? '').owed();
    expect(owed.filter((email) => email.key.pk === `MEETING#${meeting.meetingId}`)).toHaveLength(1);

    vi.restoreAllMocks();
    const run = await api.call<{ summary: { outbox: { owed: number; delivered: number } } }>(
      'POST',
      '/jobs/daily/runs',
      {
        token: admin,
        body: { runAs: londonDate(new Date()) },
      },
    );

    expect(run.status).toBe(201);
    expect(run.body.summary.outbox.delivered).toBeGreaterThanOrEqual(1);
    expect(await noticesTo(holder.email)).toHaveLength(1);
    const still = await new DynamoDeliveryLedger(process.env.MEETINGS_TABLE ?? '').owed();
    expect(still.filter((email) => email.key.pk === `MEETING#${meeting.meetingId}`)).toEqual([]);
  });
});
