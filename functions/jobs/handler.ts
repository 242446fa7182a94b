import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { ulid } from 'ulid';
import { DynamoJobRunLedger } from '../../shared/adapters/dynamodb/job-run-ledger.ts';
import { DynamoMeetingStore } from '../../shared/adapters/dynamodb/meeting-store.ts';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoRelationshipStore } from '../../shared/adapters/dynamodb/relationship-store.ts';
import { type ApiEvent, apiFunction, staffRoute } from '../../shared/adapters/http/api-function.ts';
import { ok } from '../../shared/adapters/http/responses.ts';
import { SesMailer } from '../../shared/adapters/ses/mailer.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import { policyFromEnvironment } from '../../shared/config/policy.ts';
import { ROUTE } from '../../shared/definitions/routes.ts';
import type { JobName } from '../../shared/definitions/schedules.ts';
import type { Actor } from '../../shared/domain/actor.ts';
import { logger } from '../../shared/observability/logger.ts';
import { ScheduledJobInputSchema } from '../../shared/schemas/jobs.ts';
import { alertOverdueMeetings } from '../../shared/use-cases/alert-overdue-meetings.ts';
import { planMeetings } from '../../shared/use-cases/plan-meetings.ts';
import { runJob } from '../../shared/use-cases/run-job.ts';

/**
 * The scheduled work (R-REM-1..3, R-CAD-8). EventBridge Scheduler invokes it with {job} (see
 * shared/definitions/schedules.ts; the local scheduler sends the same); admins start a run through
 * POST /jobs/{job}/runs, which the same function answers. An input that is not a known job fails
 * the invocation, so the schedule's retries and dead-letter queue keep it rather than lose it.
 */
const config = readEnv([ENV.stage, ENV.providersTable, ENV.meetingsTable, ENV.senderAddress, ENV.sesConfigurationSet]);
const register = new DynamoRegisterStore(config.PROVIDERS_TABLE);
const meetings = new DynamoMeetingStore(config.MEETINGS_TABLE, config.PROVIDERS_TABLE);
const ledger = new DynamoJobRunLedger(config.MEETINGS_TABLE);
const deps = {
  register,
  meetings,
  relationships: new DynamoRelationshipStore(config.PROVIDERS_TABLE),
  policy: policyFromEnvironment(),
  mailer: new SesMailer({
    stage: config.STAGE,
    sender: config.SENDER_ADDRESS,
    configurationSet: config.SES_CONFIGURATION_SET,
  }),
};

function run(job: JobName, runAs: string | undefined, actor: Actor) {
  const now = () => new Date();
  const context = { actor, now: now(), newId: ulid };
  return runJob(ledger, { job, runAs }, { actor, now, newId: ulid }, async (day) => {
    switch (job) {
      case 'quarterly-planning':
      case 'annual-planning':
        return { ...(await planMeetings(deps, job, day, context)) };
      case 'daily':
        return { ...(await alertOverdueMeetings(deps, day, { ...context, actor: { type: 'schedule', id: job } })) };
    }
  });
}

const api = apiFunction([
  staffRoute(ROUTE.startJobRun, async ({ path, body, change }) => ({
    status: 201,
    body: await run(path.job, body.runAs, change.actor),
  })),
  staffRoute(ROUTE.listJobRuns, async ({ path, query }) =>
    ok(await ledger.list(path.job, query.limit, query.nextToken)),
  ),
]);

const scheduled = middy()
  .use(injectLambdaContext(logger, { clearState: true }))
  .handler(async (event: unknown) => {
    const input = ScheduledJobInputSchema.parse(event);
    logger.appendKeys({ job: input.job });
    const result = await run(input.job, input.runAs, { type: 'schedule', id: input.job });
    logger.info('Job run recorded', { runId: result.runId, runAs: result.runAs, outcome: result.outcome });
    return result;
  });

const isApiEvent = (event: unknown): event is ApiEvent =>
  typeof event === 'object' && event !== null && 'routeKey' in event && 'requestContext' in event;

export const handler = (event: unknown, context: Context) =>
  isApiEvent(event) ? api(event, context) : scheduled(event, context);
