import { route } from '../route-definition';
import {
  passwordResetConfirmationSchema,
  passwordResetRequestSchema,
  registrationRequestSchema,
} from '../schemas/registrations';

/** The `registrations` group's routes (one Lambda function): declared here, assembled in `contract/routes.ts`. */
export const registrationsRoutes = [
  route({
    method: 'POST',
    path: '/v1/registrations',
    group: 'registrations',
    operation: 'register',
    access: 'public',
    body: registrationRequestSchema,
    idempotent: true,
    summary: 'Register an applicant (2.2); the password goes by SMS to the phone, the login (2.5)',
  }),
  route({
    method: 'POST',
    path: '/v1/password-resets',
    group: 'registrations',
    operation: 'requestPasswordReset',
    access: 'public',
    body: passwordResetRequestSchema,
    idempotent: true,
    summary: 'A code by SMS where phone and PIN match; always 202 with a requestId (2.7)',
  }),
  route({
    method: 'POST',
    path: '/v1/password-resets/confirm',
    group: 'registrations',
    operation: 'confirmPasswordReset',
    access: 'public',
    body: passwordResetConfirmationSchema,
    idempotent: true,
    summary: 'The code from the SMS sets the chosen password; every session ends (2.7)',
  }),
] as const;
