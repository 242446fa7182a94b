import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type BatchGetCommandOutput, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SuppressionList } from '../../use-cases/deliver-emails.ts';
import type { SuppressionWriter } from '../../use-cases/mark-undeliverable.ts';
import { documentClient } from './client.ts';

/**
 * Addresses that bounced for good or complained: nothing more is sent to them. On the providers
 * table as `SUPPRESSED#<address, lower-case>` / `ADDRESS`; read with BatchGetItem, 100 keys a call.
 */
export type Suppression = Parameters<SuppressionWriter['suppress']>[0];

const suppressionKey = (address: string) => ({ pk: `SUPPRESSED#${address.toLowerCase()}`, sk: 'ADDRESS' });
const BATCH_GET_LIMIT = 100;

export class DynamoSuppressionList implements SuppressionList, SuppressionWriter {
  constructor(private readonly tableName: string) {}

  async suppressed(addresses: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let at = 0; at < addresses.length; at += BATCH_GET_LIMIT) {
      let keys: Record<string, unknown>[] | undefined = addresses
        .slice(at, at + BATCH_GET_LIMIT)
        .map((address) => suppressionKey(address));
      while (keys && keys.length > 0) {
        const page: BatchGetCommandOutput = await documentClient.send(
          new BatchGetCommand({
            RequestItems: { [this.tableName]: { Keys: keys, ProjectionExpression: 'address' } },
          }),
        );
        for (const item of page.Responses?.[this.tableName] ?? []) found.add(String(item.address));
        keys = page.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return found;
  }

  /** Adds an address (a repeated event leaves the first entry as it was); says whether its holder was told. */
  async suppress(entry: Suppression): Promise<{ holderToldAt: string | null }> {
    try {
      await documentClient.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...suppressionKey(entry.address),
            kind: 'suppression',
            ...entry,
            address: entry.address.toLowerCase(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { holderToldAt: null };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const told = error.Item?.holderToldAt?.S;
      return { holderToldAt: told ?? null };
    }
  }

  async recordHolderTold(address: string, at: string): Promise<void> {
    await documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: suppressionKey(address),
        UpdateExpression: 'SET holderToldAt = :at',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }
}
