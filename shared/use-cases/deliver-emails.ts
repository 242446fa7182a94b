import type { EmailTemplateName } from '../definitions/email-templates.ts';
import { logger } from '../observability/logger.ts';
import { loggableError } from '../observability/redact.ts';
import type { Recipient } from './ports.ts';

/**
 * Send a batch of emails so that each is sent once (R-REM-4), whatever else runs at the same time.
 * Course: 1. leave out addresses on the suppression list (bounced or complained: undeliverable)
 *         2. claim each email's delivery record with a conditional write (a lease): a record already
 *            sent, or claimed by a run still inside its lease, is not sent again
 *         3. send the claimed ones with SES bulk templated sends, at most `batchSize` a call, paced
 *            to the account's sending rate; throttled or transient failures retried with backoff
 *         4. mark each sent one (with SES's message id); give back the claim of each that failed for
 *            now, so the next run sends it (nothing lost); record one SES refused for good (rejected,
 *            invalid) as failed, never retried; stop claiming when the time left runs short.
 * A claim held by a run that has outlived the longest a run can live is a dead run's: reported as
 * `orphaned`, owed by this run's count (the "expected but not sent" alarm sees it) and sent once its
 * lease lapses. SES's later rendering failures and rejects mark the record failed too
 * (shared/use-cases/record-send-failure.ts).
 * A run that dies between SES accepting a batch and step 4 leaves claims that lapse with their
 * lease: the next run sends those again. That window (one batch, one call) is the only way a
 * second copy can go out; everything else is exactly once.
 */
export interface DeliveryKey {
  pk: string;
  sk: string;
}

/** Not an SES template: a whole MIME message (a calendar invite: SES templates cannot carry text/calendar). */
export const CALENDAR_INVITE = 'calendar-invite';

export interface OutgoingEmail {
  key: DeliveryKey;
  /** The SES template, or CALENDAR_INVITE for a raw message in `raw`. */
  template: EmailTemplateName | typeof CALENDAR_INVITE;
  /** The MIME message of a calendar invite, addressed to `to` alone. */
  raw?: string;
  to: Recipient;
  /** The template's variables (SES renders them with Handlebars: a list, of strings or of rows, is for {{#each}}). */
  data: Record<string, string | readonly string[] | readonly Readonly<Record<string, string>>[]>;
  /** SES message tags: they come back on bounce and complaint events (providerId, contactId, …). */
  tags: Record<string, string>;
}

/** `failed`: refused for good before (never retried); `orphaned`: claimed by a run that has since died. */
export type ClaimOutcome = 'claimed' | 'sent' | 'failed' | 'in-flight' | 'orphaned';

export interface Claim {
  runId: string;
  now: Date;
  leaseSeconds: number;
  /** A claim older than this was made by a run that is dead by now (the longest a run lives). */
  orphanedAfterSeconds?: number | undefined;
}

export interface DeliveryLedger {
  claim(key: DeliveryKey, claim: Claim): Promise<ClaimOutcome>;
  markSent(key: DeliveryKey, sent: { runId: string; messageId: string; at: Date }): Promise<void>;
  /** For good: SES refused it, or could not render it. The record is never claimed again. */
  markFailed(key: DeliveryKey, failure: { reason: string; at: Date; messageId?: string | undefined }): Promise<void>;
  release(key: DeliveryKey, runId: string): Promise<void>;
}

export interface SuppressionList {
  /** Of these addresses, the ones not to send to (lower-case). */
  suppressed(addresses: readonly string[]): Promise<Set<string>>;
}

export type BulkResult =
  | { status: 'sent'; messageId: string }
  | { status: 'retry'; reason: string }
  | { status: 'failed'; reason: string }
  /** SES refused this email for good (its content or address): retrying would fail the same way. */
  | { status: 'rejected'; reason: string };

export interface BulkMailer {
  /** One SES SendBulkEmail call: a result per entry, in order. Throws when the whole call fails. */
  sendBulk(
    template: EmailTemplateName,
    entries: readonly {
      key: DeliveryKey;
      to: Recipient;
      data: OutgoingEmail['data'];
      tags: Record<string, string>;
    }[],
  ): Promise<BulkResult[]>;
}

/** Sends one whole MIME message to one recipient (SES v2 SendEmail with raw content). */
export interface RawMailer {
  sendRawOne(email: Pick<OutgoingEmail, 'key' | 'to' | 'raw' | 'tags'>): Promise<BulkResult>;
}

export interface SendingPace {
  /** Waits until `count` more recipients may be sent to within the account's sending rate. */
  take(count: number): Promise<void>;
}

export type DeliveryOutcome =
  | 'sent'
  | 'already-sent'
  | 'in-flight'
  | 'orphaned'
  | 'suppressed'
  | 'failed'
  | 'rejected'
  | 'already-failed'
  | 'deferred';

export interface DeliveryReport {
  /** Emails asked for (before anything was left out). */
  planned: number;
  sent: number;
  alreadySent: number;
  inFlight: number;
  /** Claimed by a run that died: owed, not sent; the next run after the lease lapses sends them. */
  orphaned: number;
  suppressed: number;
  failed: number;
  /** Refused by SES for good this run: recorded as failed and never retried. */
  rejected: number;
  /** Refused for good by an earlier run. */
  alreadyFailed: number;
  deferred: number;
  bulkCalls: number;
  retries: number;
  outcomes: Map<string, DeliveryOutcome>;
}

export interface DeliveryDeps {
  ledger: DeliveryLedger;
  suppression: SuppressionList;
  mailer: BulkMailer & Partial<RawMailer>;
  pace: SendingPace;
}

export interface DeliveryContext {
  runId: string;
  now: () => Date;
  /** Milliseconds the caller may still spend (a Lambda's remaining time less a margin). */
  timeLeft: () => number;
  sleep: (ms: number) => Promise<void>;
  leaseSeconds?: number;
  /** The longest a run can live (its function's timeout): an older claim is a dead run's. */
  orphanedAfterSeconds?: number;
  batchSize?: number;
  maxAttempts?: number;
  /** A dry run (issue 12 item 6): stop before claiming or sending; what would be sent is reported as sent. */
  dryRun?: boolean;
}

/** Which count of the report each outcome adds to. */
const COUNTED_AS = {
  sent: 'sent',
  'already-sent': 'alreadySent',
  'in-flight': 'inFlight',
  orphaned: 'orphaned',
  suppressed: 'suppressed',
  failed: 'failed',
  rejected: 'rejected',
  'already-failed': 'alreadyFailed',
  deferred: 'deferred',
} as const satisfies Record<DeliveryOutcome, keyof DeliveryReport>;

/** SES v2 SendBulkEmail takes at most 50 entries a call. */
export const SES_BULK_LIMIT = 50;
/** A claim outlives the longest Lambda run (15 minutes), so a live run's claim never lapses under it. */
export const DEFAULT_LEASE_SECONDS = 16 * 60;
const DEFAULT_ATTEMPTS = 6;

/** Counts of a delivery that has not started. */
export const noDeliveries = (): Omit<DeliveryReport, 'outcomes'> => ({
  planned: 0,
  sent: 0,
  alreadySent: 0,
  inFlight: 0,
  orphaned: 0,
  suppressed: 0,
  failed: 0,
  rejected: 0,
  alreadyFailed: 0,
  deferred: 0,
  bulkCalls: 0,
  retries: 0,
});

export const deliveryKeyOf = (key: DeliveryKey) => `${key.pk}|${key.sk}`;

/** Raw messages go one a call (SES has no bulk raw send); a failure of one is that one's result. */
function sendEachRaw(mailer: Partial<RawMailer>, emails: readonly OutgoingEmail[]): Promise<BulkResult[]> {
  const send = mailer.sendRawOne?.bind(mailer);
  if (!send) throw new Error('This mailer cannot send calendar invites');
  return Promise.all(
    emails.map(async (email): Promise<BulkResult> => {
      try {
        return await send(email);
      } catch (error) {
        const reason = error instanceof Error ? error.name : 'Error';
        return isRetryable(error) ? { status: 'retry', reason } : { status: 'failed', reason };
      }
    }),
  );
}

/** Outcomes after which nothing more is owed: sent (now or before), or undeliverable for good. */
const SETTLED: ReadonlySet<DeliveryOutcome> = new Set([
  'sent',
  'already-sent',
  'suppressed',
  'rejected',
  'already-failed',
]);

/** Whether every one of these emails is settled for good: sent (now or before) or undeliverable. */
export const allDelivered = (emails: readonly OutgoingEmail[], report: Pick<DeliveryReport, 'outcomes'>) =>
  emails.every((email) => {
    const outcome = report.outcomes.get(deliveryKeyOf(email.key));
    return outcome !== undefined && SETTLED.has(outcome);
  });

/** What a claim that did not succeed means for this run's report. */
const NOT_CLAIMED = {
  sent: 'already-sent',
  failed: 'already-failed',
  'in-flight': 'in-flight',
  orphaned: 'orphaned',
} as const satisfies Record<Exclude<ClaimOutcome, 'claimed'>, DeliveryOutcome>;

/** SDK errors that mean "slow down" or "try again", not "this will never work". */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const meta = error as Error & { $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  return (
    ['TooManyRequestsException', 'LimitExceededException', 'ThrottlingException', 'InternalFailure'].includes(
      error.name,
    ) ||
    meta.$retryable !== undefined ||
    (meta.$metadata?.httpStatusCode ?? 0) >= 500 ||
    ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT'].includes((error as NodeJS.ErrnoException).code ?? '')
  );
}

/** Exponential backoff with full jitter, capped at 10 s. */
export const backoffMs = (attempt: number, random: () => number = Math.random) =>
  Math.round(random() * Math.min(10_000, 100 * 2 ** attempt));

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}

export async function deliverEmails(
  deps: DeliveryDeps,
  emails: readonly OutgoingEmail[],
  context: DeliveryContext,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { ...noDeliveries(), planned: emails.length, outcomes: new Map() };
  const settle = (email: OutgoingEmail, outcome: DeliveryOutcome) => {
    report.outcomes.set(deliveryKeyOf(email.key), outcome);
    report[COUNTED_AS[outcome]] += 1;
  };
  if (emails.length === 0) return report;

  const blocked = await deps.suppression.suppressed([...new Set(emails.map((email) => email.to.email.toLowerCase()))]);
  const byTemplate = new Map<OutgoingEmail['template'], OutgoingEmail[]>();
  for (const email of emails) {
    if (blocked.has(email.to.email.toLowerCase())) {
      settle(email, 'suppressed');
      continue;
    }
    byTemplate.set(email.template, [...(byTemplate.get(email.template) ?? []), email]);
  }
  if (context.dryRun) {
    for (const email of [...byTemplate.values()].flat()) settle(email, 'sent');
    return report;
  }

  const lease = {
    runId: context.runId,
    leaseSeconds: context.leaseSeconds ?? DEFAULT_LEASE_SECONDS,
    orphanedAfterSeconds: context.orphanedAfterSeconds,
  };
  const batchSize = Math.min(context.batchSize ?? SES_BULK_LIMIT, SES_BULK_LIMIT);
  const maxAttempts = context.maxAttempts ?? DEFAULT_ATTEMPTS;
  for (const [template, pending] of byTemplate) {
    for (const batch of chunks(pending, batchSize)) {
      if (context.timeLeft() <= 0) {
        for (const email of batch) settle(email, 'deferred');
        continue;
      }
      // A batch's claims (and later its marks) are independent writes: made together, not in turn.
      const outcomes = await Promise.all(
        batch.map((email) => deps.ledger.claim(email.key, { ...lease, now: context.now() })),
      );
      const claimed: OutgoingEmail[] = [];
      for (const [index, email] of batch.entries()) {
        const outcome = outcomes[index];
        if (outcome === 'claimed') claimed.push(email);
        else settle(email, NOT_CLAIMED[outcome ?? 'in-flight']);
      }
      let waiting = claimed;
      for (let attempt = 0; waiting.length > 0; attempt += 1) {
        if (attempt > 0) {
          report.retries += 1;
          await context.sleep(backoffMs(attempt));
        }
        const lastTry = attempt + 1 >= maxAttempts || context.timeLeft() <= 0;
        await deps.pace.take(waiting.length);
        report.bulkCalls += 1;
        let results: BulkResult[];
        try {
          results =
            template === CALENDAR_INVITE
              ? await sendEachRaw(deps.mailer, waiting)
              : await deps.mailer.sendBulk(template, waiting);
        } catch (error) {
          const reason = error instanceof Error ? error.name : 'Error';
          results = waiting.map(() =>
            isRetryable(error) ? { status: 'retry', reason } : { status: 'failed', reason },
          );
        }
        const again: OutgoingEmail[] = [];
        await Promise.all(
          waiting.map(async (email, index) => {
            const result = results[index] ?? { status: 'retry', reason: 'no result' };
            if (result.status === 'sent') {
              await deps.ledger.markSent(email.key, {
                runId: context.runId,
                messageId: result.messageId,
                at: context.now(),
              });
              settle(email, 'sent');
            } else if (result.status === 'retry' && !lastTry) {
              again.push(email);
            } else if (result.status === 'rejected') {
              await deps.ledger.markFailed(email.key, { reason: result.reason, at: context.now() });
              settle(email, 'rejected');
            } else {
              await deps.ledger.release(email.key, context.runId);
              settle(email, 'failed');
            }
          }),
        );
        waiting = again;
      }
    }
  }
  return report;
}

/** The outbox: emails changes owe (written in the change's transaction) that no run has sent yet. */
export interface Outbox {
  owed(): Promise<OutgoingEmail[]>;
}

/** Sends emails through the ledger (claims, bulk sends, marks): what a function is given to deliver with. */
export type Deliver = (emails: readonly OutgoingEmail[]) => Promise<DeliveryReport>;

/**
 * After a change is committed with the emails it owes in the outbox: try to send them now, through the
 * ledger. Never throws: the change is stored and what could not go now is still owed, so any later run
 * sends it (once); the caller answers as the change succeeded.
 */
export async function sendOwedNow(deliver: Deliver, emails: readonly OutgoingEmail[]): Promise<void> {
  if (emails.length === 0) return;
  try {
    const report = await deliver(emails);
    if (!allDelivered(emails, report)) {
      logger.warn('Emails left in the outbox for the next run', { owed: emails.length, sent: report.sent });
    }
  } catch (error) {
    logger.warn('Emails left in the outbox for the next run', { owed: emails.length, error: loggableError(error) });
  }
}
