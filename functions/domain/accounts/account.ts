import type { Language } from '../../commons/i18n';
import type { E164Phone, OrganizationInn, PassportNumber, Pin } from '../identity';

export const applicantTypes = ['individual', 'legal_entity'] as const;
/** 1: applicants are individuals or legal entities (represented by a person with their own phone, passport, PIN). */
export type ApplicantType = (typeof applicantTypes)[number];

export type AccountStatus = 'active' | 'blocked' | 'deleted';

/** 2.2, 2.4: what the applicant gave at registration, kept current; sealed in the item, never in a key. */
export interface PersonalData {
  readonly phone: E164Phone;
  readonly passportNumber: PassportNumber;
  readonly pin: Pin;
  /** Legal entities only: the organization's tax number (INN). */
  readonly organizationInn?: OrganizationInn;
  /** 2.7: phones the login moved away from, each reserved to the account for a while (previous-phones.ts). */
  readonly previousPhones?: readonly { readonly phone: E164Phone; readonly movedAt: string }[];
}

/** Keyed hashes (HMAC) of the unique identifiers: how uniqueness and lookups work without the raw values. */
export interface IdentityClaims {
  readonly phone: string;
  readonly pin: string;
  readonly passport: string;
}
export type ClaimKind = keyof IdentityClaims;

export type SessionMethod = 'password' | 'id-card';

/**
 * A live session as the account knows it: the account item decides which sessions are live (revocation at once).
 * It holds no IP address or user agent (2.4): those stay on the session item, which expires with the session,
 * while an account never used again keeps its last entries here. `network` is a keyed hash of the network the
 * session came from (`networkOf`), enough to count networks (2.8) and nothing to read back.
 */
export interface LiveSession {
  readonly tokenHash: string;
  readonly createdAt: string;
  readonly method: SessionMethod;
  readonly network: string;
}

/** What a request with a live session knows: the account as read now, and which session it is. */
export interface Authenticated {
  readonly account: Account;
  readonly sessionId: string;
  readonly session: LiveSession;
  readonly tokenHash: string;
}

/** 2.3: an operator's demand to confirm the registration data by a deadline. */
export interface VerificationDemand {
  readonly status: 'pending' | 'confirmed' | 'mismatch' | 'overdue';
  readonly deadline: string;
  readonly requestedAt: string;
  readonly resolvedAt?: string;
  /** A demand made after one that failed (2.3): access stays denied until this one is confirmed. */
  readonly follows?: 'mismatch' | 'overdue';
}

export interface AccountConsent {
  readonly consentId: string;
  readonly version: string;
  /** 2.4: the Privacy Policy version of the consent; none on consents given before the policy was published. */
  readonly privacyPolicyVersion?: string;
  readonly acceptedAt: string;
  readonly language: Language;
}

export interface Account {
  readonly accountId: string;
  /** Optimistic concurrency: every write is conditional on the version read. */
  readonly version: number;
  readonly applicantType: ApplicantType;
  readonly status: AccountStatus;
  /** PersonalData as JSON, sealed (AES-256-GCM) with the account id as associated data. */
  readonly sealedPersonalData: string;
  readonly claims: IdentityClaims;
  readonly passwordHash?: string;
  readonly passwordIssuedAt?: string;
  readonly failedLogins: number;
  readonly lockedUntil?: string;
  readonly sessions: Readonly<Record<string, LiveSession>>;
  readonly consent: AccountConsent;
  readonly verification?: VerificationDemand;
  readonly createdAt: string;
  readonly deletedAt?: string;
  /** 2.6: the latest unauthorized-access report. */
  readonly lastAccessReportAt?: string;
}

/** Session limits (Security rules, 2.8). */
export const sessionPolicy = {
  idleSeconds: 30 * 60,
  absoluteSeconds: 12 * 60 * 60,
  maxLiveSessions: 5,
} as const;

const plusSeconds = (iso: string, seconds: number): number => Date.parse(iso) + seconds * 1000;

/** Sessions whose absolute lifetime has not run out (idle expiry is tracked on the session item). */
export const unexpiredSessions = (account: Account, now: Date): Record<string, LiveSession> =>
  Object.fromEntries(
    Object.entries(account.sessions).filter(
      ([, session]) => plusSeconds(session.createdAt, sessionPolicy.absoluteSeconds) > now.getTime(),
    ),
  );

/**
 * 2.8: adds a session, ending the oldest ones beyond the cap. Returns the new map and the ids it ended.
 */
export const withNewSession = (
  account: Account,
  sessionId: string,
  session: LiveSession,
  now: Date,
): { sessions: Record<string, LiveSession>; evicted: string[] } => {
  const live = Object.entries(unexpiredSessions(account, now)).sort(([, a], [, b]) =>
    a.createdAt.localeCompare(b.createdAt),
  );
  const excess = Math.max(0, live.length + 1 - sessionPolicy.maxLiveSessions);
  const evicted = live.slice(0, excess).map(([id]) => id);
  return { sessions: { ...Object.fromEntries(live.slice(excess)), [sessionId]: session }, evicted };
};

/**
 * Why an account may not get a new session: blocked (2.2), deleted, or verification failed or overdue (2.3). A
 * pending demand is overdue from its deadline on, before the hourly job records it as such; one that follows a
 * failed demand denies access until it is confirmed.
 */
export const accessDenial = (
  account: Account,
  now: Date,
): 'account_blocked' | 'verification_required' | 'deleted' | undefined => {
  if (account.status === 'deleted') return 'deleted';
  if (account.status === 'blocked') return 'account_blocked';
  const demand = account.verification;
  if (
    demand?.status === 'mismatch' ||
    demand?.status === 'overdue' ||
    (demand?.status === 'pending' &&
      (demand.follows !== undefined || Date.parse(demand.deadline) <= now.getTime()))
  )
    return 'verification_required';
  return undefined;
};

/**
 * Lockout (Security rules): from the 5th consecutive failure, password login locks for 1 minute, doubling
 * with each further failure, up to a day.
 */
export const lockoutThreshold = 5;
export const lockoutDelaySeconds = (failures: number): number =>
  failures < lockoutThreshold ? 0 : Math.min(60 * 2 ** (failures - lockoutThreshold), 24 * 60 * 60);
