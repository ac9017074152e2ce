import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../adapters/dynamodb/client';
import { config } from '../commons/config';
import { traced } from '../commons/tracing';

let client: DynamoDBDocumentClient | undefined;

/**
 * The process's DynamoDB document client for the configured table's region and endpoint, traced: one client
 * (one connection pool) for every store a function builds, and for every group of the local server.
 */
export const documentClient = (): DynamoDBDocumentClient => {
  const { region, dynamoDbEndpoint } = config();
  return (client ??= createDocumentClient({ region, endpoint: dynamoDbEndpoint, trace: traced }));
};
