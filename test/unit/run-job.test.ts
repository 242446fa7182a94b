import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/domain/errors.ts';
import type { JobRun } from '../../shared/schemas/jobs.ts';
import { type JobRunLedger, runJob } from '../../shared/use-cases/run-job.ts';

/** runJob's day rules (issue 12 item 6), with a ledger that keeps runs in memory. */
function memoryLedger(): JobRunLedger & { runs: JobRun[] } {
  const runs: JobRun[] = [];
  return { runs, record: async (run) => void runs.push(run), list: async () => ({ items: runs, nextToken: null }) };
}
const at = new Date('2027-03-31T23:30:00Z'); // 00:30 on 1 April in London (BST)
const context = (futureDays: 'allowed' | 'refused') => ({
  actor: { type: 'staff' as const, id: 'admin', roles: ['admin'] },
  now: () => at,
  newId: () => 'RUN',
  futureDays,
});

describe('the day a job runs as', () => {
  it.each([
    ['2027-04-01', 'today in London, though still 31 March in UTC'],
    ['2027-03-31', 'yesterday'],
    ['2000-01-01', 'the first supported day'],
  ])('%s (%s) runs and is recorded', async (runAs) => {
    const ledger = memoryLedger();

    const run = await runJob(ledger, { job: 'daily', runAs }, context('refused'), async () => ({}));

    expect(run).toMatchObject({ runAs, outcome: 'completed' });
    expect(ledger.runs).toHaveLength(1);
  });

  it.each(['2027-04-02', '2099-12-31'])(
    '%s, after today, is refused outside the local twin, doing nothing',
    async (runAs) => {
      const ledger = memoryLedger();
      let worked = false;

      const run = runJob(ledger, { job: 'daily', runAs }, context('refused'), async () => {
        worked = true;
        return {};
      });

      await expect(run).rejects.toBeInstanceOf(ValidationError);
      await expect(run).rejects.toMatchObject({ details: [{ path: 'body.runAs' }] });
      expect(worked).toBe(false);
      expect(ledger.runs).toEqual([]);
    },
  );

  it('after today runs on the local twin', async () => {
    const run = await runJob(
      memoryLedger(),
      { job: 'daily', runAs: '2099-12-31' },
      context('allowed'),
      async () => ({}),
    );

    expect(run.outcome).toBe('completed');
  });

  it('after today runs as a dry run anywhere: the work is told so, and nothing is recorded', async () => {
    const ledger = memoryLedger();
    let dry: boolean | undefined;

    const run = await runJob(
      ledger,
      { job: 'annual-planning', runAs: '2099-12-31', dryRun: true },
      context('refused'),
      async (_day, dryRun) => {
        dry = dryRun;
        return { created: 3 };
      },
    );

    expect(dry).toBe(true);
    expect(run).toMatchObject({ dryRun: true, summary: { created: 3 } });
    expect(ledger.runs).toEqual([]);
  });
});
