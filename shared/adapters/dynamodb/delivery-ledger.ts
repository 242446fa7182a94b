import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors.ts';
import type {
  Claim,
  ClaimOutcome,
  DeliveryKey,
  DeliveryLedger,
  OutgoingEmail,
} from '../../use-cases/deliver-emails.ts';
import type { WriteOperation } from './accountable-write.ts';
import { documentClient } from './client.ts';
import { queryAll } from './paged-query.ts';

/**
 * One record per email the system owes (R-REM-4), on the meetings table under the thing it is about
 * (`MEETING#<id>` / `DELIVERY#<reminder>#<recipient>`, `DIGEST#<day>` / `DELIVERY#<staffId>`, …).
 * Claiming is a conditional update: it succeeds only when no record exists, the email is owed, or a
 * claim's lease has lapsed (its run died), so two runs never both send. A record SES refused or could
 * not render is `failed` for good (never claimed again). Sent and failed records stay a year.
 *
 * The outbox: an email a change owes (a share, an acknowledgement, a holder's notice …) is written as an
 * `owed` record holding the whole email, in the same transaction as the change (`outboxWrites`), on the
 * sparse gsi2 partition `OUTBOX`. The change's caller sends it at once through the ledger; whatever that
 * could not send, any later run (the daily run) finds on the index and sends. Sending or failing for good
 * takes it off the index and drops the copy of the email.
 */
const KEPT_SECONDS = 400 * 24 * 60 * 60;
export const OUTBOX = 'OUTBOX';

type OwedEmail = Pick<OutgoingEmail, 'template' | 'to' | 'data' | 'tags' | 'raw'>;

/** The writes that record emails a change owes, for the change's own transaction. */
export function outboxWrites(tableName: string, emails: readonly OutgoingEmail[], now: Date): WriteOperation[] {
  return emails.map(({ key, template, to, data, tags, raw }) => ({
    kind: 'put',
    tableName,
    item: {
      ...key,
      kind: 'delivery',
      state: 'owed',
      gsi2pk: OUTBOX,
      gsi2sk: `${now.toISOString()}#${key.pk}#${key.sk}`,
      email: { template, to, data, tags, ...(raw ? { raw } : {}) } satisfies OwedEmail,
      owedSince: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + KEPT_SECONDS,
    },
    condition: {
      expression: 'attribute_not_exists(pk)',
      onFailure: () => new ConflictError('This email is already owed or sent'),
    },
  }));
}

export class DynamoDeliveryLedger implements DeliveryLedger {
  constructor(private readonly tableName: string) {}

  async claim(key: DeliveryKey, claim: Claim): Promise<ClaimOutcome> {
    const now = claim.now.getTime();
    try {
      // An update, not a put: an owed record keeps the email it holds until it is sent.
      await documentClient.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression:
            'SET kind = :kind, #state = :sending, runId = :run, claimedAt = :at, leaseUntil = :lease, expiresAt = :expires',
          ConditionExpression:
            'attribute_not_exists(pk) OR #state = :owed OR (#state = :sending AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':kind': 'delivery',
            ':sending': 'sending',
            ':owed': 'owed',
            ':run': claim.runId,
            ':at': claim.now.toISOString(),
            ':lease': now + claim.leaseSeconds * 1000,
            ':expires': Math.floor(now / 1000) + KEPT_SECONDS,
            ':now': now,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'claimed';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        const state = error.Item?.state?.S;
        if (state === 'sent' || state === 'failed') return state;
        const claimedAt = Date.parse(error.Item?.claimedAt?.S ?? '');
        const orphanedAfter = claim.orphanedAfterSeconds;
        // Another run's claim that it cannot still be working on: that run died before it marked it.
        return orphanedAfter !== undefined && claimedAt + orphanedAfter * 1000 < now ? 'orphaned' : 'in-flight';
      }
      throw error;
    }
  }

  async markSent(key: DeliveryKey, sent: { runId: string; messageId: string; at: Date }): Promise<void> {
    await documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression:
          'SET #state = :sent, messageId = :messageId, sentAt = :at REMOVE leaseUntil, gsi2pk, gsi2sk, email',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sent': 'sent', ':messageId': sent.messageId, ':at': sent.at.toISOString() },
      }),
    );
  }

  async markFailed(key: DeliveryKey, failure: { reason: string; at: Date; messageId?: string | undefined }) {
    await documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: `SET #state = :failed, failure = :reason, failedAt = :at, kind = :kind, expiresAt = if_not_exists(expiresAt, :expires)${
          failure.messageId ? ', messageId = :messageId' : ''
        } REMOVE leaseUntil, gsi2pk, gsi2sk, email`,
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':failed': 'failed',
          ':reason': failure.reason.slice(0, 500),
          ':at': failure.at.toISOString(),
          ':kind': 'delivery',
          ':expires': Math.floor(failure.at.getTime() / 1000) + KEPT_SECONDS,
          ...(failure.messageId ? { ':messageId': failure.messageId } : {}),
        },
      }),
    );
  }

  /** Gives back this run's claim (only its own): the email is owed again, for the next run to send. */
  async release(key: DeliveryKey, runId: string): Promise<void> {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET #state = :owed REMOVE leaseUntil, runId',
          ConditionExpression: 'runId = :run AND #state = :sending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':run': runId, ':sending': 'sending', ':owed': 'owed' },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Emails changes owe that no run has sent yet (the outbox), oldest first: one Query a page of the sparse partition. */
  async owed(): Promise<OutgoingEmail[]> {
    const items = await queryAll(this.tableName, {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :outbox',
      ExpressionAttributeValues: { ':outbox': OUTBOX },
    });
    return items.flatMap((item) => {
      const email = item.email as OwedEmail | undefined;
      return email ? [{ key: { pk: String(item.pk), sk: String(item.sk) }, ...email }] : [];
    });
  }
}
