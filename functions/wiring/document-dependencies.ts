import { credentialsFromEnvironment, S3DocumentPresigner } from '../adapters/s3/presigner';
import { randomIds } from '../adapters/random';
import { systemClock } from '../domain/ports';
import type { DocumentDependencies } from '../domain/verification/documents';
import { config, type PortalConfig } from '../commons/config';
import { onceUntilFailure } from '../commons/once';
import { documentStore } from './document-store';
import { documentsBucketOf } from './documents-bucket';

/**
 * 2.3: the documents' store and the signer of their links, without an S3 client: the applicants' uploads and the
 * operators' downloads only need signing (the retention function's S3 client is in document-retirement.ts).
 */
const build = async (cfg: PortalConfig): Promise<DocumentDependencies> => {
  const { bucket, localCredentials } = documentsBucketOf(cfg);
  return {
    documents: await documentStore(),
    presigner: new S3DocumentPresigner(
      bucket,
      localCredentials ? () => localCredentials : credentialsFromEnvironment,
      systemClock,
    ),
    clock: systemClock,
    ids: randomIds,
  };
};

/** The process's document dependencies, built once. */
export const documentDependencies: () => Promise<DocumentDependencies> = onceUntilFailure(() =>
  build(config()),
);
