import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { portalTable } from '../../../contract/tables';
import type { Account } from '../../domain/accounts/account';
import type { AccessReport } from '../../domain/accounts/store';
import type { AuditAction, AuditEntry } from '../../domain/audit';
import { ConcurrentUpdate } from '../../domain/errors';
import { CommandRefused, EventAlreadyApplied } from '../../domain/operators/errors';
import type {
  AuditMarker,
  ConsentRecord,
  DueKind,
  DueMarker,
  OperatorStore,
  Page,
  PageRequest,
  StoredJobState,
  SweepFilter,
  SweepPage,
  Tally,
} from '../../domain/operators/store';
import { fromItem, keys, ttlOf } from './keys';

/**
 * The operators' items of the portal table, beside the entities of keys.ts. Due markers are the only items in
 * the `byOwner` index under `DUE#<kind>`, ordered by due time, so a job finds what is due with one Query.
 */
export const operatorKeys = {
  due: (kind: DueKind, accountId: string) => ({ pk: `DUE#${kind}#${accountId}`, sk: 'DUE' }),
  dueIndex: (kind: DueKind, dueAt: string, accountId: string) => ({
    gsi1pk: `DUE#${kind}`,
    gsi1sk: `${dueAt}#${accountId}`,
  }),
  tallyPartition: (sweepId: string) => `TALLY#${sweepId}`,
  jobState: (job: string) => ({ pk: `JOB#${job}`, sk: 'STATE' }),
  /** Where each state of access report is listed in `byOwner` (the writer puts new reports under `open`). */
  reportsIndex: (status: AccessReport['status']) => `REPORTS#${status}`,
} as const;

const byOwner = portalTable.globalIndexes[0].indexName;

/** Sorts after every character of an account id: `<dueAt>#~` bounds every marker due at `dueAt`. */
const afterAnyId = '~';

const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key === undefined ? undefined : Buffer.from(JSON.stringify(key)).toString('base64url');

const decodeCursor = (cursor: string | undefined): Record<string, unknown> | undefined =>
  cursor === undefined
    ? undefined
    : (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>);

/** Builds one filter expression from named parts, with its attribute names and values. */
class FilterBuilder {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  readonly parts: string[] = [];

  name(attribute: string): string {
    this.names[`#${attribute}`] = attribute;
    return `#${attribute}`;
  }

  value(value: unknown): string {
    const placeholder = `:v${Object.keys(this.values).length}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  within(attribute: string, window: { from: string; to: string }): string {
    const name = this.name(attribute);
    return `${name} >= ${this.value(window.from)} AND ${name} < ${this.value(window.to)}`;
  }

  ofType(type: string, condition: string): void {
    this.parts.push(`(${this.name('type')} = ${this.value(type)} AND ${condition})`);
  }
}

/**
 * The OperatorStore on the portal table. Account changes are not here: they go through DynamoDbAccountStore's
 * commit. SDK exceptions become domain errors with the original as `cause`.
 */
export class DynamoDbOperatorStore implements OperatorStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private async queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>) {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const { Items, LastEvaluatedKey } = await this.client.send(
        new QueryCommand({ TableName: this.tableName, ...input, ExclusiveStartKey: start }),
      );
      items.push(...(Items ?? []));
      start = LastEvaluatedKey;
    } while (start !== undefined);
    return items;
  }

  async hasAuditEntry(marker: AuditMarker): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.audit(marker.accountId, marker.at, marker.entryId),
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
    const items = await this.queryAll({
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

  private reportItems(accountId: string, filter?: { reportId: string }) {
    return this.queryAll({
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
    return item ? fromItem<AccessReport>(item) : undefined;
  }

  async resolveReport(
    report: AccessReport,
    resolution: { resolvedAt: string; resolvedBy: string },
    audit: AuditEntry,
  ): Promise<void> {
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
            {
              Put: {
                TableName: this.tableName,
                // The audit item as the accounts' store writes it (type tag, the entry's fields).
                Item: { ...keys.audit(audit.accountId, audit.at, audit.entryId), type: 'audit', ...audit },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [reportReason, auditReason] = error.CancellationReasons ?? [];
      if (auditReason?.Code === 'ConditionalCheckFailed') throw new EventAlreadyApplied(error);
      if (reportReason?.Code === 'ConditionalCheckFailed')
        throw new CommandRefused('report_already_resolved', error);
      throw error;
    }
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

  async scheduleDue(marker: DueMarker): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...operatorKeys.due(marker.kind, marker.accountId),
          ...operatorKeys.dueIndex(marker.kind, marker.dueAt, marker.accountId),
          type: 'due',
          ...marker,
        },
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

  async sweep(filter: SweepFilter, page: PageRequest): Promise<SweepPage> {
    const f = new FilterBuilder();
    if (filter.audit) {
      const actions = filter.audit.actions.map((action) => f.value(action)).join(', ');
      f.ofType('audit', `${f.within('at', filter.audit)} AND ${f.name('action')} IN (${actions})`);
    }
    if (filter.consents) f.ofType('consent', f.within('acceptedAt', filter.consents));
    if (filter.reports) f.ofType('access_report', f.within('reportedAt', filter.reports));
    if (filter.accountsWithSessions !== undefined)
      f.ofType('account', `size(${f.name('sessions')}) >= ${f.value(filter.accountsWithSessions)}`);
    if (f.parts.length === 0) throw new RangeError('A sweep needs at least one kind of item to look for');
    const { Items, LastEvaluatedKey } = await this.client.send(
      new ScanCommand({
        TableName: this.tableName,
        FilterExpression: f.parts.join(' OR '),
        ExpressionAttributeNames: f.names,
        ExpressionAttributeValues: f.values,
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor),
      }),
    );
    const ofType = <T>(type: string) =>
      (Items ?? []).filter((item) => item.type === type).map((item) => fromItem<T>(item));
    return {
      audit: ofType<AuditEntry>('audit'),
      consents: ofType<ConsentRecord>('consent'),
      reports: ofType<AccessReport>('access_report'),
      accounts: ofType<Account>('account'),
      cursor: encodeCursor(LastEvaluatedKey),
    };
  }

  async addToTallies(sweepId: string, tallies: readonly Tally[], expiresAt: string): Promise<void> {
    await Promise.all(
      tallies
        .filter((tally) => tally.members.length > 0)
        .map((tally) =>
          this.client.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { pk: operatorKeys.tallyPartition(sweepId), sk: tally.key },
              UpdateExpression: 'ADD members :members SET #type = :type, #ttl = :ttl',
              ExpressionAttributeNames: { '#type': 'type', '#ttl': 'ttl' },
              ExpressionAttributeValues: {
                ':members': new Set(tally.members),
                ':type': 'tally',
                ':ttl': ttlOf(expiresAt),
              },
            }),
          ),
        ),
    );
  }

  async tallies(sweepId: string, page: PageRequest): Promise<Page<Tally>> {
    const { Items, LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': operatorKeys.tallyPartition(sweepId) },
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor),
        ConsistentRead: true,
      }),
    );
    return {
      items: (Items ?? []).map((item) => ({
        key: item.sk as string,
        members: [...(item.members as Set<string>)],
      })),
      cursor: encodeCursor(LastEvaluatedKey),
    };
  }

  async loadJobState<S>(job: string): Promise<StoredJobState<S> | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: operatorKeys.jobState(job), ConsistentRead: true }),
    );
    return Item ? { state: Item.state as S, version: Item.version as number } : undefined;
  }

  async saveJobState<S>(job: string, state: S, expectedVersion: number | undefined): Promise<number> {
    const version = (expectedVersion ?? 0) + 1;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...operatorKeys.jobState(job), type: 'job_state', version, state },
          ...(expectedVersion === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': expectedVersion },
              }),
        }),
      );
      return version;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ConcurrentUpdate(error);
      throw error;
    }
  }
}
