import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { TestProject } from 'vitest/node';
import { createTables, startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { localEnvironment, tableNamesFor } from '../../infra/local/environment.ts';
import { startLocalEventBus } from '../../infra/local/event-bus.ts';
import { freePort } from '../../infra/local/free-port.ts';
import { startS3Local } from '../../infra/local/s3-local.ts';
import { createEmailTemplates, startSesLocal } from '../../infra/local/ses-local.ts';

/**
 * Starts the real local services once per run, on free ports: DynamoDB Local (in memory), SES
 * local and the local event bus, with the tables, email templates and event rules of
 * shared/definitions. Tests build their own data with unique ids, so every file shares them safely.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    localEnvironment: Record<string, string>;
  }
}

export default async function setup(project: TestProject) {
  const stage = 'test';
  const [dynamodbPort, sesPort, eventsPort] = [await freePort(), await freePort(), await freePort()];
  const [dynamodb, ses] = await Promise.all([startDynamoDbLocal({ port: dynamodbPort }), startSesLocal(sesPort)]);
  // The register import's bucket (issue 16); its uploads run the import function here, in the main process.
  const s3 = await startS3Local(await freePort(), stage);
  const environment = {
    ...localEnvironment({
      stage,
      dynamoDbEndpoint: dynamodb.endpoint,
      sesEndpoint: ses.endpoint,
      eventBusEndpoint: `http://127.0.0.1:${eventsPort}`,
      linkSigningKey: randomBytes(32).toString('base64'),
      publicBaseUrl: 'http://localhost',
    }),
    ...s3.environment,
    POWERTOOLS_LOG_LEVEL: 'WARN',
  };
  // The event bus runs here, in vitest's main process, and invokes rule targets here too: they
  // must see the same local services as the handlers the test workers import.
  Object.assign(process.env, environment);
  const eventBus = await startLocalEventBus(eventsPort, stage);
  const config = { region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  await createTables(new DynamoDBClient({ ...config, endpoint: dynamodb.endpoint }), tableNamesFor(stage));
  await createEmailTemplates(new SESv2Client({ ...config, endpoint: ses.endpoint }), stage);
  project.provide('localEnvironment', environment);
  return async () => {
    // Deliveries still in flight finish first: they may write to DynamoDB or send mail.
    await eventBus.stop();
    await s3.stop();
    await Promise.all([ses.stop(), dynamodb.stop()]);
  };
}
