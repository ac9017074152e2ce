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

const expandIpv6 = (ip: string): string[] | undefined => {
  const [head = '', tail, ...rest] = ip.toLowerCase().split('::');
  if (rest.length > 0) return undefined;
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return undefined;
  const groups = [...left, ...Array<string>(missing).fill('0'), ...right];
  return groups.every((group) => /^[0-9a-f]{1,4}$/.test(group)) ? groups : undefined;
};

/**
 * The network an address belongs to: its IPv4 /24 or IPv6 /48, the size a provider gives one site. Two sessions
 * from one office or one mobile carrier's pool count as one network; anything unparseable counts by itself.
 */
export const networkOf = (ip: string): string => {
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/i.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const groups = expandIpv6(ip);
  return groups
    ? `${groups
        .slice(0, 3)
        .map((g) => Number.parseInt(g, 16).toString(16))
        .join(':')}::/48`
    : ip;
};

/** 2.8: how many networks the account's live sessions come from now. */
export const sessionNetworkCount = (account: Pick<Account, 'sessions'>, now: Date): number =>
  new Set(Object.values(unexpiredSessions(account as Account, now)).map((s) => networkOf(s.ip))).size;
