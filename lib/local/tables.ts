import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '../../contract/tables';

/** The CreateTable request for a table definition: the same keys, indexes and billing as the CDK table. */
export const createTableInput = (definition: TableDefinition, tableName: string): CreateTableCommandInput => {
  const keyNames = [
    definition.partitionKey,
    ...(definition.sortKey ? [definition.sortKey] : []),
    ...definition.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...new Set(keyNames)].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: definition.partitionKey, KeyType: 'HASH' },
      ...(definition.sortKey ? [{ AttributeName: definition.sortKey, KeyType: 'RANGE' as const }] : []),
    ],
    ...(definition.globalIndexes.length > 0
      ? { GlobalSecondaryIndexes: definition.globalIndexes.map(globalIndexInput) }
      : {}),
  };
};

const globalIndexInput = (index: TableDefinition['globalIndexes'][number]) => ({
  IndexName: index.indexName,
  KeySchema: [
    { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
});

/**
 * A data directory made before an index was added to the definition: the index is created on the existing table
 * (as a CloudFormation update adds it in AWS). Items written before carry no keys of it and stay out of it.
 */
const addMissingIndexes = async (
  client: DynamoDBClient,
  definition: TableDefinition,
  tableName: string,
): Promise<void> => {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of definition.globalIndexes.filter((i) => !present.has(i.indexName))) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [index.partitionKey, index.sortKey].map((name) => ({
          AttributeName: name,
          AttributeType: 'S',
        })),
        GlobalSecondaryIndexUpdates: [{ Create: globalIndexInput(index) }],
      }),
    );
  }
};

/**
 * Creates each missing table with its TTL; existing tables (a restart on the same data, or another tool that
 * created them at the same moment) are left as they are, but for indexes added to the definition since.
 */
export const ensureTables = async (
  client: DynamoDBClient,
  definitions: readonly { definition: TableDefinition; tableName: string }[],
): Promise<string[]> => {
  const created: string[] = [];
  for (const { definition, tableName } of definitions) {
    try {
      await client.send(new CreateTableCommand(createTableInput(definition, tableName)));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
      await addMissingIndexes(client, definition, tableName);
      continue;
    }
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: definition.ttlAttribute, Enabled: true },
      }),
    );
    created.push(tableName);
  }
  return created;
};
