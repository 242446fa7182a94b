import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Claim, ClaimOutcome, DeliveryKey, DeliveryLedger } from '../../use-cases/deliver-emails.ts';
import { documentClient } from './client.ts';

/**
 * One record per email the system owes (R-REM-4), on the meetings table under the thing it is about
 * (`MEETING#<id>` / `DELIVERY#<reminder>#<recipient>`, `DIGEST#<day>` / `DELIVERY#<staffId>`).
 * Claiming is a conditional Put: it succeeds only when no record exists or a claim's lease has
 * lapsed (its run died), so two runs never both send. A record SES refused or could not render is
 * `failed` for good (never claimed again). Sent and failed records stay a year for the record.
 */
const KEPT_SECONDS = 400 * 24 * 60 * 60;

export class DynamoDeliveryLedger implements DeliveryLedger {
  constructor(private readonly tableName: string) {}

  async claim(key: DeliveryKey, claim: Claim): Promise<ClaimOutcome> {
    const now = claim.now.getTime();
    try {
      await documentClient.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...key,
            kind: 'delivery',
            state: 'sending',
            runId: claim.runId,
            claimedAt: claim.now.toISOString(),
            leaseUntil: now + claim.leaseSeconds * 1000,
            expiresAt: Math.floor(now / 1000) + KEPT_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': 'sending', ':now': now },
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
        UpdateExpression: 'SET #state = :sent, messageId = :messageId, sentAt = :at REMOVE leaseUntil',
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
        UpdateExpression:
          'SET #state = :failed, failure = :reason, failedAt = :at, kind = :kind, expiresAt = if_not_exists(expiresAt, :expires)' +
          (failure.messageId ? ', messageId = :messageId' : '') +
          ' REMOVE leaseUntil',
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

  /** Gives back this run's claim (only its own), so the next run sends the email. */
  async release(key: DeliveryKey, runId: string): Promise<void> {
    try {
      await documentClient.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: key,
          ConditionExpression: 'runId = :run AND #state = :sending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':run': runId, ':sending': 'sending' },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
