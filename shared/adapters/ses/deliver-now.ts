import { ulid } from 'ulid';
import { type Deliver, deliverEmails } from '../../use-cases/deliver-emails.ts';
import { DynamoDeliveryLedger } from '../dynamodb/delivery-ledger.ts';
import { DynamoSuppressionList } from '../dynamodb/suppression-list.ts';
import type { SesMailer } from './mailer.ts';
import { sesSendingPace } from './sending-pace.ts';

/** What a request may spend sending the emails its change owes; the rest stays in the outbox. */
const REQUEST_SENDING_BUDGET_MS = 4_000;

/**
 * How an API or event function sends the emails a change owes: through the delivery ledger on the
 * meetings table (claim, bulk send, mark), leaving out suppressed addresses, within a small time budget
 * and two attempts, so a request never waits long on SES; what is left is sent by the next run.
 */
export function deliverNow(config: { mailer: SesMailer; meetingsTable: string; providersTable: string }): Deliver {
  const ledger = new DynamoDeliveryLedger(config.meetingsTable);
  const suppression = new DynamoSuppressionList(config.providersTable);
  return async (emails) => {
    const deadline = Date.now() + REQUEST_SENDING_BUDGET_MS;
    return deliverEmails({ ledger, suppression, mailer: config.mailer, pace: await sesSendingPace() }, emails, {
      runId: ulid(),
      now: () => new Date(),
      timeLeft: () => deadline - Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      maxAttempts: 2,
    });
  };
}
