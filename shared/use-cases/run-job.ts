import type { JobName } from '../definitions/schedules.ts';
import type { Actor } from '../domain/actor.ts';
import { londonDate } from '../domain/calendar.ts';
import type { JobRun } from '../schemas/jobs.ts';

/**
 * Run one scheduled job and keep a record of the run.
 * Course: 1. settle the day it runs as (the given day, or today in London)  2. do the job's work
 *         3. record the run, with its outcome, in the run ledger (on the meetings table).
 * The planning and reminder work itself is added by the meetings and reminders capabilities;
 * until then a run does no more than record itself.
 */
export interface JobRunLedger {
  record(run: JobRun): Promise<void>;
}

export async function runJob(
  ledger: JobRunLedger,
  request: { job: JobName; runAs?: string | undefined },
  context: { actor: Actor; now: () => Date; newId: () => string },
): Promise<JobRun> {
  const started = context.now();
  const run: JobRun = {
    runId: context.newId(),
    job: request.job,
    runAs: request.runAs ?? londonDate(started),
    trigger: `${context.actor.type}:${context.actor.id}`,
    startedAt: started.toISOString(),
    finishedAt: context.now().toISOString(),
    outcome: 'completed',
  };
  await ledger.record(run);
  return run;
}
