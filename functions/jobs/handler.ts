import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { ulid } from 'ulid';
import { DynamoJobRunLedger } from '../../shared/adapters/dynamodb/job-run-ledger.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import { logger } from '../../shared/observability/logger.ts';
import { ScheduledJobInputSchema } from '../../shared/schemas/jobs.ts';
import { runJob } from '../../shared/use-cases/run-job.ts';

/**
 * The scheduled work (R-REM-1..3). EventBridge Scheduler invokes it with {job} (see
 * shared/definitions/schedules.ts); the local scheduler sends the same payload.
 * An input that is not a known job fails the invocation, so the schedule's retries and
 * dead-letter queue keep it rather than it vanishing.
 */
const config = readEnv([ENV.meetingsTable]);
const ledger = new DynamoJobRunLedger(config.MEETINGS_TABLE);

export const handler = middy()
  .use(injectLambdaContext(logger, { clearState: true }))
  .handler(async (event: unknown) => {
    const input = ScheduledJobInputSchema.parse(event);
    logger.appendKeys({ job: input.job });
    const run = await runJob(ledger, input, {
      actor: { type: 'schedule', id: input.job },
      now: () => new Date(),
      newId: ulid,
    });
    logger.info('Job run recorded', { runId: run.runId, runAs: run.runAs, outcome: run.outcome });
    return run;
  });
