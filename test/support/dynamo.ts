import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { ensureTables } from '../../lib/local/tables';
import { idempotencyTable, portalTable } from '../../contract/tables';

export interface TestTables {
  readonly endpoint: string;
  readonly tableName: string;
  readonly idempotencyTableName: string;
  readonly client: DynamoDBDocumentClient;
  /** Every item of the portal table, for before/after comparisons. */
  scan(): Promise<Record<string, unknown>[]>;
}

/** Fresh tables with unique names in the run's DynamoDB Local, built from the same table definitions. */
export const createTestTables = async (): Promise<TestTables> => {
  const endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('TEST_DYNAMODB_ENDPOINT is not set: run the tests with jest (global setup)');
  const suffix = randomUUID().slice(0, 8);
  const tableName = `portal-${suffix}`;
  const idempotencyTableName = `portal-idempotency-${suffix}`;
  const admin = new DynamoDBClient({ endpoint });
  await ensureTables(admin, [
    { definition: portalTable, tableName },
    { definition: idempotencyTable, tableName: idempotencyTableName },
  ]);
  admin.destroy();
  const client = createDocumentClient({ region: 'eu-central-1', endpoint, requestTimeoutMs: 20_000 });
  return {
    endpoint,
    tableName,
    idempotencyTableName,
    client,
    scan: async () =>
      (await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }))).Items ?? [],
  };
};
