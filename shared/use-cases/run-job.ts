import type { JobName } from '../definitions/schedules.ts';
import type { Actor } from '../domain/actor.ts';
import { londonDate } from '../domain/calendar.ts';
import type { JobRun } from '../schemas/jobs.ts';
import type { Page } from './ports.ts';

/**
 * Run one scheduled job and keep a record of the run.
 * Course: 1. settle the day it runs as (the given day, or today in London)  2. do the job's work
 *         3. record the run with what it did, or that it failed (then fail, so the scheduler retries).
 */
export interface JobRunLedger {
  record(run: JobRun): Promise<void>;
  list(job: JobName, limit: number, nextToken?: string): Promise<Page<JobRun>>;
}

export async function runJob(
  ledger: JobRunLedger,
  request: { job: JobName; runAs?: string | undefined },
  context: { actor: Actor; now: () => Date; newId: () => string },
  work: (runAs: string) => Promise<Record<string, unknown>>,
): Promise<JobRun> {
  const started = context.now();
  const runAs = request.runAs ?? londonDate(started);
  const base = {
    runId: context.newId(),
    job: request.job,
    runAs,
    trigger: `${context.actor.type}:${context.actor.id}`,
    startedAt: started.toISOString(),
  };
  try {
    const summary = await work(runAs);
    const run: JobRun = { ...base, finishedAt: context.now().toISOString(), outcome: 'completed', summary };
    await ledger.record(run);
    return run;
  } catch (error) {
    await ledger.record({
      ...base,
      finishedAt: context.now().toISOString(),
      outcome: 'failed',
      summary: { error: error instanceof Error ? error.name : 'Error' },
    });
    throw error;
  }
}
