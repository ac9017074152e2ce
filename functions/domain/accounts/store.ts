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
  /** Where the login came from, for the applicant's list of sessions: gone with the item (TTL, 2.4). */
  readonly ip: string;
  readonly userAgent: string;
}

/**
 * A one-time code sent by SMS (phone change, password reset, access report): stored hashed, few attempts,
 * short-lived, and bound to the request that asked for it (2.7).
 */
export interface PendingCode {
  readonly purpose: 'phone_change' | 'password_reset' | 'access_report';
  /** The request the code answers: a phone change's is its account id (one pending change per account). */
  readonly requestId: string;
  /** Whose code it is; a decoy (a request that matched nothing) has none. */
  readonly accountId?: string;
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
 * 2.7: a phone the login moved away from stays reserved to the account until `until`: nobody else registers it or
 * moves a login to it, and it can still report unauthorized access, which takes the login back.
 */
export interface PhoneReservation {
  /** The phone's lookup key (HMAC), as its claim. */
  readonly claim: string;
  readonly accountId: string;
  /** When the login left the phone; a reservation of another account that ended by then is replaced. */
  readonly reservedAt: string;
  readonly until: string;
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
  readonly codeToConsume?: Pick<PendingCode, 'purpose' | 'requestId'>;
  readonly reportToRecord?: AccessReport;
  readonly reservationsToAdd?: readonly PhoneReservation[];
  /** Claims (lookup keys) of this account's reservations that end with this change. */
  readonly reservationsToRemove?: readonly string[];
  /** A consent given from the cabinet, kept as a record (preamble). */
  readonly consentRecord?: Readonly<Record<string, unknown>> & { consentId: string; acceptedAt: string };
  /** 2.4: a deleted account's retention is counted from then: the purge job's marker (one per account). */
  readonly purgeDueFrom?: string;
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
  /** The reservation of a previous phone (2.7), by its lookup key; it may have run out (see `until`). */
  findReservation(claim: string): Promise<PhoneReservation | undefined>;
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
    requestId: string,
    now: Date,
    maxAttempts: number,
  ): Promise<PendingCode | undefined>;

  reports(accountId: string): Promise<AccessReport[]>;
}
