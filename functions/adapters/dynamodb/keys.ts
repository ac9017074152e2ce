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
  account: (accountId: string) => ({ pk: `ACCOUNT#${accountId}`, sk: 'PROFILE' }),
  /** 2.2: one item per unique identifier (phone, PIN, passport), keyed by its HMAC. */
  claim: (kind: string, lookupKey: string) => ({ pk: `CLAIM#${kind}#${lookupKey}`, sk: 'CLAIM' }),
  /** Found by the hash of the bearer token on every request. */
  session: (tokenHash: string) => ({ pk: `SESSION#${tokenHash}`, sk: 'SESSION' }),
  /** 2.6: append-only, newest last in key order. */
  audit: (accountId: string, at: string, entryId: string) => ({
    pk: `AUDIT#${accountId}`,
    sk: `${at}#${entryId}`,
  }),
  auditPartition: (accountId: string) => `AUDIT#${accountId}`,
  /** ID-card login: one-time challenges (2.1). */
  challenge: (challengeId: string) => ({ pk: `CHALLENGE#${challengeId}`, sk: 'CHALLENGE' }),
  code: (purpose: string, accountId: string) => ({ pk: `CODE#${purpose}#${accountId}`, sk: 'CODE' }),
  report: (accountId: string, reportedAt: string, reportId: string) => ({
    pk: `REPORT#${accountId}`,
    sk: `${reportedAt}#${reportId}`,
  }),
  reportPartition: (accountId: string) => `REPORT#${accountId}`,
} as const;

/** Attributes that exist for the table, not for the domain. */
const storageAttributes = new Set(['pk', 'sk', 'type', 'ttl', 'gsi1pk', 'gsi1sk']);

/** The domain object inside an item: the item without its keys, type tag and TTL. */
export const fromItem = <T>(item: Record<string, unknown>): T =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !storageAttributes.has(name))) as T;

/** DynamoDB TTL value (epoch seconds) for an ISO time. */
export const ttlOf = (isoTime: string): number => Math.ceil(Date.parse(isoTime) / 1000);
