import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDate } from '../../shared/domain/calendar.ts';
import type { JobRun } from '../../shared/schemas/jobs.ts';
import type { LocalApi } from './support/local-api.ts';

/**
 * Outside the local twin (no FUTURE_RUNS=allowed, as in AWS), a job started as a day after today is
 * refused with 400 naming body.runAs, unless it is a dry run (issue 12 item 6: a daily run "as"
 * 9999-12-31 would send every future reminder now and mark every open meeting overdue, for good).
 * This file's handlers are imported after the variable is removed, as a deployed function starts.
 */
let api: LocalApi;
let admin: string;

beforeAll(async () => {
  delete process.env.FUTURE_RUNS;
  const { startLocalApi } = await import('./support/local-api.ts');
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

const tomorrow = () => {
  const next = new Date(Date.now() + 36 * 3_600_000);
  return londonDate(next);
};

describe('a run as a day after today, in a deployed stage', () => {
  it.each(['daily', 'quarterly-planning', 'annual-planning'])(
    'is refused for %s (400 naming body.runAs), recording nothing',
    async (job) => {
      const answer = await api.call('POST', `/jobs/${job}/runs`, { token: admin, body: { runAs: tomorrow() } });

      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        error: {
          code: 'validation_failed',
          details: [{ path: 'body.runAs', message: expect.stringContaining('dryRun') }],
        },
      });
    },
  );

  it('is refused at the far end of the range too (2099-12-31)', async () => {
    const answer = await api.call('POST', '/jobs/daily/runs', { token: admin, body: { runAs: '2099-12-31' } });

    expect(answer.status).toBe(400);
  });

  it('is answered as a dry run', async () => {
    const answer = await api.call<JobRun>('POST', '/jobs/annual-planning/runs', {
      token: admin,
      body: { runAs: '2099-12-31', dryRun: true },
    });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ runAs: '2099-12-31', dryRun: true, outcome: 'completed' });
  });

  it('is refused when the schedule’s payload names it too (the invocation fails)', async () => {
    const { handler } = await import('../../functions/jobs/handler.ts');
    const context = { functionName: 'test-jobs', getRemainingTimeInMillis: () => 900_000 } as never;

    await expect(handler({ job: 'daily', runAs: '2099-12-31' }, context)).rejects.toThrow(/after today/);
  });

  it('still runs as today', async () => {
    const answer = await api.call<JobRun>('POST', '/jobs/quarterly-planning/runs', {
      token: admin,
      body: { runAs: londonDate(new Date()), dryRun: true },
    });

    expect(answer.status).toBe(200);
  });
});
