/**
 * What the portal's API answers, as far as the page reads it: the one place the page spells out the API's bodies.
 * They mirror the server's contract: each operation's body in `operationResponses` (contract/openapi-responses.ts,
 * named below by operation) and the `Problem` schema of contract/openapi.ts. Fields the page does not read are left
 * out. The page keeps this copy because it is type-checked and bundled apart from the server code
 * (web/tsconfig.json): change it with the contract.
 */

/** An RFC 9457 problem as the API answers it: title and messages already in the asked language (`Problem`). */
export interface Problem {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors?: readonly { field: string; code: string; message: string }[];
}

/** getAgreement, getPrivacyPolicy: a published document in the asked language. */
export interface Agreement {
  version: string;
  title: string;
  text: string;
  effectiveFrom: string;
}

/** createConsent, renewConsent. */
export interface ConsentReceipt {
  consentId: string;
}

/** register. */
export interface Registration {
  login: string;
}

/** login, loginWithIdCard (`Session`). */
export interface Session {
  token: string;
  consentRequired: boolean;
}

/** createIdCardChallenge. */
export interface IdCardChallenge {
  challengeId: string;
  nonce: string;
}

/** getCabinet, updateCabinet, confirmPhoneChange (`Cabinet`). */
export interface Cabinet {
  applicantType: 'individual' | 'legal_entity';
  login: string;
  passportNumber: string;
  pin: string;
  organizationInn?: string;
  status: 'active' | 'blocked' | 'deleted';
  consent: { version: string; acceptedAt: string };
  verification?: {
    status: 'pending' | 'confirmed' | 'mismatch' | 'overdue';
    deadline: string;
    requestedAt: string;
  };
}

/** One of listSessions' items. */
export interface SessionItem {
  sessionId: string;
  createdAt: string;
  lastSeenAt: string;
  method: 'password' | 'id-card';
  ip: string;
  userAgent: string;
  current: boolean;
}

/** listSessions. */
export interface SessionList {
  items: SessionItem[];
}

/** One of listActivity's items. */
export interface ActivityItem {
  at: string;
  action: string;
  result: 'success' | 'failure';
  ip?: string;
  attribution: 'applicant' | 'disputed' | 'revoked_credential';
}

/** listActivity: one page of actions, newest first. */
export interface ActivityPage {
  items: ActivityItem[];
  nextCursor?: string;
}

/**
 * requestPasswordReset, requestReportCode: the request an SMS code belongs to (2.7). The same answer whether or not
 * phone and PIN matched; the code that may have gone by SMS is confirmed with this id.
 */
export interface CodeRequest {
  requestId: string;
}

/** reportFromCabinet, confirmReportCode (`AccessReport`). */
export interface AccessReport {
  reportedAt: string;
}

/** One of listDocuments' items (`documentItem`): a verification document as the applicant sent it (2.3). */
export interface DocumentItem {
  documentId: string;
  fileName: string;
  contentType: string;
  size: number;
  status: 'awaiting_upload' | 'received' | 'rejected';
  createdAt: string;
}

/** listDocuments: oldest first. */
export interface DocumentList {
  items: DocumentItem[];
}

/** requestDocumentUpload: the presigned POST the file goes to, its `fields` first and the file last. */
export interface DocumentUploadIntent {
  documentId: string;
  upload: { url: string; fields: Record<string, string> };
  expiresAt: string;
}
