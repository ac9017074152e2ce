import type * as z from 'zod/mini';
import {
  activityQuerySchema,
  cabinetUpdateSchema,
  codeConfirmationSchema,
  passwordChangeSchema,
  phoneChangeSchema,
  reauthenticationSchema,
} from './schemas/cabinet';
import {
  cabinetReportSchema,
  reportCodeRequestSchema,
  reportConfirmationSchema,
} from './schemas/access-reports';
import { consentRequestSchema } from './schemas/consents';
import { agreementQuerySchema, privacyPolicyQuerySchema } from './schemas/public';
import {
  passwordResetConfirmationSchema,
  passwordResetRequestSchema,
  registrationRequestSchema,
} from './schemas/registrations';
import { idCardLoginSchema } from './schemas/id-card';
import { passwordLoginSchema, sessionPathSchema } from './schemas/sessions';
import { documentUploadSchema } from './schemas/verification-documents';

/**
 * The HTTP API v1, declared once. The CDK app builds API Gateway resources and one Lambda per group from it;
 * the local server routes requests with it; each group's handler dispatches on it. Nothing is declared twice.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Route groups: one Lambda function each, its code in `functions/<group>/handler.ts`. */
export const routeGroups = [
  'public',
  'consents',
  'registrations',
  'sessions',
  'id-card',
  'cabinet',
  'access-reports',
  'verification-documents',
] as const;
export type RouteGroup = (typeof routeGroups)[number];

/**
 * Who may call a route: anyone, or an applicant with a live session. `session` also demands consent to the
 * current agreement (preamble); `session-any-consent` serves applicants whose consent is outdated (Exit,
 * consenting again, reporting unauthorized access).
 */
export type RouteAccess = 'public' | 'session' | 'session-any-consent';

export interface RouteDefinition {
  readonly method: HttpMethod;
  readonly path: string;
  readonly group: RouteGroup;
  readonly operation: string;
  readonly access: RouteAccess;
  readonly body?: z.ZodMiniType;
  readonly query?: z.ZodMiniType;
  /** The `{name}` segments of `path`, validated; a value that fails answers 404 (it names nothing). */
  readonly params?: z.ZodMiniType;
  /** 3.4: state-changing routes accept `Idempotency-Key`. */
  readonly idempotent?: boolean;
  readonly summary: string;
}

const route = <const R extends RouteDefinition>(definition: R): R => definition;

export const routes = [
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
  route({
    method: 'POST',
    path: '/v1/sessions',
    group: 'sessions',
    operation: 'login',
    access: 'public',
    body: passwordLoginSchema,
    // Not replayed: a stored answer would keep the session token in clear (tokens are stored only as hashes);
    // a retried login opens another session, and the cap of five ends the oldest.
    summary: 'Log in with phone and password (2.1)',
  }),
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
  route({
    method: 'DELETE',
    path: '/v1/sessions/current',
    group: 'sessions',
    operation: 'exit',
    access: 'session-any-consent',
    summary: 'The Exit ("Чыгуу") button: end this session on the server (2.7)',
  }),
  route({
    method: 'DELETE',
    path: '/v1/sessions',
    group: 'sessions',
    operation: 'exitEverywhere',
    access: 'session-any-consent',
    summary: 'End every session of the account',
  }),
  route({
    method: 'DELETE',
    path: '/v1/sessions/{sessionId}',
    group: 'sessions',
    operation: 'endSession',
    access: 'session-any-consent',
    params: sessionPathSchema,
    summary: "End one session of the applicant's own, chosen from the cabinet's list (2.7)",
  }),
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
  route({
    method: 'POST',
    path: '/v1/me/access-reports',
    group: 'access-reports',
    operation: 'reportFromCabinet',
    access: 'session-any-consent',
    body: cabinetReportSchema,
    idempotent: true,
    summary: 'Report unauthorized access at once (2.7): every session ends, a new password goes by SMS',
  }),
  route({
    method: 'POST',
    path: '/v1/access-reports',
    group: 'access-reports',
    operation: 'requestReportCode',
    access: 'public',
    body: reportCodeRequestSchema,
    idempotent: true,
    summary: 'Report without logging in: a code by SMS where phone and PIN match; always 202 (2.7)',
  }),
  route({
    method: 'POST',
    path: '/v1/access-reports/confirm',
    group: 'access-reports',
    operation: 'confirmReportCode',
    access: 'public',
    body: reportConfirmationSchema,
    idempotent: true,
    summary: 'Confirm the report with the code from the SMS: the same effects as from the cabinet (2.7)',
  }),
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

export type Route = (typeof routes)[number];
export type RoutesOf<G extends RouteGroup> = Extract<Route, { group: G }>;

type Infer<S> = S extends z.ZodMiniType ? z.output<S> : undefined;
export type BodyOf<R> = R extends { body: infer S } ? Infer<S> : undefined;
export type QueryOf<R> = R extends { query: infer S } ? Infer<S> : undefined;
export type ParamsOf<R> = R extends { params: infer S } ? Infer<S> : undefined;

/**
 * Path of a route as a pattern: `{name}` segments match one non-empty path segment, percent-decoded. A segment
 * that does not decode matches no parameter, as API Gateway refuses it.
 */
export const matchPath = (pattern: string, path: string): Record<string, string> | undefined => {
  const patternParts = pattern.split('/');
  const pathParts = path.split('/');
  if (patternParts.length !== pathParts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index]!;
    if (part.startsWith('{') && part.endsWith('}')) {
      const value = decodeSegment(actual);
      if (value === undefined || value === '') return undefined;
      params[part.slice(1, -1)] = value;
    } else if (part !== actual) return undefined;
  }
  return params;
};

const decodeSegment = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};

export const allRoutes: readonly RouteDefinition[] = routes;

export const findRoute = (method: string, resource: string): RouteDefinition | undefined =>
  allRoutes.find((r) => r.method === method && r.path === resource);

/**
 * The routes whose path matches a request's, literal segments before parameters, as API Gateway chooses:
 * `DELETE /v1/sessions/current` is the Exit button, never a session whose id is "current".
 */
export const routesMatching = (
  path: string,
): { readonly route: RouteDefinition; readonly params: Record<string, string> }[] =>
  allRoutes
    .flatMap((route) => {
      const params = matchPath(route.path, path);
      return params ? [{ route, params }] : [];
    })
    .sort((a, b) => Object.keys(a.params).length - Object.keys(b.params).length);
