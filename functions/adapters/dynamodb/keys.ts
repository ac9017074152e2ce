/**
 * Item keys of the portal table, one function per entity, so the single-table layout is readable in one place.
 * Personal data never appears in a key: claims are keyed by HMAC (2.4).
 */
export const keys = {
  consent: (consentId: string) => ({ pk: `CONSENT#${consentId}`, sk: 'CONSENT' }),
  /** One fixed window of a rate limit for one opaque key (an HMAC, or `all`); `windowStart` in epoch seconds. */
  rateCounter: (limitName: string, key: string, windowStart: number) => ({
    pk: `RATE#${limitName}#${key}#${windowStart}`,
    sk: 'RATE',
  }),
} as const;

/** DynamoDB TTL value (epoch seconds) for an ISO time. */
export const ttlOf = (isoTime: string): number => Math.ceil(Date.parse(isoTime) / 1000);
