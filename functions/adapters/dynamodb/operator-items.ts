import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { portalTable } from '../../../contract/tables';
import type { AccessReport } from '../../domain/accounts/store';
import type { DueKind, DueMarker } from '../../domain/operators/store';

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
  /** 2.6: an operator event's id, claimed by its audit entry: the event is applied once, whatever its time. */
  appliedEvent: (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'APPLIED' }),
  /** Where each state of access report is listed in `byOwner` (the writer puts new reports under `open`). */
  reportsIndex: (status: AccessReport['status']) => `REPORTS#${status}`,
} as const;

/** A due marker as an item: one per account and kind, listed in `byOwner` by due time. */
export const dueMarkerItem = (marker: DueMarker) => ({
  ...operatorKeys.due(marker.kind, marker.accountId),
  ...operatorKeys.dueIndex(marker.kind, marker.dueAt, marker.accountId),
  type: 'due',
  ...marker,
});

export const byOwner = portalTable.globalIndexes[0].indexName;

/** A page's cursor: DynamoDB's LastEvaluatedKey, opaque to the caller. */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key === undefined ? undefined : Buffer.from(JSON.stringify(key)).toString('base64url');

export const decodeCursor = (cursor: string | undefined): Record<string, unknown> | undefined =>
  cursor === undefined
    ? undefined
    : (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>);

/** Every item a Query finds, page after page. */
export const queryAll = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const { Items, LastEvaluatedKey } = await client.send(
      new QueryCommand({ TableName: tableName, ...input, ExclusiveStartKey: start }),
    );
    items.push(...(Items ?? []));
    start = LastEvaluatedKey;
  } while (start !== undefined);
  return items;
};
