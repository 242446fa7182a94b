import { ulid } from 'ulid';
import { ENV, readEnv, workspaceOriginFromEnvironment } from '../../config/env.ts';
import { linkKeyFromEnvironment } from '../../config/link-key.ts';
import { planningFromEnvironment, policyFromEnvironment } from '../../config/policy.ts';
import { FUNCTIONS } from '../../definitions/functions.ts';
import { DAILY_RUN_METRICS } from '../../definitions/metrics.ts';
import type { JobName } from '../../definitions/schedules.ts';
import type { Actor } from '../../domain/actor.ts';
import { MetricUnit, metrics } from '../../observability/metrics.ts';
import type { JobRun } from '../../schemas/jobs.ts';
import { deliverEmails, type OutgoingEmail } from '../../use-cases/deliver-emails.ts';
import { dryRunMeetings, dryRunReminders } from '../../use-cases/dry-run.ts';
import { planMeetings } from '../../use-cases/plan-meetings.ts';
import { runDaily } from '../../use-cases/run-daily.ts';
import { runJob } from '../../use-cases/run-job.ts';
import { DynamoContactStore } from '../dynamodb/contact-store.ts';
import { DynamoDeliveryLedger } from '../dynamodb/delivery-ledger.ts';
import { DynamoJobRunLedger } from '../dynamodb/job-run-ledger.ts';
import { DynamoMeetingStore } from '../dynamodb/meeting-store.ts';
import { DynamoRegisterStore } from '../dynamodb/register-store.ts';
import { DynamoRelationshipStore } from '../dynamodb/relationship-store.ts';
import { DynamoReminderStore } from '../dynamodb/reminder-store.ts';
import { DynamoResponsibilityStore } from '../dynamodb/responsibility-store.ts';
import { DynamoSuppressionList } from '../dynamodb/suppression-list.ts';
import { DynamoTeamStore } from '../dynamodb/team-store.ts';
import { DynamoTemplateStore } from '../dynamodb/template-store.ts';
import { sesMailerFromEnvironment } from '../ses/mailer.ts';
import { sesSendingPace } from '../ses/sending-pace.ts';

/**
 * The scheduled jobs wired to their stores, once per container: the jobs function runs them on schedule
 * and for POST /jobs/{job}/runs, and the workspace's admin page starts the same runs (issue 15 item 7),
 * so there is one composition of a run, not two.
 */
export interface JobRunner {
  ledger: DynamoJobRunLedger;
  run(
    job: JobName,
    request: { runAs?: string | undefined; dryRun?: boolean; runId?: string | undefined },
    actor: Actor,
    timeLeft: () => number,
  ): Promise<JobRun>;
}

export async function jobRunnerFromEnvironment(): Promise<JobRunner> {
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
    // R-TEAM-3: overdue meetings go to the operations manager of the provider's team.
    teams: new DynamoTeamStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE),
    // R-REL-2, R-TEAM-2: a provider's current relationships and team in one Query.
    responsibility: new DynamoResponsibilityStore(config.PROVIDERS_TABLE),
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

  function run(
    job: JobName,
    request: { runAs?: string | undefined; dryRun?: boolean; runId?: string | undefined },
    actor: Actor,
    timeLeft: () => number,
  ) {
    const now = () => new Date();
    const context = { actor, now: now(), newId: ulid };
    // A run handed over by the workspace keeps the id its page was promised (issue 15).
    const { runId } = request;
    const newId = runId ? () => runId : ulid;
    return runJob(ledger, { job, ...request }, { actor, now, newId, futureDays }, async (day, dryRun) => {
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
              // No run lives longer than the jobs function's timeout: an older claim is a dead run's.
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
  return { ledger, run };
}
