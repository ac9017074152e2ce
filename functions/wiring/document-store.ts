import { DynamoDbDocumentStore } from '../adapters/dynamodb/documents';
import type { DocumentStore } from '../domain/verification/documents';
import { config } from '../commons/config';
import { onceUntilFailure } from '../commons/once';
import { documentClient } from './document-client';

/**
 * 2.4: the documents' metadata alone, for a group that only reads it (the cabinet's export), and the store the
 * document wirings share: a module of its own, so the cabinet's bundle carries neither the link signer of
 * document-dependencies.ts nor the S3 client of document-retirement.ts (issue 20).
 */
export const documentStore: () => Promise<DocumentStore> = onceUntilFailure(
  async () => new DynamoDbDocumentStore(documentClient(), config().tableName),
);
