import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { TestProject } from 'vitest/node';
import { createTables, startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { localEnvironment, tableNamesFor } from '../../infra/local/environment.ts';
import { freePort } from '../../infra/local/free-port.ts';
import { createEmailTemplates, startSesLocal } from '../../infra/local/ses-local.ts';

/**
 * Starts the real local services once per run, on free ports: DynamoDB Local (in memory) and SES
 * local, with the tables and email templates of shared/definitions. Tests build their own data
 * with unique ids, so every file shares them safely.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    localEnvironment: Record<string, string>;
  }
}

export default async function setup(project: TestProject) {
  const stage = 'test';
  const [dynamodbPort, sesPort] = [await freePort(), await freePort()];
  const [dynamodb, ses] = await Promise.all([startDynamoDbLocal({ port: dynamodbPort }), startSesLocal(sesPort)]);
  const environment = localEnvironment({ stage, dynamoDbEndpoint: dynamodb.endpoint, sesEndpoint: ses.endpoint });
  const config = { region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  await createTables(new DynamoDBClient({ ...config, endpoint: dynamodb.endpoint }), tableNamesFor(stage));
  await createEmailTemplates(new SESv2Client({ ...config, endpoint: ses.endpoint }), stage);
  project.provide('localEnvironment', { ...environment, POWERTOOLS_LOG_LEVEL: 'WARN' });
  return async () => {
    await Promise.all([ses.stop(), dynamodb.stop()]);
  };
}
