import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../adapters/dynamodb/client';
import { config } from '../commons/config';

let client: DynamoDBDocumentClient | undefined;

/**
 * DynamoDB Local (an endpoint is configured only there) on a busy machine takes seconds to answer: after 3 s the
 * client would send again a write it is still applying, and a third time, adding to its load (`npm run load`
 * measured single calls over 3 s, issue 20). It gets as long as the test clients do.
 */
const localRequestTimeoutMs = 20_000;

/**
 * The process's DynamoDB document client for the configured table's region and endpoint: one client
 * (one connection pool) for every store a function builds, and for every group of the local server.
 */
export const documentClient = (): DynamoDBDocumentClient => {
  const { region, dynamoDbEndpoint } = config();
  return (client ??= createDocumentClient({
    region,
    endpoint: dynamoDbEndpoint,
    ...(dynamoDbEndpoint !== undefined && { requestTimeoutMs: localRequestTimeoutMs }),
  }));
};
