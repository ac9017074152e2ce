import { route } from '../route-definition';
import { idCardLoginSchema } from '../schemas/id-card';

/** The `id-card` group's routes (one Lambda function): declared here, assembled in `contract/routes.ts`. */
export const idCardRoutes = [
  route({
    method: 'POST',
    path: '/v1/id-card/challenges',
    group: 'id-card',
    operation: 'createIdCardChallenge',
    access: 'public',
    summary: 'A one-time nonce for the ID card to sign (2.1), valid 5 minutes',
  }),
  route({
    method: 'POST',
    path: '/v1/id-card/sessions',
    group: 'id-card',
    operation: 'loginWithIdCard',
    access: 'public',
    body: idCardLoginSchema,
    summary: 'Log in with the 2017 ID card and its PIN code (2.1): a Web eID token over the challenge',
  }),
] as const;
