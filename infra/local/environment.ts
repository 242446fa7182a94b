import { ENV } from '../../shared/config/env.ts';
import type { TableId } from '../../shared/definitions/tables.ts';

/**
 * The environment the functions see locally: the same ENV contract the stack sets in AWS, with
 * the SDK pointed at DynamoDB Local and SES local through its own endpoint variables.
 */
export const tableNamesFor = (stage: string): Record<TableId, string> => ({
  providers: `${stage}-providers`,
  meetings: `${stage}-meetings`,
});

export function localEnvironment(options: {
  stage: string;
  dynamoDbEndpoint: string;
  sesEndpoint: string;
}): Record<string, string> {
  const tables = tableNamesFor(options.stage);
  return {
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: options.dynamoDbEndpoint,
    AWS_ENDPOINT_URL_SESV2: options.sesEndpoint,
    POWERTOOLS_SERVICE_NAME: 'provider-engagement',
    [ENV.stage]: options.stage,
    [ENV.providersTable]: tables.providers,
    [ENV.meetingsTable]: tables.meetings,
    [ENV.eventBusName]: `${options.stage}-events`,
    [ENV.senderAddress]: 'engagement@regulator.localhost',
    [ENV.sesConfigurationSet]: `${options.stage}-engagement`,
  };
}
