import type { JobName, ScheduledJobInput } from '../definitions/schedules.ts';
import type { Actor } from '../domain/actor.ts';
import { settleRunDay } from './run-job.ts';

/**
 * Start a real job run from the workspace without waiting for it (issue 15). The workspace answers within
 * 10 s; a planning run over the national register or a day's sending takes minutes, so the run is handed to
 * the jobs function, which runs it as a scheduled run and records it in the job-run ledger with this id.
 * Course: 1. settle the day as runJob would (refuse a day after today unless the local stack allows it)
 *         2. choose the run's id, so the run's page can be shown now and fill in once the run is recorded
 *         3. hand the scheduler's input, plus who asked, to the jobs function (AWS: Lambda Invoke, Event;
 *            locally the jobs handler in the background) and answer at once.
 */
export interface JobStarter {
  start(
    input: ScheduledJobInput & { runId: string; requestedBy: { staffId: string; roles: readonly string[] } },
  ): Promise<void>;
}

export async function handOffJobRun(
  starter: JobStarter,
  request: { job: JobName; runAs?: string | undefined },
  context: {
    actor: Extract<Actor, { type: 'staff' }>;
    now: Date;
    newId: () => string;
    futureDays: 'allowed' | 'refused';
  },
): Promise<{ job: JobName; runId: string; runAs: string }> {
  const runAs = settleRunDay({ runAs: request.runAs, dryRun: false }, context.now, context.futureDays);
  const runId = context.newId();
  await starter.start({
    job: request.job,
    runAs,
    dryRun: false,
    runId,
    requestedBy: { staffId: context.actor.id, roles: context.actor.roles },
  });
  return { job: request.job, runId, runAs };
}
