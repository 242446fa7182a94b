import { ENV } from '../../shared/config/env.ts';
import type { TableId } from '../../shared/definitions/tables.ts';
import { LOCAL_CLIENT_ID, LOCAL_ISSUER } from './local-issuer.ts';

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
  sessions: `${stage}-sessions`,
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
    // The local twin may run jobs as later days (npm run schedule -- daily --on 2027-04-01); AWS may not.
    [ENV.futureRuns]: 'allowed',
    ...(options.linkSigningKey ? { [ENV.linkSigningKey]: options.linkSigningKey } : {}),
    ...(options.publicBaseUrl ? { [ENV.publicBaseUrl]: options.publicBaseUrl } : {}),
    [ENV.providersTable]: tables.providers,
    [ENV.meetingsTable]: tables.meetings,
    [ENV.sessionsTable]: tables.sessions,
    // The workspace signs in against the local issuer, mounted on the local API's own origin (issue 15).
    [ENV.workspaceIssuer]: LOCAL_ISSUER,
    [ENV.workspaceClientId]: LOCAL_CLIENT_ID,
    [ENV.auditTable]: tables.audit,
    [ENV.eventBusName]: eventBusNameFor(options.stage),
    [ENV.senderAddress]: 'engagement@regulator.localhost',
    [ENV.sesConfigurationSet]: `${options.stage}-engagement`,
  };
}
