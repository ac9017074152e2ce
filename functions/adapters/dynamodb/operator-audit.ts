import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditAction } from '../../domain/audit';
import type { OperatorStore } from '../../domain/operators/store';
import { keys } from './keys';
import { operatorKeys, queryAll } from './operator-items';

/** The operators' reads of the audit log: was an operator event applied, did an action happen lately. */
export class DynamoDbOperatorAudit implements Pick<OperatorStore, 'isEventApplied' | 'hasRecentAudit'> {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async isEventApplied(eventId: string): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: operatorKeys.appliedEvent(eventId),
        ProjectionExpression: 'pk',
        ConsistentRead: true,
      }),
    );
    return Item !== undefined;
  }

  async hasRecentAudit(
    accountId: string,
    action: AuditAction,
    detail: string,
    since: string,
  ): Promise<boolean> {
    const items = await queryAll(this.client, this.tableName, {
      KeyConditionExpression: 'pk = :pk AND sk >= :since',
      FilterExpression: '#action = :action AND #detail = :detail',
      ExpressionAttributeNames: { '#action': 'action', '#detail': 'detail' },
      ExpressionAttributeValues: {
        ':pk': keys.auditPartition(accountId),
        ':since': since,
        ':action': action,
        ':detail': detail,
      },
      ProjectionExpression: 'pk',
      ConsistentRead: true,
    });
    return items.length > 0;
  }
}
