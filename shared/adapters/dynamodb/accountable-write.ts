import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit.ts';
import { ConflictError, type DomainError } from '../../domain/errors.ts';
import { documentClient } from './client.ts';
import { auditPartition, auditSortKey, teamKey } from './keys.ts';

/**
 * The shared write path: every change to stored state goes through `commitWithAudit`, which
 * writes the change and its audit entries in one DynamoDB transaction. Either all of it is
 * stored or none of it, so no change is ever without its "who, what, when".
 *
 * The entries go to the audit table, which is append-only: function roles may only PutItem there
 * (a transaction's Put is authorised as PutItem:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html), and each
 * Put is conditional on its key being new, so no entry already written is ever replaced.
 */
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface Condition {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
  /** The error the caller sees when the condition fails (a duplicate, a stale version, a missing parent). */
  onFailure: () => DomainError;
}

export type WriteOperation =
  | { kind: 'put'; tableName: string; item: Record<string, unknown>; condition?: Condition }
  | {
      kind: 'update';
      tableName: string;
      key: Record<string, string>;
      update: string;
      names?: Record<string, string>;
      values?: Record<string, unknown>;
      condition?: Condition;
    }
  | { kind: 'delete'; tableName: string; key: Record<string, string>; condition?: Condition }
  | { kind: 'check'; tableName: string; key: Record<string, string>; condition: Condition };

/** DynamoDB's limit on items in one transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

export function auditItem(entry: AuditEntry): Record<string, unknown> {
  const scope = entry.providerId ? { providerId: entry.providerId } : { staffId: entry.entityId };
  // A team's own changes live beside the team (R-TEAM-1), not in a staff partition of the same id.
  const pk = !entry.providerId && entry.entityType === 'team' ? teamKey(entry.entityId).pk : auditPartition(scope);
  return { pk, sk: auditSortKey(entry.at, entry.auditId), kind: 'audit', ...entry };
}

function toTransactItem(operation: WriteOperation): TransactItem {
  const names = { ...(operation.kind === 'update' ? operation.names : {}), ...operation.condition?.names };
  const values = { ...(operation.kind === 'update' ? operation.values : {}), ...operation.condition?.values };
  const expressions = {
    ...(operation.condition ? { ConditionExpression: operation.condition.expression } : {}),
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
  switch (operation.kind) {
    case 'put':
      return { Put: { TableName: operation.tableName, Item: operation.item, ...expressions } };
    case 'update':
      return {
        Update: {
          TableName: operation.tableName,
          Key: operation.key,
          UpdateExpression: operation.update,
          ...expressions,
        },
      };
    case 'delete':
      return { Delete: { TableName: operation.tableName, Key: operation.key, ...expressions } };
    case 'check':
      return {
        ConditionCheck: {
          TableName: operation.tableName,
          Key: operation.key,
          ConditionExpression: operation.condition.expression,
          ...expressions,
        },
      };
  }
}

/**
 * One audit entry put on the append-only trail, only if its key is new: no function may change or
 * replace an entry (issue 12 item 15). `item` gives the stored form where the entry belongs to neither
 * a provider nor a member of staff (a register list's).
 */
export function auditPut(
  auditTableName: string,
  entry: AuditEntry,
  item: Record<string, unknown> = auditItem(entry),
): WriteOperation {
  return {
    kind: 'put',
    tableName: auditTableName,
    item,
    condition: {
      expression: 'attribute_not_exists(pk)',
      onFailure: () => new ConflictError(`Audit entry ${entry.auditId} was already written`),
    },
  };
}

export async function commitWithAudit(
  auditTableName: string,
  operations: readonly WriteOperation[],
  audit: readonly AuditEntry[],
): Promise<void> {
  const auditPuts = audit.map((entry) => auditPut(auditTableName, entry));
  const all = [...operations, ...auditPuts];
  if (all.length > MAX_TRANSACTION_ITEMS) {
    throw new RangeError(`A change of ${all.length} items exceeds one transaction (${MAX_TRANSACTION_ITEMS})`);
  }
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: all.map(toTransactItem) }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const failed = error.CancellationReasons?.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
      const condition = failed !== undefined && failed >= 0 ? all[failed]?.condition : undefined;
      if (condition) throw condition.onFailure();
    }
    throw error;
  }
}
