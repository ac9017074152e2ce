import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { countCalls } from '../service-calls';

/**
 * A DynamoDB document client that gives up quickly when the store does not answer, so that the API can say
 * 503 with Retry-After instead of hanging until API Gateway's timeout. Its calls count toward the invocation's
 * log line (service-calls.ts).
 */
export const createDocumentClient = (options: {
  region: string;
  endpoint?: string;
  /** How long to wait for an answer (3 s): tests on a loaded machine wait longer rather than retry a write. */
  requestTimeoutMs?: number;
}): DynamoDBDocumentClient => {
  const client = countCalls(
    'dynamodb',
    new DynamoDBClient({
      region: options.region,
      endpoint: options.endpoint,
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 1_000, requestTimeout: options.requestTimeoutMs ?? 3_000 },
    }),
  );
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
};
