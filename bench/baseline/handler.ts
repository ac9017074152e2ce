import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/**
 * The bench's baseline Lambda: a bare handler that does one GetItem with the same AWS SDK clients as the portal
 * (client-dynamodb under lib-dynamodb's document client), bound once at module load. Every function's bundle size
 * and cold initialization are compared with this one's.
 */
const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: process.env.AWS_REGION, endpoint: process.env.PORTAL_DYNAMODB_ENDPOINT }),
);
const tableName = process.env.PORTAL_TABLE_NAME ?? 'portal';

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const { Item } = await client.send(
    new GetCommand({
      TableName: tableName,
      Key: { pk: `ACCOUNT#${event.pathParameters?.accountId ?? ''}`, sk: 'PROFILE' },
      ConsistentRead: true,
    }),
  );
  return {
    statusCode: Item ? 200 : 404,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(Item ?? {}),
  };
};
