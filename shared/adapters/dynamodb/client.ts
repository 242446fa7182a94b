import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * One DocumentClient per container. Locally the endpoint comes from AWS_ENDPOINT_URL_DYNAMODB,
 * which the SDK reads itself, so this code is the same in AWS and on DynamoDB Local.
 */
export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
