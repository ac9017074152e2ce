import { QueryCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Account } from '../../domain/accounts/account';
import type { AccessReport } from '../../domain/accounts/store';
import type { AuditEntry } from '../../domain/audit';
import type {
  ConsentRecord,
  OperatorStore,
  Page,
  PageRequest,
  SweepFilter,
  SweepPage,
  Tally,
} from '../../domain/operators/store';
import { fromItem, ttlOf } from './keys';
import { decodeCursor, encodeCursor, operatorKeys } from './operator-items';

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

/** The filter of a sweep: one part per kind of item it looks for. */
const sweepFilter = (filter: SweepFilter): FilterBuilder => {
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
  return f;
};

/**
 * The reports' and statistics' counting: sweeps over the whole portal table, page by page, and the tallies a
 * sweep adds up as it goes (sets of members under a key, kept until they expire).
 */
export class DynamoDbSweeps implements Pick<OperatorStore, 'sweep' | 'addToTallies' | 'tallies'> {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async sweep(filter: SweepFilter, page: PageRequest): Promise<SweepPage> {
    const f = sweepFilter(filter);
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
}
