import type { RequestOrigin } from './audit';

/**
 * 2.4: how long the IP address and user agent of an audit entry, a consent or an access report stay readable.
 * The entries themselves stay (2.6, append-only); only where they came from becomes unreadable. The purge's
 * setting defaults to it, and the Privacy Policy states it.
 */
export const networkDataRetentionDays = 365;

/** What the applicant sees (activity, export) in place of an IP address or user agent past retention. */
export const shreddedNetworkData = '—';

/** A calendar month in UTC, `YYYY-MM`: network data is sealed under one key per month. */
export type SealingMonth = string;

export const sealingMonthOf = (at: Date | string): SealingMonth => new Date(at).toISOString().slice(0, 7);

/**
 * 2.4: network data sealed under a key per calendar month, so that destroying a month's key makes every IP
 * address and user agent of that month unreadable at once (crypto-shredding) without touching the append-only
 * entries that hold them.
 */
export interface NetworkDataSealer {
  /** Seals `origin` under the key of the month of `at`, creating that key if it is the first use. */
  seal(origin: RequestOrigin, at: string): Promise<string>;
  /** Opens what `seal` gave, in order; `shreddedNetworkData` in both fields where the month's key is destroyed. */
  open(sealed: readonly string[]): Promise<RequestOrigin[]>;
  /** Destroys the keys of every month before `month`; answers the months destroyed, oldest first. */
  destroyKeysBefore(month: SealingMonth): Promise<SealingMonth[]>;
}
