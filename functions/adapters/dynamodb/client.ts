import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A DynamoDB document client that gives up quickly when the store does not answer, so that the API can say
 * 503 with Retry-After instead of hanging until API Gateway's timeout.
 */
export const createDocumentClient = (options: {
  region: string;
  endpoint?: string;
  /** Decorates the low-level client, e.g. to trace its calls (commons/tracing.ts). */
  trace?: (client: DynamoDBClient) => DynamoDBClient;
  /** How long to wait for an answer (3 s): tests on a loaded machine wait longer rather than retry a write. */
  requestTimeoutMs?: number;
}): DynamoDBDocumentClient => {
  const client = new DynamoDBClient({
    region: options.region,
    endpoint: options.endpoint,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: options.requestTimeoutMs ?? 3_000 },
  });
  return DynamoDBDocumentClient.from(options.trace ? options.trace(client) : client, {
    marshallOptions: { removeUndefinedValues: true },
  });
};
