import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit';
import type {
  ConsentRecord,
  EventPage,
  EventQuery,
  OperatorStore,
  Page,
  PageRequest,
  Tally,
} from '../../domain/operators/store';
import { byEventTime, eventHours, lastInstantOf } from './event-index';
import { fromItem, ttlOf } from './keys';
import type { SealedOrigins } from './network-data';
import { decodeCursor, encodeCursor, operatorKeys } from './operator-items';

/** Where a reading of a window's events goes on: the hour partition, and the last key read in it. */
interface EventCursor {
  readonly hour: number;
  readonly key?: Record<string, unknown>;
}

/** The filter of an event query: the audit actions asked for, and consents when asked for. */
const eventFilter = (query: EventQuery) => {
  const actions = Object.fromEntries(query.actions.map((action, i) => [`:a${i}`, action]));
  const parts = [
    ...(query.actions.length > 0
      ? [`(#type = :audit AND #action IN (${Object.keys(actions).join(', ')}))`]
      : []),
    ...(query.consents ? ['#type = :consent'] : []),
  ];
  if (parts.length === 0) throw new RangeError('An event query needs at least one kind of event');
  return {
    FilterExpression: parts.join(' OR '),
    ExpressionAttributeNames: { '#type': 'type', ...(query.actions.length > 0 && { '#action': 'action' }) },
    values: {
      ...(query.actions.length > 0 && { ':audit': 'audit', ...actions }),
      ...(query.consents && { ':consent': 'consent' }),
    },
  };
};

/**
 * The jobs' reading of events and their tallies. Events come from the sparse event index (event-index.ts), one
 * hour partition after another: what a page reads is the window's events, never the rest of the table. Tallies
 * are sets of members under a key, added up as a sweep goes and kept until they expire.
 */
export class DynamoDbSweeps implements Pick<OperatorStore, 'events' | 'addToTallies' | 'tallies'> {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly origins: SealedOrigins,
  ) {}

  async events(query: EventQuery, page: PageRequest): Promise<EventPage> {
    const hours = eventHours(query);
    const filter = eventFilter(query);
    const items: Record<string, unknown>[] = [];
    let at = (decodeCursor(page.cursor) as EventCursor | undefined) ?? { hour: 0 };
    let read = 0;
    // An hour with nothing in the window costs one Query that reads nothing; the page goes on to the next.
    while (at.hour < hours.length && read < page.limit) {
      const { Items, LastEvaluatedKey, ScannedCount } = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: byEventTime,
          KeyConditionExpression: 'gsi2pk = :hour AND gsi2sk BETWEEN :from AND :last',
          FilterExpression: filter.FilterExpression,
          ExpressionAttributeNames: filter.ExpressionAttributeNames,
          ExpressionAttributeValues: {
            ':hour': hours[at.hour],
            ':from': query.from,
            ':last': lastInstantOf(query),
            ...filter.values,
          },
          Limit: page.limit - read,
          ExclusiveStartKey: at.key,
        }),
      );
      items.push(...(Items ?? []));
      read += ScannedCount ?? 0;
      at = LastEvaluatedKey ? { hour: at.hour, key: LastEvaluatedKey } : { hour: at.hour + 1 };
    }
    const ofType = <T>(type: string) =>
      items.filter((item) => item.type === type).map((item) => fromItem<T>(item));
    return {
      audit: await this.origins.open(ofType<AuditEntry>('audit')),
      consents: ofType<ConsentRecord>('consent'),
      cursor: at.hour < hours.length ? encodeCursor({ ...at }) : undefined,
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
