import { ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './client.ts';

/**
 * Moves the audit entries written before the audit trail had its own table (items whose sort key
 * begins AUDIT# on the providers table) to the audit table, keys and all, so `GET /providers/{id}/audit`
 * reads them again and no function role can change them any more.
 *
 * Each entry moves in one transaction: put on the audit table if its key is new there, deleted from the
 * providers table if it is still there. A run that stops half way leaves every entry in exactly one
 * table, and running again moves the rest. An operator runs it once after deploying (infra/ops/migrate-audit.ts);
 * it scans the providers table, which no request path does.
 */
export async function migrateLegacyAudit(tables: { providers: string; audit: string }): Promise<{ moved: number }> {
  let moved = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new ScanCommand({
        TableName: tables.providers,
        FilterExpression: 'begins_with(sk, :audit)',
        ExpressionAttributeValues: { ':audit': 'AUDIT#' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      await documentClient.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tables.audit, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Delete: {
                TableName: tables.providers,
                Key: { pk: item.pk, sk: item.sk },
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
          ],
        }),
      );
      moved += 1;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { moved };
}
