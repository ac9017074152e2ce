import type { RateLimit } from './ports';

/**
 * The portal's rate limits (2.8, DESIGN Security rules: "limit SMS per phone, per IP and overall"), declared once.
 * Windows are fixed, so a burst across a window boundary may reach twice `max`; the limits are set with that in
 * mind. Keys are opaque: an HMAC of the phone or IP (PersonalDataVault.lookupKey), or {@link everyone}.
 */

/** The key of limits that count every request of the portal together. */
export const everyone = 'all';

const minutes = (n: number): number => n * 60;
const hours = (n: number): number => n * 3600;

export const limits = {
  /** Security rules: SMS per phone, so that nobody can flood an applicant's phone with passwords and codes. */
  smsPerPhone: { name: 'sms-phone', max: 3, windowSeconds: minutes(10) },
  /**
   * Security rules: SMS per source IP. Generous, because offices and mobile carriers put many applicants behind
   * one address (NAT); it stops one client from walking through many phone numbers.
   */
  smsPerSourceIp: { name: 'sms-ip', max: 60, windowSeconds: hours(1) },
  /** Security rules: SMS overall, a fuse against SMS pumping and runaway costs; far above normal traffic. */
  smsOverall: { name: 'sms-all', max: 1000, windowSeconds: minutes(1) },
  /** 2.5: a new password by SMS (POST /v1/password-resets), per phone. */
  passwordResetsPerPhone: { name: 'password-reset-phone', max: 3, windowSeconds: hours(1) },
  /** 2.7: codes for reporting unauthorized access without logging in (POST /v1/access-reports), per phone. */
  accessReportCodesPerPhone: { name: 'access-report-code-phone', max: 3, windowSeconds: hours(1) },
  /**
   * Security rules (brute force) and 2.8: password logins per source IP, across accounts; the per-account
   * lockout with growing delays is separate. Generous for NAT, like SMS per IP.
   */
  loginsPerSourceIp: { name: 'login-ip', max: 100, windowSeconds: minutes(10) },
} as const satisfies Record<string, RateLimit>;
