import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DueKind, DueMarker, OperatorStore, Page, PageRequest } from '../../domain/operators/store';
import { fromItem } from './keys';
import { byOwner, decodeCursor, dueMarkerItem, encodeCursor, operatorKeys } from './operator-items';

/** Sorts after every character of an account id: `<dueAt>#~` bounds every marker due at `dueAt`. */
const afterAnyId = '~';

/** Due markers (verification deadlines 2.3, ends of retention 2.4): one per account and kind, found by due time. */
export class DynamoDbDueMarkers implements Pick<OperatorStore, 'scheduleDue' | 'dueMarkers' | 'clearDue'> {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async scheduleDue(marker: DueMarker): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: dueMarkerItem(marker),
      }),
    );
  }

  async dueMarkers(kind: DueKind, until: string, page: PageRequest): Promise<Page<DueMarker>> {
    const { Items, LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: byOwner,
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :until',
        ExpressionAttributeValues: {
          ':pk': operatorKeys.dueIndex(kind, until, '').gsi1pk,
          ':until': `${until}#${afterAnyId}`,
        },
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor),
      }),
    );
    return {
      items: (Items ?? []).map((item) => fromItem<DueMarker>(item)),
      cursor: encodeCursor(LastEvaluatedKey),
    };
  }

  async clearDue(marker: DueMarker): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: operatorKeys.due(marker.kind, marker.accountId),
          ConditionExpression: 'gsi1sk = :sk',
          ExpressionAttributeValues: {
            ':sk': operatorKeys.dueIndex(marker.kind, marker.dueAt, marker.accountId).gsi1sk,
          },
        }),
      );
    } catch (error) {
      // Moved to another due time meanwhile, or already gone: either way not this marker's to remove.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
