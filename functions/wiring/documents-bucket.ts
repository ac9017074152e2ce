import type { DocumentsBucket, SigningCredentials } from '../adapters/s3/presigner';
import type { PortalConfig } from '../commons/config';
import { localStorageCredentials } from '../../contract/documents';

/**
 * 2.3: the documents' bucket: the regional bucket in AWS, reached with the function role's credentials; the local
 * S3-compatible server of `npm start` otherwise (path-style addresses, its fixed development credentials).
 */
export const documentsBucketOf = (
  cfg: PortalConfig,
): { bucket: DocumentsBucket; localCredentials?: SigningCredentials } => ({
  bucket: {
    name: cfg.documentsBucket,
    region: cfg.region,
    ...(cfg.s3Endpoint !== undefined && { endpoint: cfg.s3Endpoint }),
  },
  ...(cfg.s3Endpoint !== undefined && { localCredentials: localStorageCredentials }),
});
