import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../adapters/dynamodb/client';
import { config } from '../commons/config';

let client: DynamoDBDocumentClient | undefined;

/**
 * The process's DynamoDB document client for the configured table's region and endpoint: one client
 * (one connection pool) for every store a function builds, and for every group of the local server.
 */
export const documentClient = (): DynamoDBDocumentClient => {
  const { region, dynamoDbEndpoint } = config();
  return (client ??= createDocumentClient({ region, endpoint: dynamoDbEndpoint }));
};
