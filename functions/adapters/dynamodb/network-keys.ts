import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { MonthKeyStore } from '../keys/network-data-sealer';
import type { SealingMonth } from '../../domain/network-data';
import { keys } from './keys';

/** The month keys of network data (2.4) in the portal table, one item each under one partition. */
export class DynamoDbMonthKeys implements MonthKeyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(month: SealingMonth): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.networkKey(month), ConsistentRead: true }),
    );
    return Item?.wrappedKey as string | undefined;
  }

  /** Written only where none is: two processes starting a month at once both end up with the first one's key. */
  async create(month: SealingMonth, wrapped: string): Promise<string> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.networkKey(month), type: 'network_key', wrappedKey: wrapped },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return wrapped;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const held = await this.find(month);
      if (held === undefined) throw error;
      return held;
    }
  }

  async deleteBefore(month: SealingMonth): Promise<SealingMonth[]> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk < :month',
        ExpressionAttributeValues: { ':pk': keys.networkKeyPartition, ':month': month },
        ProjectionExpression: 'sk',
        ConsistentRead: true,
      }),
    );
    const months = (Items ?? []).map((item) => item.sk as SealingMonth);
    for (const held of months)
      await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: keys.networkKey(held) }));
    return months;
  }
}
