/**
 * 2.3: the verification documents' bucket under `npm start` and in tests; `PORTAL_DOCUMENTS_BUCKET` names the
 * deployed one.
 */
export const documentsBucketName = 'verification-documents';
