import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { documentClient } from './client.ts';

/** Health probe: the table exists and answers. */
export const tableProbe = (tableName: string) => async (): Promise<void> => {
  const result = await documentClient.send(new DescribeTableCommand({ TableName: tableName }));
  if (result.Table?.TableStatus !== 'ACTIVE') throw new Error(`table ${result.Table?.TableStatus ?? 'missing'}`);
};
