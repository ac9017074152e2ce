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
  /** 2.7: failed password logins on a phone that opens no account, keyed by the phone's lookup key (an HMAC). */
  loginFailures: (phoneLookupKey: string) => ({ pk: `LOGINFAIL#${phoneLookupKey}`, sk: 'LOGINFAIL' }),
  account: (accountId: string) => ({ pk: `ACCOUNT#${accountId}`, sk: 'PROFILE' }),
  /** 2.2: one item per unique identifier (phone, PIN, passport), keyed by its HMAC. */
  claim: (kind: string, lookupKey: string) => ({ pk: `CLAIM#${kind}#${lookupKey}`, sk: 'CLAIM' }),
  /** 2.7: a previous phone reserved to its account for a while, keyed by the phone's HMAC like its claim. */
  reservation: (lookupKey: string) => ({ pk: `RESERVED#phone#${lookupKey}`, sk: 'RESERVED' }),
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
  /** 2.7: a code belongs to the request that asked for it. */
  code: (purpose: string, requestId: string) => ({ pk: `CODE#${purpose}#${requestId}`, sk: 'CODE' }),
  report: (accountId: string, reportedAt: string, reportId: string) => ({
    pk: `REPORT#${accountId}`,
    sk: `${reportedAt}#${reportId}`,
  }),
  reportPartition: (accountId: string) => `REPORT#${accountId}`,
  /** 2.4: the key that seals a calendar month's IP addresses and user agents, wrapped; deleted past retention. */
  networkKey: (month: string) => ({ pk: 'NETWORKKEY', sk: month }),
  networkKeyPartition: 'NETWORKKEY',
  /** 2.3: supporting documents of an account, and one counter per verification demand (its requestedAt). */
  document: (accountId: string, documentId: string) => ({
    pk: `DOCUMENTS#${accountId}`,
    sk: `DOCUMENT#${documentId}`,
  }),
  documentCounter: (accountId: string, demandRequestedAt: string) => ({
    pk: `DOCUMENTS#${accountId}`,
    sk: `DEMAND#${demandRequestedAt}`,
  }),
  documentPartition: (accountId: string) => `DOCUMENTS#${accountId}`,
} as const;

/** Attributes that exist for the table, not for the domain. */
const storageAttributes = new Set(['pk', 'sk', 'type', 'ttl', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk']);

/** The domain object inside an item: the item without its keys, type tag and TTL. */
export const fromItem = <T>(item: Record<string, unknown>): T =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !storageAttributes.has(name))) as T;

/** DynamoDB TTL value (epoch seconds) for an ISO time. */
export const ttlOf = (isoTime: string): number => Math.ceil(Date.parse(isoTime) / 1000);
