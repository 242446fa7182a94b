import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../shared/adapters/dynamodb/client.ts';
import { DynamoMeetingStore } from '../../shared/adapters/dynamodb/meeting-store.ts';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoTemplateStore } from '../../shared/adapters/dynamodb/template-store.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import { openResponse } from '../../shared/use-cases/respond-to-template.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';
import { aSharedTemplate } from './support/scenarios.ts';

/**
 * R-TPL-2, R-TPL-3: the provider comments on a shared template until the meeting starts. A meeting
 * rescheduled after its template was shared moves that window: the emailed links close at the new start
 * (not the old one), and the reminder to contacts who have not commented moves with it. The page is read
 * through its use case with the clock set to the day in question; everything else is the real stack.
 */
let api: LocalApi;
let admin: string;
const linkKey = () => Buffer.from(process.env.LINK_SIGNING_KEY ?? '', 'base64');
const tables = {
  providers: process.env.PROVIDERS_TABLE ?? '',
  meetings: process.env.MEETINGS_TABLE ?? '',
  audit: process.env.AUDIT_TABLE ?? '',
};
const deps = () => ({
  register: new DynamoRegisterStore(tables.providers, tables.audit),
  meetings: new DynamoMeetingStore(tables.meetings, tables.audit),
  templates: new DynamoTemplateStore(tables),
  deliver: async () => {
    throw new Error('reading the page sends nothing');
  },
});

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

const reschedule = (meeting: Meeting, startsAt: string) =>
  api.call<Meeting>('PATCH', `/meetings/${meeting.meetingId}`, {
    token: admin,
    headers: { 'if-match': `"${meeting.version}"` },
    body: { startsAt },
  });
const current = async (meetingId: string) =>
  (await api.call<Meeting>('GET', `/meetings/${meetingId}`, { token: admin })).body;
const pageOn = (token: string, instant: string) => openResponse(deps(), token, linkKey(), new Date(instant));
const commentDeadlines = async (meetingId: string) =>
  (
    await documentClient.send(
      new QueryCommand({
        TableName: tables.meetings,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reminder)',
        ExpressionAttributeValues: { ':pk': `MEETING#${meetingId}`, ':reminder': 'REMINDER#comment-deadline#' },
      }),
    )
  ).Items ?? [];

describe('rescheduling a meeting after its template was shared (R-TPL-2, R-TPL-3)', () => {
  it('keeps the emailed link open until the new, later start, and closes it then', async () => {
    const { meeting, token } = await aSharedTemplate(api, admin); // starts 2027-05-12 10:00 London

    const moved = await reschedule(await current(meeting.meetingId), '2027-06-16T10:00:00+01:00');

    expect(moved.status).toBe(200);
    expect(moved.body.share?.closesAt).toBe('2027-06-16T10:00:00+01:00');
    expect((await pageOn(token, '2027-05-20T09:00:00Z')).kind).toBe('open');
    expect((await pageOn(token, '2027-06-16T08:59:00Z')).kind).toBe('open');
    expect((await pageOn(token, '2027-06-16T09:00:00Z')).kind).toBe('closed');
  });

  it('closes the emailed link at the new start when the meeting is brought forward', async () => {
    const { meeting, token } = await aSharedTemplate(api, admin);

    await reschedule(await current(meeting.meetingId), '2027-05-05T14:00:00+01:00');

    expect((await pageOn(token, '2027-05-05T12:59:00Z')).kind).toBe('open');
    expect((await pageOn(token, '2027-05-05T13:00:00Z')).kind).toBe('closed');
    expect((await pageOn(token, '2027-05-08T09:00:00Z')).kind).toBe('closed');
  });

  it('moves the comment-deadline reminder to 3 days before the new start, leaving none for the old one', async () => {
    const { meeting } = await aSharedTemplate(api, admin);
    const before = await commentDeadlines(meeting.meetingId);

    await reschedule(await current(meeting.meetingId), '2027-06-16T10:00:00+01:00');

    expect(before.map((item) => item.dueOn)).toEqual(['2027-05-09']);
    const after = await commentDeadlines(meeting.meetingId);
    expect(after.map((item) => [item.dueOn, item.lapsesAt])).toEqual([['2027-06-13', '2027-06-16T10:00:00+01:00']]);
  });
});
