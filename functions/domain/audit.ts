/**
 * 2.6: every action under an account is recorded, append-only: entries are written with the change they
 * describe (in the same transaction) and never updated or deleted.
 */
export const auditActions = [
  'registration',
  'login',
  'login_failed',
  'logout',
  'logout_all',
  'session_ended',
  'session_evicted',
  'password_changed',
  'password_reset',
  'password_reset_failed',
  'password_reset_requested',
  'personal_data_changed',
  'consent_renewed',
  'phone_change_requested',
  'phone_changed',
  'phone_change_failed',
  'phone_change_undone',
  'access_reported',
  'access_report_resolved',
  'id_card_refused',
  'account_blocked',
  'account_unblocked',
  'account_deleted',
  'verification_requested',
  'verification_resolved',
  'verification_overdue',
  'verification_document_added',
  'personal_data_purged',
  'data_exported',
  'data_export_failed',
  'account_closed',
  'account_closure_failed',
  'flagged_suspicious',
  'viewed_by_operator',
  'documents_viewed_by_operator',
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  readonly entryId: string;
  readonly accountId: string;
  readonly at: string;
  readonly action: AuditAction;
  readonly result: 'success' | 'failure';
  readonly ip?: string;
  readonly userAgent?: string;
  /** The session the action was taken in, if any. */
  readonly sessionId?: string;
  /** When the session (credential) used was issued: decides attribution after an access report (2.6). */
  readonly credentialIssuedAt?: string;
  readonly operatorId?: string;
  readonly reason?: string;
  /**
   * An operator command's entry: the event's own `time`, set by its sender. `at` is when the portal received
   * the event (2.6: the log is ordered by the portal's clock), and `entryId` the event's id, applied once.
   */
  readonly eventTime?: string;
  /** A short machine detail (`wrong_password`, `locked`, `untrusted_chain`…), never personal data. */
  readonly detail?: string;
}

/** Where a request came from: recorded with each entry. */
export interface RequestOrigin {
  readonly ip: string;
  readonly userAgent: string;
}
