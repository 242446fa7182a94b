import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDeliveryLedger } from '../../shared/adapters/dynamodb/delivery-ledger.ts';
import { SesMailer } from '../../shared/adapters/ses/mailer.ts';
import { londonDate } from '../../shared/domain/calendar.ts';
import type { Template } from '../../shared/schemas/template.ts';
import { inbox } from './support/inbox.ts';
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
