import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit';
import {
  NoVerificationPending,
  TooManyDocuments,
  type DocumentStatus,
  type DocumentStore,
  type VerificationDocument,
} from '../../domain/verification/documents';
import { auditItem } from './account-items';
import { fromItem, keys } from './keys';
import { transact } from './transact';

/**
 * 2.3: supporting documents in the portal table. A document is added in one transaction that checks the account's
 * demand is still the pending one, counts it against the demand's limit (a counter, never a count read first),
 * and writes the document and its audit entry.
 */
export class DynamoDbDocumentStore implements DocumentStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(document: VerificationDocument, audit: AuditEntry, limit: number): Promise<void> {
    const { accountId, demandRequestedAt } = document;
    await transact(this.client, [
      {
        item: {
          ConditionCheck: {
            TableName: this.tableName,
            Key: keys.account(accountId),
            ConditionExpression:
              'verification.#status = :pending AND verification.requestedAt = :requestedAt',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':pending': 'pending', ':requestedAt': demandRequestedAt },
          },
        },
        onConditionFailed: () => new NoVerificationPending(),
      },
      {
        item: {
          Update: {
            TableName: this.tableName,
            Key: keys.documentCounter(accountId, demandRequestedAt),
            UpdateExpression: 'SET #type = :type ADD documents :one',
            ConditionExpression: 'attribute_not_exists(documents) OR documents < :limit',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ':type': 'document_counter', ':one': 1, ':limit': limit },
          },
        },
        onConditionFailed: () => new TooManyDocuments(),
      },
      {
        item: {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.document(accountId, document.documentId), type: 'document', ...document },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      },
      {
        item: {
          Put: {
            TableName: this.tableName,
            Item: auditItem(audit),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      },
    ]);
  }

  async list(accountId: string): Promise<VerificationDocument[]> {
    const documents: VerificationDocument[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :document)',
          ExpressionAttributeValues: { ':pk': keys.documentPartition(accountId), ':document': 'DOCUMENT#' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      documents.push(...(page.Items ?? []).map((item) => fromItem<VerificationDocument>(item)));
      start = page.LastEvaluatedKey;
    } while (start);
    return documents;
  }

  async recordScan(
    accountId: string,
    documentId: string,
    status: Exclude<DocumentStatus, 'awaiting_upload'>,
    at: string,
  ): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.document(accountId, documentId),
          UpdateExpression: 'SET #status = :status, scannedAt = :at',
          // A rejected document stays rejected: a later clean scan of a replaced object does not undo it.
          ConditionExpression: 'attribute_exists(pk) AND #status <> :rejected',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status, ':at': at, ':rejected': 'rejected' },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
