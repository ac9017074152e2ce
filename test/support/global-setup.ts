import { startDynamoDbLocal } from '../../lib/local/dynamodb-local';

/** One in-memory DynamoDB Local for the whole test run; each test file creates its own tables. */
export default async function globalSetup(): Promise<void> {
  const dynamo = await startDynamoDbLocal();
  process.env.TEST_DYNAMODB_ENDPOINT = dynamo.endpoint;
  (globalThis as { __dynamo__?: typeof dynamo }).__dynamo__ = dynamo;
}
