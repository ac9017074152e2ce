import { S3Client } from '@aws-sdk/client-s3';
import { S3DocumentStorage } from '../adapters/s3/document-storage';
import { randomIds } from '../adapters/random';
import { systemClock } from '../domain/ports';
import type { DocumentDependencies } from '../domain/verification/documents';
import { config, type PortalConfig } from '../commons/config';
import { onceUntilFailure } from '../commons/once';
import { documentStore } from './document-store';

/**
 * 2.3: the documents' store and storage: the bucket in AWS, the local S3-compatible server of `npm start`
 * (path-style addresses, its fixed development credentials) otherwise.
 */
const s3ClientOf = (cfg: PortalConfig): S3Client =>
  cfg.s3Endpoint
    ? new S3Client({
        region: cfg.region,
        endpoint: cfg.s3Endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      })
    : new S3Client({ region: cfg.region });

const build = async (cfg: PortalConfig): Promise<DocumentDependencies> => ({
  documents: await documentStore(),
  storage: new S3DocumentStorage(s3ClientOf(cfg), cfg.documentsBucket),
  clock: systemClock,
  ids: randomIds,
});

/** The process's document dependencies, built once. */
export const documentDependencies: () => Promise<DocumentDependencies> = onceUntilFailure(() =>
  build(config()),
);
