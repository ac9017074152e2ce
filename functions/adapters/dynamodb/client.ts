import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A DynamoDB document client that gives up quickly when the store does not answer, so that the API can say
 * 503 with Retry-After instead of hanging until API Gateway's timeout.
 */
export const createDocumentClient = (options: {
  region: string;
  endpoint?: string;
}): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: options.region,
      endpoint: options.endpoint,
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000 },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
