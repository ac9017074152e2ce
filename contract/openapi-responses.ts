import * as z from 'zod';
import type { ProblemCode } from './problems';
import { languages } from '../functions/commons/i18n';
import { applicantTypes } from '../functions/domain/accounts/account';
import type { CabinetView, ActivityItem } from '../functions/domain/accounts/cabinet';
import type { AccountExport } from '../functions/domain/accounts/export';
import type { IdCardChallenge } from '../functions/domain/accounts/id-card-login';
import type { OpenedSession, SessionView } from '../functions/domain/accounts/sessions';
import type { PublishedDocument } from '../functions/domain/agreement/publication';
import {
  documentContentTypes,
  type DocumentListItem,
  type DocumentUploadAnswer,
} from '../functions/domain/verification/documents';
import type { Route } from './routes';

/**
 * What each operation of the route table answers, for the API document (contract/openapi.ts) and the end-to-end tests
 * that hold the API to it. Request schemas live in the route table; this file adds only what the route table
 * does not say: the success status and body, and the notable problems of each operation. Bodies are strict:
 * a field the document does not name fails the end-to-end tests, so nothing personal slips out unnoticed.
 */
export interface OperationResponses {
  readonly status: 200 | 201 | 202 | 204;
  readonly description: string;
  readonly body?: z.ZodType;
  /** Problems of this operation beyond those its route's kind implies (see `impliedProblems` in contract/openapi.ts). */
  readonly problems?: readonly ProblemCode[];
}

/**
 * A body schema that the domain's own type must satisfy: the compiler refuses a domain type whose values the
 * document would reject, so the document cannot drift from the code that builds the answers.
 */
const documents =
  <Domain>() =>
  <S extends z.ZodType>(schema: S, ..._check: Domain extends z.output<S> ? [] : [never]): S =>
    schema;

const instant = z.iso.datetime().describe('ISO 8601 instant, UTC');

const session = documents<OpenedSession>()(
  z.strictObject({
    token: z.string().describe('Bearer token for `Authorization: Bearer <token>`; shown once'),
    expiresAt: instant,
    consentRequired: z
      .boolean()
      .describe('Preamble: true when the applicant must consent to the current agreement version first'),
  }),
);

const cabinet = documents<CabinetView>()(
  z.strictObject({
    accountId: z.string(),
    applicantType: z.enum(applicantTypes),
    login: z.string().describe('The phone in E.164 (2.5)'),
    passportNumber: z.string().describe('Masked (2.4)'),
    pin: z.string().describe('Masked (2.4)'),
    organizationInn: z.string().optional().describe("A legal entity's tax number (1)"),
    status: z.enum(['active', 'blocked', 'deleted']),
    consent: z.strictObject({
      version: z.string(),
      acceptedAt: instant,
      privacyPolicyVersion: z
        .string()
        .optional()
        .describe('2.4: the Privacy Policy version consented with; none for consents older than the policy'),
    }),
    verification: z
      .strictObject({
        status: z.enum(['pending', 'confirmed', 'mismatch', 'overdue']),
        deadline: z.string(),
        requestedAt: instant,
      })
      .optional()
      .describe('2.3: a verification demand by an operator'),
  }),
);

const activityItem = documents<ActivityItem>()(
  z.strictObject({
    at: instant,
    action: z.string(),
    result: z.enum(['success', 'failure']),
    ip: z.string().optional(),
    userAgent: z.string().optional(),
    attributedToApplicant: z
      .boolean()
      .describe(
        '2.6: deemed the applicant’s own; false only for actions after a report, with a credential it revoked',
      ),
    attribution: z
      .enum(['applicant', 'disputed', 'revoked_credential'])
      .describe(
        '2.6: the report boundary; actions in a reported window stay the applicant’s but are disputed',
      ),
  }),
);

const sessionItem = documents<SessionView>()(
  z.strictObject({
    sessionId: z.string(),
    createdAt: instant,
    lastSeenAt: instant,
    method: z.enum(['password', 'id-card']),
    ip: z.string(),
    userAgent: z.string(),
    current: z.boolean(),
  }),
);

const publishedDocument = documents<PublishedDocument>()(
  z.strictObject({
    version: z.string(),
    language: z.enum(languages),
    title: z.string(),
    text: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    effectiveFrom: z.iso.date(),
  }),
);

const challenge = documents<IdCardChallenge>()(
  z.strictObject({
    challengeId: z.string(),
    nonce: z.string().describe('32 random bytes, base64; sign hash(origin) ‖ hash(nonce) with the card'),
    expiresAt: instant,
  }),
);

const report = z.strictObject({ reportId: z.string(), reportedAt: instant });

/** 2.3: a supporting document as the cabinet lists it; received only once scanned clean. */
const documentItem = documents<DocumentListItem>()(
  z.strictObject({
    documentId: z.string(),
    fileName: z.string(),
    contentType: z.enum(documentContentTypes),
    size: z.int(),
    status: z.enum(['awaiting_upload', 'received', 'rejected']),
    createdAt: instant,
  }),
);
const codeRequest = z.strictObject({
  requestId: z
    .string()
    .describe('The request the SMS code belongs to (2.7); the same shape whether or not anything matched'),
});

/** 2.4: subject access, everything held on the applicant; personal data unmasked, in this answer only. */
const accountExport = documents<AccountExport>()(
  z.strictObject({
    exportedAt: instant,
    account: z.strictObject({
      accountId: z.string(),
      applicantType: z.enum(applicantTypes),
      status: z.enum(['active', 'blocked', 'deleted']),
      createdAt: instant,
      phone: z.string(),
      passportNumber: z.string(),
      pin: z.string(),
      organizationInn: z.string().optional(),
      previousPhones: z.array(z.strictObject({ phone: z.string(), movedAt: instant })),
      passwordIssuedAt: instant.optional(),
      lastAccessReportAt: instant.optional(),
    }),
    consents: z.array(
      z.strictObject({
        consentId: z.string(),
        agreementVersion: z.string(),
        textSha256: z.string(),
        language: z.string(),
        acceptedAt: instant,
        ip: z.string(),
        userAgent: z.string(),
      }),
    ),
    activity: z.array(activityItem).describe('Newest first'),
    activityComplete: z.boolean().describe('False when the oldest entries were left out (at most 5000)'),
    sessions: z.array(sessionItem),
    accessReports: z.array(
      report.extend({
        suspectedSince: instant.optional(),
        ip: z.string(),
        userAgent: z.string(),
        description: z.string().optional(),
        channel: z.enum(['cabinet', 'sms_code']),
        status: z.enum(['open', 'resolved']),
        resolvedAt: instant.optional(),
      }),
    ),
    verification: z
      .strictObject({
        status: z.enum(['pending', 'confirmed', 'mismatch', 'overdue']),
        deadline: z.string(),
        requestedAt: instant,
        resolvedAt: instant.optional(),
        follows: z.enum(['mismatch', 'overdue']).optional(),
        documents: z
          .array(
            documentItem.extend({
              demandRequestedAt: instant.describe('The demand the document answered (its requestedAt)'),
              scannedAt: instant.optional(),
            }),
          )
          .describe("Every document's metadata held on the account, oldest first: no file, no link"),
      })
      .optional()
      .describe('2.3: the latest verification demand, and the documents sent'),
  }),
);

/** Bodies several operations answer: named components of the document. */
export const sharedResponseBodies: Readonly<Record<string, z.ZodType>> = {
  Instant: instant,
  Session: session,
  Cabinet: cabinet,
  AccessReport: report,
};

const smsRoutes: readonly ProblemCode[] = ['too_many_requests'];
const reauthentication: readonly ProblemCode[] = [
  'reauthentication_required',
  'invalid_credentials',
  'account_locked',
];
const loginRefusals: readonly ProblemCode[] = [
  'account_blocked',
  'verification_required',
  'too_many_requests',
];

export const operationResponses = {
  health: { status: 200, description: 'The API is up', body: z.strictObject({ status: z.literal('ok') }) },
  getAgreement: {
    status: 200,
    description: 'The agreement text and its SHA-256, which a consent records',
    body: publishedDocument,
    problems: ['agreement_not_found'],
  },
  getPrivacyPolicy: {
    status: 200,
    description: '2.4: the Privacy Policy and its SHA-256; a consent records its version',
    body: publishedDocument,
  },
  getOpenApi: {
    status: 200,
    description: 'This document',
    body: z.looseObject({ openapi: z.string() }),
  },
  createConsent: {
    status: 201,
    description: 'The consent, usable once for a registration until it expires',
    body: z.strictObject({ consentId: z.string(), agreementVersion: z.string(), expiresAt: instant }),
    problems: ['agreement_outdated'],
  },
  register: {
    status: 201,
    description: 'Registered; the password goes by SMS to the phone only (2.5)',
    body: z.strictObject({ accountId: z.string(), login: z.string() }),
    problems: ['already_registered', 'consent_expired', ...smsRoutes],
  },
  requestPasswordReset: {
    status: 202,
    description: 'Always: a code goes by SMS only where phone and PIN match (2.7)',
    body: codeRequest,
    problems: smsRoutes,
  },
  confirmPasswordReset: {
    status: 204,
    description: 'The chosen password holds; every session ended; a notice went to the phone (2.7)',
    problems: ['invalid_code', 'weak_password', ...smsRoutes],
  },
  login: {
    status: 201,
    description: 'A session',
    body: session,
    problems: ['invalid_credentials', 'account_locked', ...loginRefusals],
  },
  createIdCardChallenge: { status: 201, description: 'A one-time challenge', body: challenge },
  loginWithIdCard: {
    status: 201,
    description: 'A session',
    body: session,
    problems: ['invalid_id_card', 'not_registered', ...loginRefusals],
  },
  exit: { status: 204, description: 'The session ended on the server' },
  exitEverywhere: { status: 204, description: 'Every session of the account ended' },
  endSession: { status: 204, description: 'The chosen session ended on the server' },
  getCabinet: { status: 200, description: 'The cabinet', body: cabinet },
  updateCabinet: {
    status: 200,
    description: 'The cabinet after the change',
    body: cabinet,
    problems: ['already_registered'],
  },
  listActivity: {
    status: 200,
    description: 'One page of actions, newest first',
    body: z.strictObject({ items: z.array(activityItem), nextCursor: z.string().optional() }),
  },
  listSessions: {
    status: 200,
    description: 'The live sessions, newest first',
    body: z.strictObject({ items: z.array(sessionItem) }),
  },
  changePassword: {
    status: 204,
    description: 'Changed; other sessions ended',
    problems: ['weak_password', 'invalid_credentials', 'account_locked'],
  },
  renewConsent: {
    status: 201,
    description: 'The consent to the new version',
    body: z.strictObject({ consentId: z.string(), agreementVersion: z.string(), acceptedAt: instant }),
    problems: ['agreement_outdated'],
  },
  requestPhoneChange: {
    status: 202,
    description: 'A code went by SMS to the new phone',
    problems: [
      'already_registered',
      'reauthentication_required',
      'invalid_credentials',
      'account_locked',
      ...smsRoutes,
    ],
  },
  confirmPhoneChange: {
    status: 200,
    description: 'The cabinet with the new phone as login',
    body: cabinet,
    problems: ['invalid_code', 'already_registered'],
  },
  exportAccount: {
    status: 200,
    description: 'Everything held on the applicant, as one document (2.4)',
    body: accountExport,
    problems: reauthentication,
  },
  closeAccount: {
    status: 204,
    description: 'Closed: every session ended; the personal data is erased after the retention period (2.4)',
    problems: reauthentication,
  },
  reportFromCabinet: { status: 201, description: 'Reported (2.6, 2.7)', body: report },
  requestReportCode: {
    status: 202,
    description: 'Always: a code goes by SMS only where phone and PIN match (2.7)',
    body: codeRequest,
    problems: smsRoutes,
  },
  confirmReportCode: {
    status: 201,
    description: 'Reported (2.6, 2.7)',
    body: report,
    problems: ['invalid_code', ...smsRoutes],
  },
  requestDocumentUpload: {
    status: 201,
    description:
      '2.3: a presigned POST: send its `fields`, then the file as `file`, as multipart/form-data to its `url`',
    body: documents<DocumentUploadAnswer>()(
      z.strictObject({
        documentId: z.string(),
        upload: z.strictObject({ url: z.url(), fields: z.record(z.string(), z.string()) }),
        expiresAt: instant,
      }),
    ),
    problems: ['no_verification_pending', 'too_many_documents'],
  },
  listDocuments: {
    status: 200,
    description: '2.3: the documents sent, oldest first; received only once scanned clean',
    body: z.strictObject({ items: z.array(documentItem) }),
  },
} satisfies Record<Route['operation'], OperationResponses>;

/** Problems whose answers carry `Retry-After`. */
export const problemsWithRetryAfter: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  'account_locked',
  'too_many_requests',
  'request_in_progress',
  'service_unavailable',
]);
