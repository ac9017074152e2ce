import { route } from '../route-definition';
import { documentUploadSchema } from '../schemas/verification-documents';

/** The `verification-documents` group's routes (one Lambda function): declared here, assembled in `contract/routes.ts`. */
export const verificationDocumentsRoutes = [
  route({
    method: 'POST',
    path: '/v1/me/verification-documents',
    group: 'verification-documents',
    operation: 'requestDocumentUpload',
    access: 'session',
    body: documentUploadSchema,
    idempotent: true,
    summary: 'A supporting document for the pending verification demand (2.3): a presigned upload, 5 at most',
  }),
  route({
    method: 'GET',
    path: '/v1/me/verification-documents',
    group: 'verification-documents',
    operation: 'listDocuments',
    access: 'session',
    summary:
      'The supporting documents sent, each awaiting upload, received (scanned clean) or rejected (2.3)',
  }),
] as const;
