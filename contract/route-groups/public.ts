import { route } from '../route-definition';
import { agreementQuerySchema, privacyPolicyQuerySchema } from '../schemas/public';

/** The `public` group's routes (one Lambda function): declared here, assembled in `contract/routes.ts`. */
export const publicRoutes = [
  route({
    method: 'GET',
    path: '/v1/health',
    group: 'public',
    operation: 'health',
    access: 'public',
    summary: 'Liveness of the API',
  }),
  route({
    method: 'GET',
    path: '/v1/agreement',
    group: 'public',
    operation: 'getAgreement',
    access: 'public',
    query: agreementQuerySchema,
    summary: 'The user agreement (current version by default) in ky, ru or en',
  }),
  route({
    method: 'GET',
    path: '/v1/privacy-policy',
    group: 'public',
    operation: 'getPrivacyPolicy',
    access: 'public',
    query: privacyPolicyQuerySchema,
    summary: 'The Privacy Policy (2.4), current version, in ky, ru or en',
  }),
  route({
    method: 'GET',
    path: '/v1/openapi.json',
    group: 'public',
    operation: 'getOpenApi',
    access: 'public',
    summary: 'This API as an OpenAPI 3.1 document, generated from the route table',
  }),
] as const;
