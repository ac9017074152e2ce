import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { DynamoDbDocumentStore } from '../../../functions/adapters/dynamodb/documents';
import { keys } from '../../../functions/adapters/dynamodb/keys';
import type { AuditEntry } from '../../../functions/domain/audit';
import {
  NoVerificationPending,
  TooManyDocuments,
  documentLimits,
  type VerificationDocument,
} from '../../../functions/domain/verification/documents';
import { createTestTables, type TestTables } from '../../support/dynamo';

// DynamoDB Local answers slowly on a busy machine.
jest.setTimeout(300_000);

const requestedAt = '2026-12-01T09:00:00.000Z';

describe('Class: DynamoDbDocumentStore against DynamoDB Local (2.3)', () => {
  let tables: TestTables;
  let store: DynamoDbDocumentStore;

  beforeAll(async () => {
    tables = await createTestTables();
    store = new DynamoDbDocumentStore(tables.client, tables.tableName);
  });

  /** An account item whose verification demand is in `status` (only what the store's condition reads). */
  const accountWithDemand = async (status: 'pending' | 'confirmed') => {
    const accountId = randomUUID();
    await tables.client.send(
      new PutCommand({
        TableName: tables.tableName,
        Item: {
          ...keys.account(accountId),
          type: 'account',
          accountId,
          verification: { status, requestedAt },
        },
      }),
    );
    return accountId;
  };

  const document = (accountId: string): VerificationDocument => ({
    documentId: randomUUID(),
    accountId,
    demandRequestedAt: requestedAt,
    fileName: 'passport.pdf',
    contentType: 'application/pdf',
    size: 100,
    status: 'awaiting_upload',
    createdAt: new Date().toISOString(),
  });

  const audit = (accountId: string): AuditEntry => ({
    entryId: randomUUID(),
    accountId,
    at: new Date().toISOString(),
    action: 'verification_document_added',
    result: 'success',
  });

  it('takes at most 5 documents per demand when 8 arrive at once: the others get TooManyDocuments', async () => {
    const accountId = await accountWithDemand('pending');

    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        store.add(document(accountId), audit(accountId), documentLimits.perDemand),
      ),
    );

    const refused = outcomes
      .filter((o) => o.status === 'rejected')
      .map((o) => (o as PromiseRejectedResult).reason);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(documentLimits.perDemand);
    expect(refused.every((error) => error instanceof TooManyDocuments)).toBe(true);
    expect(await store.list(accountId)).toHaveLength(documentLimits.perDemand);
  });

  it('refuses a document once the demand is no longer pending, and writes nothing', async () => {
    const accountId = await accountWithDemand('confirmed');

    await expect(store.add(document(accountId), audit(accountId), 5)).rejects.toBeInstanceOf(
      NoVerificationPending,
    );
    expect(await store.list(accountId)).toEqual([]);
  });

  it('records scan results: received when clean, and a rejected document stays rejected', async () => {
    const accountId = await accountWithDemand('pending');
    const clean = document(accountId);
    const infected = document(accountId);
    await store.add(clean, audit(accountId), 5);
    await store.add(infected, audit(accountId), 5);

    const results = [
      await store.recordScan(accountId, clean.documentId, 'received', '2026-12-01T10:00:00.000Z'),
      await store.recordScan(accountId, infected.documentId, 'rejected', '2026-12-01T10:00:00.000Z'),
      await store.recordScan(accountId, infected.documentId, 'received', '2026-12-01T10:05:00.000Z'),
      await store.recordScan(accountId, randomUUID(), 'received', '2026-12-01T10:05:00.000Z'),
    ];

    expect(results).toEqual([true, true, false, false]);
    const statuses = Object.fromEntries((await store.list(accountId)).map((d) => [d.documentId, d.status]));
    expect(statuses).toEqual({ [clean.documentId]: 'received', [infected.documentId]: 'rejected' });
  });
});
