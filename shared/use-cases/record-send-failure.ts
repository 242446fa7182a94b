import { deliveryKeyOfTags } from '../adapters/ses/delivery-tags.ts';
import type { SesSendFailureDetail } from '../definitions/events.ts';
import { logger } from '../observability/logger.ts';
import type { DeliveryLedger } from './deliver-emails.ts';

/**
 * SES accepted an email and then did not send it: the template would not render with its data, or SES
 * rejected the message. Course: 1. find the email's delivery record from the tags it was sent with
 *         2. record it failed for good, with SES's reason: never counted as sent, never sent again.
 * An email with no delivery tags (sent before they existed) is logged: there is nothing to record it on.
 */
export async function recordSendFailure(
  deps: { ledger: Pick<DeliveryLedger, 'markFailed'> },
  detail: SesSendFailureDetail,
  at: Date,
): Promise<{ outcome: 'recorded' | 'no-delivery-record' }> {
  const key = deliveryKeyOfTags(detail.mail.tags);
  const reason =
    detail.eventType === 'Reject'
      ? `rejected by SES: ${detail.reject?.reason ?? 'no reason given'}`
      : `SES could not render ${detail.failure?.templateName ?? 'the template'}: ${detail.failure?.errorMessage ?? 'no reason given'}`;
  if (!key) {
    logger.error('An email SES did not send has no delivery record', { messageId: detail.mail.messageId, reason });
    return { outcome: 'no-delivery-record' };
  }
  await deps.ledger.markFailed(key, { reason, at, messageId: detail.mail.messageId });
  logger.warn('An email SES did not send is recorded as failed', { messageId: detail.mail.messageId, reason });
  return { outcome: 'recorded' };
}
