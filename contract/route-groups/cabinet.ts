import { route } from '../route-definition';
import {
  activityQuerySchema,
  cabinetUpdateSchema,
  codeConfirmationSchema,
  passwordChangeSchema,
  phoneChangeSchema,
  reauthenticationSchema,
} from '../schemas/cabinet';
import { consentRequestSchema } from '../schemas/consents';

/** The `cabinet` group's routes (one Lambda function): declared here, assembled in `contract/routes.ts`. */
export const cabinetRoutes = [
  route({
    method: 'GET',
    path: '/v1/me',
    group: 'cabinet',
    operation: 'getCabinet',
    access: 'session',
    summary: 'The personal cabinet, personal data masked (2.4)',
  }),
  route({
    method: 'PATCH',
    path: '/v1/me',
    group: 'cabinet',
    operation: 'updateCabinet',
    access: 'session',
    body: cabinetUpdateSchema,
    idempotent: true,
    summary: 'Keep the registration data current (2.2)',
  }),
  route({
    method: 'GET',
    path: '/v1/me/activity',
    group: 'cabinet',
    operation: 'listActivity',
    access: 'session',
    query: activityQuerySchema,
    summary: 'Actions under the account, newest first, with attribution (2.6)',
  }),
  route({
    method: 'GET',
    path: '/v1/me/sessions',
    group: 'cabinet',
    operation: 'listSessions',
    access: 'session',
    summary: 'Live sessions of the account',
  }),
  route({
    method: 'PUT',
    path: '/v1/me/password',
    group: 'cabinet',
    operation: 'changePassword',
    access: 'session',
    body: passwordChangeSchema,
    idempotent: true,
    summary: 'Change the password; other sessions end',
  }),
  route({
    method: 'POST',
    path: '/v1/me/consents',
    group: 'cabinet',
    operation: 'renewConsent',
    access: 'session-any-consent',
    body: consentRequestSchema,
    idempotent: true,
    summary: 'Consent to a newly published agreement version (preamble)',
  }),
  route({
    method: 'POST',
    path: '/v1/me/phone-changes',
    group: 'cabinet',
    operation: 'requestPhoneChange',
    access: 'session',
    body: phoneChangeSchema,
    idempotent: true,
    summary: 'Send a code to a new phone',
  }),
  route({
    method: 'POST',
    path: '/v1/me/phone-changes/confirm',
    group: 'cabinet',
    operation: 'confirmPhoneChange',
    access: 'session',
    body: codeConfirmationSchema,
    idempotent: true,
    summary: 'Confirm the new phone with its code',
  }),
  route({
    method: 'POST',
    path: '/v1/me/exports',
    group: 'cabinet',
    operation: 'exportAccount',
    // An applicant who does not consent to a new agreement version keeps these rights (2.4).
    access: 'session-any-consent',
    body: reauthenticationSchema,
    // Not replayed: the answer is the unmasked personal data, too large and too sensitive to keep for a replay;
    // a retried export exports again (one more entry in the activity) and changes nothing else.
    summary: 'Everything held on the applicant as one JSON document, after re-authentication (2.4)',
  }),
  route({
    method: 'POST',
    path: '/v1/me/closure',
    group: 'cabinet',
    operation: 'closeAccount',
    access: 'session-any-consent',
    body: reauthenticationSchema,
    idempotent: true,
    summary:
      'Close the account after re-authentication: every session ends, the data is erased after retention (2.4)',
  }),
] as const;
