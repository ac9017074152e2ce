import { route } from '../route-definition';
import { consentRequestSchema } from '../schemas/consents';

/** The `consents` group's routes (one Lambda function): declared here, assembled in `contract/routes.ts`. */
export const consentsRoutes = [
  route({
    method: 'POST',
    path: '/v1/consents',
    group: 'consents',
    operation: 'createConsent',
    access: 'public',
    body: consentRequestSchema,
    // Safe to retry without a key: a retried consent is one more unused consent, which expires unused.
    summary: 'Consent to the current user agreement (preamble), needed to register',
  }),
] as const;
