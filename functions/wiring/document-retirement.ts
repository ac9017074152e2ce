import { S3Client } from '@aws-sdk/client-s3';
import { S3DocumentRetirement } from '../adapters/s3/document-retirement';
import type { RetirementDependencies } from '../domain/verification/documents';
import { config, type PortalConfig } from '../commons/config';
import { onceUntilFailure } from '../commons/once';
import { documentStore } from './document-store';
import { documentsBucketOf } from './documents-bucket';

/** 2.4: the documents' store and the S3 client that starts their retention: the retention function's alone. */
const build = async (cfg: PortalConfig): Promise<RetirementDependencies> => {
  const { bucket, localCredentials } = documentsBucketOf(cfg);
  const client = new S3Client({
    region: bucket.region,
    ...(bucket.endpoint !== undefined && { endpoint: bucket.endpoint, forcePathStyle: true }),
    ...(localCredentials && { credentials: localCredentials }),
  });
  return { documents: await documentStore(), retirement: new S3DocumentRetirement(client, bucket.name) };
};

/** The process's retirement dependencies, built once. */
export const retirementDependencies: () => Promise<RetirementDependencies> = onceUntilFailure(() =>
  build(config()),
);
