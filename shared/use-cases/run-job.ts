import type { JobName } from '../definitions/schedules.ts';
import type { Actor } from '../domain/actor.ts';
import { londonDate } from '../domain/calendar.ts';
import { ValidationError } from '../domain/errors.ts';
import type { JobRun } from '../schemas/jobs.ts';
import type { Page } from './ports.ts';

/**
 * Run one scheduled job and keep a record of the run.
 * Course: 1. settle the day it runs as (the given day, or today in London); refuse a day after today
 *            unless future days are allowed (the local stack) or it is a dry run (issue 12 item 6: a
 *            daily run "as" 9999-12-31 would send every future reminder now and mark every open
 *            meeting overdue, for good)
 *         2. do the job's work (a dry run reads, plans and composes, and writes and sends nothing)
 *         3. record the run with what it did, or that it failed (then fail, so the scheduler retries);
 *            a dry run is answered, not recorded.
 */
export interface JobRunLedger {
  record(run: JobRun): Promise<void>;
  list(job: JobName, limit: number, nextToken?: string): Promise<Page<JobRun>>;
}

/**
 * Step 1 on its own: the day a run runs as, or a ValidationError for a day after today when future days
 * are refused and it is not a dry run. The workspace checks it before handing a run over (hand-off-job-run.ts).
 */
export function settleRunDay(
  request: { runAs?: string | undefined; dryRun?: boolean | undefined },
  now: Date,
  futureDays: 'allowed' | 'refused',
): string {
  const today = londonDate(now);
  const runAs = request.runAs ?? today;
  if (runAs > today && request.dryRun !== true && futureDays === 'refused') {
    throw new ValidationError(`A run cannot be started as a day after today (${today})`, [
      {
        path: 'body.runAs',
        message: `must not be after today (${today}); send "dryRun": true to see what a run on that day would do`,
      },
    ]);
  }
  return runAs;
}

export async function runJob(
  ledger: JobRunLedger,
  request: { job: JobName; runAs?: string | undefined; dryRun?: boolean | undefined },
  context: { actor: Actor; now: () => Date; newId: () => string; futureDays: 'allowed' | 'refused' },
  work: (runAs: string, dryRun: boolean) => Promise<Record<string, unknown>>,
): Promise<JobRun> {
  const started = context.now();
  const dryRun = request.dryRun === true;
  const runAs = settleRunDay(request, started, context.futureDays);
  const base = {
    runId: context.newId(),
    job: request.job,
    runAs,
    trigger: `${context.actor.type}:${context.actor.id}`,
    startedAt: started.toISOString(),
  };
  if (dryRun) {
    const summary = await work(runAs, true);
    return { ...base, finishedAt: context.now().toISOString(), outcome: 'completed', dryRun: true, summary };
  }
  try {
    const summary = await work(runAs, false);
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
