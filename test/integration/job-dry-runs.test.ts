import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRun } from '../../shared/schemas/jobs.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import { aProvider } from './support/builders.ts';
import { inbox } from './support/inbox.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';
import { aBookedMeeting } from './support/scenarios.ts';

/**
 * `"dryRun": true` on POST /jobs/{job}/runs (issue 12 item 6): each of the three jobs reports what it
 * would plan or send, and writes, sends and records nothing. Days are chosen that no other file runs
 * a job as (2031, 2035), so what is checked here is this file's alone.
 */
let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

type Run = JobRun & { summary: Record<string, unknown> };
const dryRun = (job: string, runAs: string) =>
  api.call<Run>('POST', `/jobs/${job}/runs`, { token: admin, body: { runAs, dryRun: true } });
const recordedRuns = async (job: string) =>
  (await api.call<{ items: JobRun[] }>('GET', `/jobs/${job}/runs?limit=100`, { token: admin })).body.items;
const meetingsOf = async (providerId: string) =>
  (await api.call<{ items: Meeting[] }>('GET', `/providers/${providerId}/meetings?limit=100`, { token: admin })).body
    .items;

describe('a dry run of a planning job', () => {
  it.each([
    ['quarterly-planning', '2031-07-01', '2031-Q3'],
    ['annual-planning', '2031-04-01', '2031-32'],
  ])('%s as %s says what it would plan and plans nothing, records no run', async (job, runAs, period) => {
    const trust = (await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider() })).body;

    const answer = await dryRun(job, runAs);

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ job, runAs, outcome: 'completed', dryRun: true });
    expect(answer.body.summary).toMatchObject({ period, created: expect.any(Number) });
    expect(answer.body.summary.created).toBeGreaterThan(0);
    expect((await meetingsOf(trust.providerId)).filter((meeting) => meeting.period === period)).toEqual([]);
    expect((await recordedRuns(job)).map((run) => run.runId)).not.toContain(answer.body.runId);
  });
});

describe('a dry run of the daily job', () => {
  it('says which reminders it would send, sends none and leaves them due', async () => {
    const { meeting, contactEmail } = await aBookedMeeting(api, admin);
    const moved = await api.call<Meeting>('PATCH', `/meetings/${meeting.meetingId}`, {
      token: admin,
      headers: { 'if-match': `"${meeting.version}"` },
      body: { startsAt: '2035-03-14T10:00:00Z' },
    });
    expect(moved.status).toBe(200);
    const remindersTo = async () =>
      (await inbox()).filter(
        (mail) => mail.destination.to.some((to) => to.includes(contactEmail)) && mail.subject.startsWith('Reminder:'),
      );
    const before = (await remindersTo()).length;

    const first = await dryRun('daily', '2035-03-07');
    const second = await dryRun('daily', '2035-03-07');

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ dryRun: true, outcome: 'completed' });
    const reminders = first.body.summary.reminders as { due: number; closed: { sent: number } };
    const emails = first.body.summary.emails as { planned: number; sent: number };
    expect(reminders.due).toBeGreaterThan(0);
    expect(emails.sent).toBeGreaterThan(0);
    // Nothing was closed or claimed: the second dry run finds at least as much due.
    expect((second.body.summary.reminders as { due: number }).due).toBeGreaterThanOrEqual(reminders.due);
    expect((await remindersTo()).length).toBe(before);
    expect((await recordedRuns('daily')).map((run) => run.runId)).not.toContain(first.body.runId);
  });
});
