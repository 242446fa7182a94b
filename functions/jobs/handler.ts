import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { ulid } from 'ulid';
import { DynamoContactStore } from '../../shared/adapters/dynamodb/contact-store.ts';
import { DynamoDeliveryLedger } from '../../shared/adapters/dynamodb/delivery-ledger.ts';
import { DynamoJobRunLedger } from '../../shared/adapters/dynamodb/job-run-ledger.ts';
import { DynamoMeetingStore } from '../../shared/adapters/dynamodb/meeting-store.ts';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoRelationshipStore } from '../../shared/adapters/dynamodb/relationship-store.ts';
import { DynamoReminderStore } from '../../shared/adapters/dynamodb/reminder-store.ts';
import { DynamoSuppressionList } from '../../shared/adapters/dynamodb/suppression-list.ts';
import { DynamoTemplateStore } from '../../shared/adapters/dynamodb/template-store.ts';
import { type ApiEvent, apiFunction, staffRoute } from '../../shared/adapters/http/api-function.ts';
import { ok } from '../../shared/adapters/http/responses.ts';
import { sesMailerFromEnvironment } from '../../shared/adapters/ses/mailer.ts';
import { sesSendingPace } from '../../shared/adapters/ses/sending-pace.ts';
import { ENV, readEnv, workspaceOriginFromEnvironment } from '../../shared/config/env.ts';
import { linkKeyFromEnvironment } from '../../shared/config/link-key.ts';
import { planningFromEnvironment, policyFromEnvironment } from '../../shared/config/policy.ts';
import { FUNCTIONS } from '../../shared/definitions/functions.ts';
import { DAILY_RUN_METRICS } from '../../shared/definitions/metrics.ts';
import { JOBS_ROUTE as ROUTE } from '../../shared/definitions/routes/jobs.ts';
import type { JobName } from '../../shared/definitions/schedules.ts';
import type { Actor } from '../../shared/domain/actor.ts';
import { logger } from '../../shared/observability/logger.ts';
import { MetricUnit, metrics } from '../../shared/observability/metrics.ts';
import { ScheduledJobInputSchema } from '../../shared/schemas/jobs.ts';
import { deliverEmails, type OutgoingEmail } from '../../shared/use-cases/deliver-emails.ts';
import { dryRunMeetings, dryRunReminders } from '../../shared/use-cases/dry-run.ts';
import { planMeetings } from '../../shared/use-cases/plan-meetings.ts';
import { runDaily } from '../../shared/use-cases/run-daily.ts';
import { runJob } from '../../shared/use-cases/run-job.ts';

/**
 * The scheduled work (R-REM-1..4, R-CAD-8). EventBridge Scheduler invokes it with {job} (see
 * shared/definitions/schedules.ts; the local scheduler sends the same); admins start a run through
 * POST /jobs/{job}/runs, which the same function answers. An input that is not a known job fails
 * the invocation, so the schedule's retries and dead-letter queue keep it rather than lose it.
 */
const config = readEnv([
  ENV.stage,
  ENV.providersTable,
  ENV.auditTable,
  ENV.meetingsTable,
  ENV.senderAddress,
  ENV.sesConfigurationSet,
  ENV.publicBaseUrl,
]);
const register = new DynamoRegisterStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE);
const meetings = new DynamoMeetingStore(config.MEETINGS_TABLE, config.AUDIT_TABLE);
const ledger = new DynamoJobRunLedger(config.MEETINGS_TABLE);
const deps = {
  register,
  meetings,
  relationships: new DynamoRelationshipStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE),
  policy: policyFromEnvironment(),
  designatedQuarter: planningFromEnvironment().designatedQuarter,
  reminders: new DynamoReminderStore(config.MEETINGS_TABLE),
  contacts: new DynamoContactStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE),
  templates: new DynamoTemplateStore({
    providers: config.PROVIDERS_TABLE,
    meetings: config.MEETINGS_TABLE,
    audit: config.AUDIT_TABLE,
  }),
  links: { key: await linkKeyFromEnvironment(), baseUrl: config.PUBLIC_BASE_URL.replace(/\/$/, '') },
  workspaceOrigin: workspaceOriginFromEnvironment(),
};
const mailer = sesMailerFromEnvironment();
const deliveryLedger = new DynamoDeliveryLedger(config.MEETINGS_TABLE);
/** Only the local twin runs jobs as days after today (shared/config/env.ts); in AWS only a dry run may. */
const futureDays = process.env[ENV.futureRuns] === 'allowed' ? 'allowed' : 'refused';
const suppression = new DynamoSuppressionList(config.PROVIDERS_TABLE);
/** Stop claiming more emails this long before the function would time out; what is left stays due. */
const SAFETY_MARGIN_MS = 60_000;
const API_SENDING_BUDGET_MS = 25_000;

function run(
  job: JobName,
  request: { runAs?: string | undefined; dryRun?: boolean },
  actor: Actor,
  timeLeft: () => number,
) {
  const now = () => new Date();
  const context = { actor, now: now(), newId: ulid };
  return runJob(ledger, { job, ...request }, { actor, now, newId: ulid, futureDays }, async (day, dryRun) => {
    // A dry run reads as a run would and writes nothing: no meeting planned, reminder closed, email
    // claimed or sent, meeting marked overdue (shared/use-cases/dry-run.ts).
    const stores = dryRun
      ? {
          meetings: dryRunMeetings(meetings, (providerId, slot) => meetings.slotPlanned(providerId, slot)),
          reminders: dryRunReminders(deps.reminders),
        }
      : {};
    switch (job) {
      case 'quarterly-planning':
      case 'annual-planning':
        return { ...(await planMeetings({ ...deps, ...stores }, job, day, context)) };
      case 'daily': {
        const runId = ulid();
        const pace = await sesSendingPace();
        const deliver = (emails: readonly OutgoingEmail[]) =>
          deliverEmails({ ledger: deliveryLedger, suppression, mailer, pace }, emails, {
            runId,
            now,
            timeLeft,
            // No run lives longer than the function's timeout: an older claim is a dead run's.
            orphanedAfterSeconds: FUNCTIONS.jobs.timeoutSeconds,
            sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
            dryRun,
          });
        const summary = await runDaily({ ...deps, ...stores, deliver, outbox: deliveryLedger }, day, context);
        if (dryRun) return { ...summary };
        // The "expected but not sent" alarm compares these (infra/stateless-stack.ts).
        metrics.addMetric(DAILY_RUN_METRICS.completed, MetricUnit.Count, 1);
        metrics.addMetric(DAILY_RUN_METRICS.expected, MetricUnit.Count, summary.emails.expected);
        metrics.addMetric(DAILY_RUN_METRICS.sent, MetricUnit.Count, summary.emails.sent);
        metrics.publishStoredMetrics();
        return { ...summary };
      }
    }
  });
}

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
    const result = await run(
      input.job,
      { runAs: input.runAs, dryRun: input.dryRun },
      { type: 'schedule', id: input.job },
      () => lambda.getRemainingTimeInMillis() - SAFETY_MARGIN_MS,
    );
    logger.info('Job run recorded', { runId: result.runId, runAs: result.runAs, outcome: result.outcome });
    return result;
  });

const isApiEvent = (event: unknown): event is ApiEvent =>
  typeof event === 'object' && event !== null && 'routeKey' in event && 'requestContext' in event;

export const handler = (event: unknown, context: Context) =>
  isApiEvent(event) ? api(event, context) : scheduled(event, context);
