/**
 * 2.3: the verification documents' bucket under `npm start` and in tests; `PORTAL_DOCUMENTS_BUCKET` names the
 * deployed one.
 */
export const documentsBucketName = 'verification-documents';

/** The tag a document's object gets when its demand is resolved; the bucket's lifecycle rule deletes by it. */
export const retentionTag = { key: 'portal-retention', value: 'demand-resolved' } as const;
