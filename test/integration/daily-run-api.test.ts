import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRun } from '../../shared/schemas/jobs.ts';
import { inbox } from './support/inbox.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';
import { aBookedMeeting } from './support/scenarios.ts';

/**
 * The daily run through the real jobs handler (POST /jobs/daily/runs, as an admin starts it), on the
 * run's shared tables: started three times at once and once more, each reminder reaches each attendee
 * once (R-REM-4), read back from the SES local store. Other files' runs sweep these tables too; that
 * only adds more runs that must not send a second copy.
 */
let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

const startDaily = (runAs: string) => api.call<JobRun>('POST', '/jobs/daily/runs', { token: admin, body: { runAs } });

const remindersTo = async (address: string) =>
  (await inbox()).filter(
    (mail) => mail.destination.to.some((to) => to.includes(address)) && mail.subject.startsWith('Reminder:'),
  );

describe('the daily run through the API (R-REM-3, R-REM-4)', () => {
  it('sends each attendee one reminder a week before, however many runs start at once', async () => {
    const { contactEmail, meeting } = await aBookedMeeting(api, admin);
    const lead = (await api.call<{ email: string }>('GET', `/staff/${meeting.lead?.staffId}`, { token: admin })).body;

    const together = await Promise.all([startDaily('2027-05-05'), startDaily('2027-05-05'), startDaily('2027-05-05')]);
    const again = await startDaily('2027-05-05');

    expect(together.map((run) => run.status)).toEqual([201, 201, 201]);
    expect(again.body.outcome).toBe('completed');
    expect(await remindersTo(contactEmail)).toHaveLength(1);
    expect(await remindersTo(lead.email)).toHaveLength(1);
  });

  it('lists each run with what it owed and sent', async () => {
    const run = await startDaily('2027-05-05');

    const runs = await api.call<{ items: (JobRun & { summary: { emails?: { expected: number; sent: number } } })[] }>(
      'GET',
      '/jobs/daily/runs',
      { token: admin },
    );

    const listed = runs.body.items.find((item) => item.runId === run.body.runId);
    expect(listed?.summary.emails).toMatchObject({ expected: expect.any(Number), sent: expect.any(Number) });
    expect(listed?.summary.emails?.sent).toBeLessThanOrEqual(listed?.summary.emails?.expected ?? -1);
  });
});
