import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { type ApiEvent, apiFunction, staffRoute } from '../../shared/adapters/http/api-function.ts';
import { ok } from '../../shared/adapters/http/responses.ts';
import { jobRunnerFromEnvironment } from '../../shared/adapters/jobs/job-runner.ts';
import { JOBS_ROUTE as ROUTE } from '../../shared/definitions/routes/jobs.ts';
import type { Actor } from '../../shared/domain/actor.ts';
import { logger } from '../../shared/observability/logger.ts';
import { ScheduledJobInputSchema } from '../../shared/schemas/jobs.ts';

/**
 * The scheduled work (R-REM-1..4, R-CAD-8). EventBridge Scheduler invokes it with {job} (see
 * shared/definitions/schedules.ts; the local scheduler sends the same); admins start a run through
 * POST /jobs/{job}/runs, which the same function answers. An input that is not a known job fails
 * the invocation, so the schedule's retries and dead-letter queue keep it rather than lose it.
 * The runs' composition (stores, mailer, dry runs) is shared with the workspace: shared/adapters/jobs/job-runner.ts.
 */
const { ledger, run } = await jobRunnerFromEnvironment();
/** Stop claiming more emails this long before the function would time out; what is left stays due. */
const SAFETY_MARGIN_MS = 60_000;
const API_SENDING_BUDGET_MS = 25_000;

const api = apiFunction([
  staffRoute(ROUTE.startJobRun, async ({ path, body, change }) => {
    // API Gateway gives up on a request after 30 s: a run started here sends for 25 s at most;
    // what is left stays due for the next run.
    const deadline = Date.now() + API_SENDING_BUDGET_MS;
    const answer = await run(path.job, body, change.actor, () => deadline - Date.now());
    // A dry run creates nothing: 200 with what it would have done.
    return { status: answer.dryRun ? 200 : 201, body: answer };
  }),
  staffRoute(ROUTE.listJobRuns, async ({ path, query }) =>
    ok(await ledger.list(path.job, query.limit, query.nextToken)),
  ),
]);

const scheduled = middy()
  .use(injectLambdaContext(logger, { clearState: true }))
  .handler(async (event: unknown, lambda: Context) => {
    const input = ScheduledJobInputSchema.parse(event);
    logger.appendKeys({ job: input.job });
    // A run handed over from the workspace (issue 15) is the asker's; a schedule's is the schedule's.
    const actor: Actor = input.requestedBy
      ? { type: 'staff', id: input.requestedBy.staffId, roles: input.requestedBy.roles }
      : { type: 'schedule', id: input.job };
    const result = await run(
      input.job,
      { runAs: input.runAs, dryRun: input.dryRun, runId: input.runId },
      actor,
      () => lambda.getRemainingTimeInMillis() - SAFETY_MARGIN_MS,
    );
    logger.info('Job run recorded', { runId: result.runId, runAs: result.runAs, outcome: result.outcome });
    return result;
  });

const isApiEvent = (event: unknown): event is ApiEvent =>
  typeof event === 'object' && event !== null && 'routeKey' in event && 'requestContext' in event;

export const handler = (event: unknown, context: Context) =>
  isApiEvent(event) ? api(event, context) : scheduled(event, context);
