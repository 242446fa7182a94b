import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../../use-cases/ports.ts';
import { documentClient } from './client.ts';
import { decodePageToken, encodePageToken } from './page-token.ts';

/** One page of a Query, answered with the API's opaque, signed `nextToken`; `toItem` strips the keys. */
export async function queryPage<T>(
  tableName: string,
  input: Omit<QueryCommandInput, 'TableName'>,
  request: PageRequest,
  toItem: (item: Record<string, unknown>) => T,
): Promise<Page<T>> {
  // The token is signed for this very query: another list's token, or a crafted key, is a 400.
  const scope = { tableName, indexName: input.IndexName, values: input.ExpressionAttributeValues };
  const result = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      Limit: request.limit,
      ExclusiveStartKey: await decodePageToken(request.nextToken, scope),
      ...input,
    }),
  );
  return { items: (result.Items ?? []).map(toItem), nextToken: await encodePageToken(result.LastEvaluatedKey, scope) };
}

/** Every item a Query returns, reading page after page (for questions whose answer is wanted whole). */
export async function queryAll(
  tableName: string,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({ TableName: tableName, ExclusiveStartKey: startKey, ...input }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
