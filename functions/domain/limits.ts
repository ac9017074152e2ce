import type { RateLimit } from './ports';

/**
 * The portal's rate limits (2.8, DESIGN Security rules: "limit SMS per phone, per IP and overall"), declared once.
 * Windows are fixed, so a burst across a window boundary may reach twice `max`; the limits are set with that in
 * mind. Keys are opaque: an HMAC of the phone, of the IP, of a (phone, network) pair (PersonalDataVault.lookupKey),
 * or {@link everyone}.
 *
 * Who counts as one network (network.ts): the requester is an IPv4 address or an IPv6 /64 (the least a provider
 * gives one subscriber); an IPv6 site is the /48 around a /64 (what a provider gives one customer), counted as
 * well and more loosely, because one site holds 65,536 /64s.
 */

/** The key of limits that count every request of the portal together. */
export const everyone = 'all';

const minutes = (n: number): number => n * 60;
const hours = (n: number): number => n * 3600;
const days = (n: number): number => n * 86_400;

export const limits = {
  // --- The sender's allowances: per requester, per IPv6 site, overall (2.8). ---
  /**
   * Security rules: SMS requests per requester (IPv4 address or IPv6 /64). Generous, because offices and mobile
   * carriers put many applicants behind one address (NAT); it stops one client from walking through many phones.
   */
  smsPerSourceIp: { name: 'sms-ip', max: 60, windowSeconds: hours(1) },
  /**
   * 2.8: SMS requests per IPv6 site (/48), on top of the /64 above: a routed /48 is 65,536 fresh /64s, and must
   * not be 65,536 allowances. Looser than one /64 (4×), since a site is a whole office or household.
   */
  smsPerSourceSite: { name: 'sms-ip-site', max: 240, windowSeconds: hours(1) },
  /** Security rules: SMS requests overall, a fuse against SMS pumping and runaway costs; far above normal traffic. */
  smsOverall: { name: 'sms-all', max: 1000, windowSeconds: minutes(1) },

  // --- A phone's allowances, per requesting network (2.7, 2.8, DESIGN Codes). ---
  // Counted for every request that names the phone, before the account is looked up and whether or not phone and
  // PIN match, so that the answers are the same either way (no enumeration); per network, so that a stranger who
  // knows a phone and PIN uses up the allowance of the stranger's own network only, never the owner's.
  /** 2.5, 2.7: new passwords by SMS (POST /v1/password-resets), per (phone, requester). */
  passwordResetsPerPhoneNetwork: { name: 'reset-phone-net', max: 3, windowSeconds: hours(1) },
  /** 2.7: codes to report unauthorized access without logging in (POST /v1/access-reports), per (phone, requester). */
  accessReportCodesPerPhoneNetwork: { name: 'report-phone-net', max: 3, windowSeconds: hours(1) },
  /** 2.2, 2.7: codes to a new phone (POST /v1/me/phone-changes), per (new phone, requester). */
  phoneChangeCodesPerPhoneNetwork: { name: 'phone-change-phone-net', max: 3, windowSeconds: hours(1) },
  /**
   * 2.7, 2.8: every purpose above together, per (phone, requester) and day: what one network can ask of one phone
   * in the window of the daily ceiling, kept well below that ceiling (a quarter of it).
   */
  smsPerPhoneNetwork: { name: 'sms-phone-net', max: 5, windowSeconds: days(1) },
  /**
   * 2.7, 2.8: the same per (phone, IPv6 site /48) and day: looser than one /64, yet below the ceiling, so that one
   * site's 65,536 /64s are not 65,536 networks.
   */
  smsPerPhoneSite: { name: 'sms-phone-site', max: 8, windowSeconds: days(1) },
  /**
   * 2.7, 2.8 (DESIGN Codes): the daily ceiling of SMS to one phone, keyed by the phone alone and counted only for
   * an SMS about to go. Past it the request still answers 202 and sends nothing (the ID card stays the owner's
   * way in), so a ceiling reached by strangers refuses nobody. 4× one network's daily allowance (2.5× one IPv6
   * site's): a stranger needs several networks to reach it, and the phone never gets more than this in a day.
   */
  smsPerPhoneDaily: { name: 'sms-phone-day', max: 20, windowSeconds: days(1) },

  // --- Until every caller counts per network (then remove it with consumePhoneAllowance). ---
  /** Security rules: SMS per phone alone (registration, phone change), which a stranger can use up. */
  smsPerPhone: { name: 'sms-phone', max: 3, windowSeconds: minutes(10) },

  /**
   * Security rules (brute force) and 2.8: password logins per source IP, across accounts; the per-account
   * lockout with growing delays is separate. Generous for NAT, like SMS per IP.
   */
  loginsPerSourceIp: { name: 'login-ip', max: 100, windowSeconds: minutes(10) },
} as const satisfies Record<string, RateLimit>;

/**
 * 2.7 (no enumeration), Security rules (lockout): how long a run of failed password logins is remembered after its
 * last failure, or after the end of the lock it earned; then the next failure starts a new run. The same for
 * registered and unknown phones (login-failures.ts), so that forgetting tells nobody which is which. Unknown
 * phones' counters need an end (a TTL), or guesses at random phones would pile up in the table; a week, not a day,
 * so that a slow guesser who waits for a run to be forgotten gains little over one who waits out the day-long lock.
 */
export const lockoutMemorySeconds = days(7);
