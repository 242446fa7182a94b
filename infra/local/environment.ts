import { ENV } from '../../shared/config/env.ts';
import type { TableId } from '../../shared/definitions/tables.ts';

export const LOCAL_REGION = 'eu-west-2';
export const LOCAL_ACCOUNT_ID = '000000000000';

/** Where tools that start no event bus (token, bench) point the SDK: a closed port, never AWS. */
const NO_EVENT_BUS = 'http://127.0.0.1:9';

export const eventBusNameFor = (stage: string): string => `${stage}-events`;

/**
 * The environment the functions see locally: the same ENV contract the stack sets in AWS, with
 * the SDK pointed at DynamoDB Local, SES local and the local event bus through its own endpoint
 * variables.
 */
export const tableNamesFor = (stage: string): Record<TableId, string> => ({
  providers: `${stage}-providers`,
  meetings: `${stage}-meetings`,
  audit: `${stage}-audit`,
});

export function localEnvironment(options: {
  stage: string;
  dynamoDbEndpoint: string;
  sesEndpoint: string;
  /** The local event bus (infra/local/event-bus.ts); the SDK reads AWS_ENDPOINT_URL_EVENTBRIDGE itself. */
  eventBusEndpoint?: string;
  /** Base64; provider links are signed with it. Only functions that make or check links need one. */
  linkSigningKey?: string;
  /** Where provider links point (the local API's origin). */
  publicBaseUrl?: string;
}): Record<string, string> {
  const tables = tableNamesFor(options.stage);
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: options.dynamoDbEndpoint,
    AWS_ENDPOINT_URL_SESV2: options.sesEndpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: options.eventBusEndpoint ?? NO_EVENT_BUS,
    POWERTOOLS_SERVICE_NAME: 'provider-engagement',
    [ENV.stage]: options.stage,
    ...(options.linkSigningKey ? { [ENV.linkSigningKey]: options.linkSigningKey } : {}),
    ...(options.publicBaseUrl ? { [ENV.publicBaseUrl]: options.publicBaseUrl } : {}),
    [ENV.providersTable]: tables.providers,
    [ENV.meetingsTable]: tables.meetings,
    [ENV.auditTable]: tables.audit,
    [ENV.eventBusName]: eventBusNameFor(options.stage),
    [ENV.senderAddress]: 'engagement@regulator.localhost',
    [ENV.sesConfigurationSet]: `${options.stage}-engagement`,
  };
}
