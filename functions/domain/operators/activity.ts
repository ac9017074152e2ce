import { unexpiredSessions, type Account } from '../accounts/account';

/**
 * 2.7, 2.8: patterns of use that look like brute force, or like an account shared or resold. Thresholds are set
 * above what offices behind one address (NAT) and applicants with a phone and a computer produce.
 */
export const activityRules = {
  /** Failed logins and password resets are counted over this window before each scan. */
  windowMinutes: 60,
  /** Failed logins from one source address on at least this many different accounts. */
  failedLoginAccountsPerSource: 5,
  /** Password resets (done or refused) of one account. */
  passwordResetsPerAccount: 3,
  /** Live sessions of one account from at least this many networks at once. */
  sessionNetworks: 3,
  /** An account is flagged for a pattern at most once in this many hours. */
  flagOncePerHours: 24,
} as const;

export const suspiciousPatterns = [
  'failed_logins_from_one_source',
  'password_reset_burst',
  'sessions_from_many_networks',
] as const;
export type SuspiciousPattern = (typeof suspiciousPatterns)[number];

/** What operators read in the alert: ids and counts only (2.4). */
export const patternSummaries: Readonly<Record<SuspiciousPattern, string>> = {
  failed_logins_from_one_source: 'Failed logins on many accounts from one source address',
  password_reset_burst: 'Password resets in a burst on one account',
  sessions_from_many_networks: 'Sessions of one account from many networks at once',
};

/** 2.8: how many networks the account's live sessions come from now. */
export const sessionNetworkCount = (account: Pick<Account, 'sessions'>, now: Date): number =>
  new Set(Object.values(unexpiredSessions(account as Account, now)).map((s) => s.network)).size;
