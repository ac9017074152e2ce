import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { AccessReport } from '../../domain/accounts/store';
import type { AuditEntry } from '../../domain/audit';
import { CommandRefused } from '../../domain/operators/errors';
import type { OperatorStore, Page, PageRequest } from '../../domain/operators/store';
import { auditEntryItems } from './account-items';
import { fromItem, keys } from './keys';
import type { SealedOrigins } from './network-data';
import { byOwner, decodeCursor, encodeCursor, operatorKeys, queryAll } from './operator-items';

/** The operators' side of access reports (2.6, 2.7): finding one, resolving it, erasing descriptions (2.4). */
export class DynamoDbOperatorReports implements Pick<
  OperatorStore,
  'findReport' | 'resolveReport' | 'eraseReportDescriptions' | 'openReports'
> {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly origins: SealedOrigins,
  ) {}

  private reportItems(accountId: string, filter?: { reportId: string }) {
    return queryAll(this.client, this.tableName, {
      KeyConditionExpression: 'pk = :pk',
      ...(filter && { FilterExpression: 'reportId = :reportId' }),
      ExpressionAttributeValues: {
        ':pk': keys.reportPartition(accountId),
        ...(filter && { ':reportId': filter.reportId }),
      },
      ConsistentRead: true,
    });
  }

  async findReport(accountId: string, reportId: string): Promise<AccessReport | undefined> {
    const [item] = await this.reportItems(accountId, { reportId });
    if (!item) return undefined;
    const [report] = await this.origins.open([fromItem<AccessReport>(item)]);
    return report;
  }

  async resolveReport(
    report: AccessReport,
    resolution: { resolvedAt: string; resolvedBy: string },
    audit: AuditEntry,
  ): Promise<void> {
    const auditItems = auditEntryItems(this.tableName, audit);
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.report(report.accountId, report.reportedAt, report.reportId),
                UpdateExpression:
                  'SET #status = :resolved, resolvedAt = :resolvedAt, resolvedBy = :resolvedBy, gsi1pk = :index',
                ConditionExpression: '#status = :open',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':resolved': 'resolved',
                  ':open': 'open',
                  ':resolvedAt': resolution.resolvedAt,
                  ':resolvedBy': resolution.resolvedBy,
                  ':index': operatorKeys.reportsIndex('resolved'),
                },
              },
            },
            // The audit items as the accounts' store writes them (the event id claimed with the entry).
            ...auditItems.map((guarded) => guarded.item),
          ],
        }),
      );
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [reportReason, ...auditReasons] = error.CancellationReasons ?? [];
      const auditFailed = auditReasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
      const auditError = auditFailed >= 0 ? auditItems[auditFailed]?.onConditionFailed?.() : undefined;
      if (auditError) throw Object.assign(auditError, { cause: error });
      if (reportReason?.Code === 'ConditionalCheckFailed')
        throw new CommandRefused('report_already_resolved', error);
      throw error;
    }
  }

  /** Open reports are listed in `byOwner` under `REPORTS#open` by the time they were made. */
  async openReports(page: PageRequest): Promise<Page<AccessReport>> {
    const { Items, LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: byOwner,
        KeyConditionExpression: 'gsi1pk = :open',
        ExpressionAttributeValues: { ':open': operatorKeys.reportsIndex('open') },
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor),
      }),
    );
    return {
      items: (Items ?? []).map((item) => fromItem<AccessReport>(item)),
      cursor: encodeCursor(LastEvaluatedKey),
    };
  }

  async eraseReportDescriptions(accountId: string): Promise<number> {
    const described = (await this.reportItems(accountId)).filter((item) => item.description !== undefined);
    for (const item of described) {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: 'REMOVE description',
        }),
      );
    }
    return described.length;
  }
}
