import type { Log } from '../../commons/log-events';
import type { DocumentCatalog } from '../agreement/catalog';
import type { AuditAction, AuditEntry, RequestOrigin } from '../audit';
import type { ConsentLookup } from '../consent/consent';
import type { Clock, IdGenerator, PersonalDataVault, PortalMetrics, RateLimiter, SmsSender } from '../ports';
import type { LoginFailureCounter } from './login-failures';
import type { AccountStore } from './store';

/** How passwords are hashed and checked (scrypt in production; tests may pass cheaper parameters). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
  /** Equalizes timing when there is no hash to check (unknown phone). */
  verifyDummy(password: string): Promise<false>;
  needsRehash(hash: string): boolean;
  /** A new password for SMS (2.5): at least 60 bits of entropy. */
  generate(): string;
}

/** Everything the account rules need from the world; handlers bind the real ones once (dependencies.ts). */
export interface AccountDependencies {
  readonly accounts: AccountStore;
  readonly consents: ConsentLookup;
  readonly agreements: DocumentCatalog;
  readonly vault: PersonalDataVault;
  readonly passwords: PasswordHasher;
  readonly sms: SmsSender;
  readonly limits: RateLimiter;
  /** Failed password logins on phones that open no account, so that they lock alike (2.7: no enumeration). */
  readonly loginFailures: LoginFailureCounter;
  readonly metrics: PortalMetrics;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Outcomes and ids only (2.4): never personal data or secrets. */
  readonly log: Log;
}

/** What signing in and out needs: all of the above but SMS, which neither way sends (2.1, 2.7). */
export type SessionDependencies = Omit<AccountDependencies, 'sms'>;

let entrySequence = 0;

/** Entry ids sort in the order this process wrote them, so entries of the same millisecond keep their order. */
const nextEntryId = (ids: IdGenerator): string => {
  entrySequence = (entrySequence + 1) % 36 ** 6;
  return `${entrySequence.toString(36).padStart(6, '0')}-${ids.newId()}`;
};

/** An audit entry for `accountId`, stamped now (2.6). */
export const auditEntry = (
  deps: Pick<AccountDependencies, 'clock' | 'ids'>,
  accountId: string,
  action: AuditAction,
  origin: RequestOrigin | undefined,
  extra: Partial<Omit<AuditEntry, 'entryId' | 'accountId' | 'action' | 'at'>> = {},
): AuditEntry => ({
  entryId: nextEntryId(deps.ids),
  accountId,
  at: deps.clock.now().toISOString(),
  action,
  result: 'success',
  ...(origin && { ip: origin.ip, userAgent: origin.userAgent }),
  ...extra,
});
