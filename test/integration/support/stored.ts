import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/adapters/dynamodb/client.ts';
import { byName, PROVIDERS_LIST } from '../../../shared/adapters/dynamodb/keys.ts';

/** How many providers of this exact name the providers table holds (read straight from DynamoDB Local). */
export async function storedProvidersNamed(name: string): Promise<number> {
  const result = await documentClient.send(
    new QueryCommand({
      TableName: process.env.PROVIDERS_TABLE,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :list AND begins_with(gsi1sk, :name)',
      ExpressionAttributeValues: { ':list': PROVIDERS_LIST, ':name': byName(name, '') },
      Select: 'COUNT',
    }),
  );
  return result.Count ?? 0;
}
