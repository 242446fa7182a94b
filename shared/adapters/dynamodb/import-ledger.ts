import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ImportRecord } from '../../schemas/register-import.ts';
import type { Page, PageRequest } from '../../use-cases/ports.ts';
import { documentClient } from './client.ts';
import { queryPage } from './paged-query.ts';

/**
 * Register imports (issue 16), one item each, listed newest first on gsi1 `IMPORTS` (a dozen a
 * year: one partition is plenty). Progress is written every few thousand rows, not per row.
 */
const key = (importId: string) => ({ pk: `IMPORT#${importId}`, sk: 'IMPORT' });
const strip = (item: Record<string, unknown>): ImportRecord => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, kind: _kind, ...record } = item;
  return record as ImportRecord;
};

export class DynamoImportLedger {
  constructor(private readonly tableName: string) {}

  async create(record: ImportRecord): Promise<void> {
    await documentClient.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...key(record.importId),
          kind: 'import',
          gsi1pk: 'IMPORTS',
          gsi1sk: `${record.createdAt}#${record.importId}`,
          ...record,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(importId: string): Promise<ImportRecord | null> {
    const result = await documentClient.send(new GetCommand({ TableName: this.tableName, Key: key(importId) }));
    return result.Item ? strip(result.Item) : null;
  }

  list(request: PageRequest): Promise<Page<ImportRecord>> {
    return queryPage(
      this.tableName,
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :list',
        ExpressionAttributeValues: { ':list': 'IMPORTS' },
        ScanIndexForward: false,
      },
      request,
      strip,
    );
  }

  /** Sets the given fields (status, progress, counts, error, finishedAt) and updatedAt. */
  async update(importId: string, fields: Partial<ImportRecord> & { updatedAt: string }): Promise<void> {
    const names = Object.keys(fields);
    await documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(importId),
        UpdateExpression: `SET ${names.map((name) => `#${name} = :${name}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(names.map((name) => [`#${name}`, name])),
        ExpressionAttributeValues: Object.fromEntries(
          Object.entries(fields).map(([name, value]) => [`:${name}`, value]),
        ),
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  }

  /** Adds a finished shard's rows to rows applied: shards finish in parallel, so an atomic add, not a set. */
  async addApplied(importId: string, rows: number, updatedAt: string): Promise<void> {
    await documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(importId),
        UpdateExpression: 'SET progress.rowsApplied = progress.rowsApplied + :rows, updatedAt = :at',
        ExpressionAttributeValues: { ':rows': rows, ':at': updatedAt },
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  }
}
