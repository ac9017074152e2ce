import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

describe('test harness', () => {
  it('reaches the DynamoDB Local started for the run', async () => {
    const client = new DynamoDBClient({ endpoint: process.env.TEST_DYNAMODB_ENDPOINT });
    await expect(client.send(new ListTablesCommand({}))).resolves.toHaveProperty('TableNames');
  });
});
