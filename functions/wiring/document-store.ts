import { DynamoDbDocumentStore } from '../adapters/dynamodb/documents';
import type { DocumentStore } from '../domain/verification/documents';
import { config } from '../commons/config';
import { onceUntilFailure } from '../commons/once';
import { documentClient } from './document-client';

/**
 * 2.4: the documents' metadata alone, for a group that only reads it (the cabinet's export). A module of its own,
 * without the S3 client of document-dependencies.ts: the cabinet's bundle would otherwise carry it (125 KiB,
 * issue 20).
 */
export const documentStore: () => Promise<DocumentStore> = onceUntilFailure(
  async () => new DynamoDbDocumentStore(documentClient(), config().tableName),
);
