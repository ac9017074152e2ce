/**
 * The DynamoDB tables, declared once: the CDK data stack and the local runtime (DynamoDB Local) both build
 * their tables from these definitions.
 */
export interface GlobalIndexDefinition {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

export interface TableDefinition {
  /** CDK construct id, and the name of the environment variable that carries the deployed table's name. */
  readonly id: string;
  readonly envVar: string;
  /** The table's name under `npm start` and in tests. */
  readonly localName: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  /** Epoch seconds after which DynamoDB may delete the item; readers still check expiry themselves. */
  readonly ttlAttribute: string;
  readonly globalIndexes: readonly GlobalIndexDefinition[];
}

/** Accounts, claims, consents, sessions, codes, audit entries, reports: one table, keys by entity (functions/adapters/dynamodb/keys.ts). */
export const portalTable = {
  id: 'Portal',
  envVar: 'PORTAL_TABLE_NAME',
  localName: 'portal',
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'ttl',
  globalIndexes: [
    { indexName: 'byOwner', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    // Sparse: only events (audit entries, consents) carry its keys, listed by hour and time, so that a scheduled
    // job reads the events of its window, never the table (docs/architecture.md, "Jobs").
    { indexName: 'byEventTime', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const satisfies TableDefinition;

/** 3.4: records of the Powertools idempotency layer (its default key and TTL attribute names). */
export const idempotencyTable = {
  id: 'Idempotency',
  envVar: 'PORTAL_IDEMPOTENCY_TABLE_NAME',
  localName: 'portal-idempotency',
  partitionKey: 'id',
  ttlAttribute: 'expiration',
  globalIndexes: [],
} as const satisfies TableDefinition;

export const tables: readonly TableDefinition[] = [portalTable, idempotencyTable];
