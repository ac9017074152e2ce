/**
 * 2.3: the verification documents' bucket under `npm start` and in tests; `PORTAL_DOCUMENTS_BUCKET` names the
 * deployed one.
 */
export const documentsBucketName = 'verification-documents';

/** The tag a document's object gets when its demand is resolved; the bucket's lifecycle rule deletes by it. */
export const retentionTag = { key: 'portal-retention', value: 'demand-resolved' } as const;

/**
 * The fixed development credentials of the local S3-compatible server (s3rver) that `npm start` runs: the server
 * accepts only these, and the functions sign with them when `PORTAL_S3_ENDPOINT` points at it. Never used in AWS.
 */
export const localStorageCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
