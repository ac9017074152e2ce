import type { AuditEntry } from '../audit';
import type { Account, ClaimKind, IdentityClaims, SessionMethod } from './account';

/** The session item: found by the token's hash on every request; the account item says whether it is live. */
export interface SessionRecord {
  readonly tokenHash: string;
  readonly sessionId: string;
  readonly accountId: string;
  readonly method: SessionMethod;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly absoluteExpiresAt: string;
}

/** A one-time code sent by SMS (phone change, access report): stored hashed, few attempts, short-lived. */
export interface PendingCode {
  readonly purpose: 'phone_change' | 'access_report';
  readonly accountId: string;
  readonly codeHash: string;
  readonly attempts: number;
  readonly expiresAt: string;
  /** Sealed data the code confirms (the new phone for a phone change). */
  readonly sealedPayload?: string;
}

/** An unauthorized-access report (2.6, 2.7). */
export interface AccessReport {
  readonly reportId: string;
  readonly accountId: string;
  readonly reportedAt: string;
  readonly suspectedSince?: string;
  readonly ip: string;
  readonly userAgent: string;
  readonly description?: string;
  readonly channel: 'cabinet' | 'sms_code';
  readonly status: 'open' | 'resolved';
  readonly resolvedAt?: string;
  readonly resolvedBy?: string;
}

/**
 * One change of an account, written in one transaction: the new account state (conditional on the version that
 * was read), its audit entries, and the items that change with it.
 */
export interface AccountCommit {
  readonly account: Account;
  readonly expectedVersion: number;
  readonly audit: readonly AuditEntry[];
  readonly claimsToAdd?: Partial<IdentityClaims>;
  readonly claimsToRemove?: Partial<IdentityClaims>;
  readonly sessionToStart?: SessionRecord;
  /** Token hashes of session items to delete (the account item already no longer lists them). */
  readonly sessionsToForget?: readonly string[];
  /** A pending code used up by this change; if it is already gone, the commit fails with InvalidCode. */
  readonly codeToConsume?: Pick<PendingCode, 'purpose' | 'accountId'>;
  readonly reportToRecord?: AccessReport;
  /** A consent given from the cabinet, kept as a record (preamble). */
  readonly consentRecord?: Readonly<Record<string, unknown>> & { consentId: string };
}

export interface RegistrationCommit {
  readonly account: Account;
  readonly consentId: string;
  readonly agreementVersion: string;
  readonly now: Date;
  readonly audit: AuditEntry;
}

export interface ActivityPage {
  readonly entries: readonly AuditEntry[];
  readonly nextCursor?: string;
}

/** The accounts' store. Every write is conditional: nothing is half-written or lost to a concurrent writer. */
export interface AccountStore {
  /** Registration: consumes the consent, claims phone, PIN and passport, writes account and audit — or nothing. */
  register(commit: RegistrationCommit): Promise<void>;
  /** Throws ConcurrentUpdate when the account changed since read, AlreadyRegistered when a new claim is taken. */
  commit(commit: AccountCommit): Promise<void>;
  get(accountId: string): Promise<Account | undefined>;
  findByClaim(kind: ClaimKind, key: string): Promise<string | undefined>;
  appendAudit(entry: AuditEntry): Promise<void>;
  activity(accountId: string, page: { limit: number; cursor?: string }): Promise<ActivityPage>;

  getSession(tokenHash: string): Promise<SessionRecord | undefined>;
  getSessions(tokenHashes: readonly string[]): Promise<SessionRecord[]>;
  /** Moves lastSeenAt forward unless the session is already idle-expired; false when it was. */
  touchSession(tokenHash: string, now: Date, idleCutoff: Date): Promise<boolean>;

  saveCode(code: PendingCode): Promise<void>;
  /** Counts one attempt atomically; undefined when no usable code is left (none, expired, attempts used up). */
  attemptCode(
    purpose: PendingCode['purpose'],
    accountId: string,
    now: Date,
    maxAttempts: number,
  ): Promise<PendingCode | undefined>;

  reports(accountId: string): Promise<AccessReport[]>;
}
