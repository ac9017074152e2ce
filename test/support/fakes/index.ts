import { scryptPasswordHasher } from '../../../functions/adapters/passwords';
import type { ReportDependencies } from '../../../functions/domain/accounts/access-reports';
import type { PasswordHasher } from '../../../functions/domain/accounts/dependencies';
import { publishedAgreements } from '../../../functions/domain/agreement/catalog';
import type { CryptoVault } from '../../../functions/adapters/keys/crypto-vault';
import { InMemoryAccountStore, InMemoryConsentRepository } from './account-store';
import { FakeClock, SequentialIds } from './clock';
import { InMemoryLoginFailureCounter } from './login-failures';
import { InMemoryRateLimiter } from './rate-limiter';
import { RecordingAlerts, RecordingLog, RecordingMetrics, RecordingPhones } from './recorders';
import { InMemoryTable } from './table';
import { fixedKeyVault } from './vault';

export { InMemoryAccountStore, InMemoryConsentRepository, type Meanwhile } from './account-store';
export { FakeClock, SequentialIds, fakeClockStart } from './clock';
export { InMemoryLoginFailureCounter } from './login-failures';
export { InMemoryMonthKeys } from './month-keys';
export { InMemoryRateLimiter } from './rate-limiter';
export { RecordingAlerts, RecordingLog, RecordingMetrics, RecordingPhones, type LogLine } from './recorders';
export { ConditionFailed, InMemoryTable, InvalidRequest } from './table';
export { fixedKeyVault } from './vault';

/** Everything the account rules and access reports need, in memory, each fake typed so the test can steer and read it. */
export interface InMemoryDependencies extends ReportDependencies {
  readonly table: InMemoryTable;
  readonly accounts: InMemoryAccountStore;
  readonly consents: InMemoryConsentRepository;
  readonly vault: CryptoVault;
  readonly limits: InMemoryRateLimiter;
  readonly loginFailures: InMemoryLoginFailureCounter;
  readonly sms: RecordingPhones;
  readonly metrics: RecordingMetrics;
  readonly clock: FakeClock;
  readonly ids: SequentialIds;
  readonly log: RecordingLog;
  readonly alerts: RecordingAlerts;
}

/**
 * Fresh in-memory dependencies: one table for accounts and consents, fixed-window limits, the real vault under
 * fixed keys, real scrypt at a low cost (ln=10, as the integration tests), a clock that moves only when told to.
 * `passwords` replaces the hasher, e.g. with one that lets a test act while a password is checked.
 */
export const inMemoryAccountDependencies = (
  options: { start?: string; passwords?: PasswordHasher } = {},
): InMemoryDependencies => {
  const table = new InMemoryTable();
  return {
    table,
    accounts: new InMemoryAccountStore(table),
    consents: new InMemoryConsentRepository(table),
    agreements: publishedAgreements,
    vault: fixedKeyVault(),
    passwords: options.passwords ?? scryptPasswordHasher({ ln: 10, r: 8, p: 1 }),
    sms: new RecordingPhones(),
    limits: new InMemoryRateLimiter(),
    loginFailures: new InMemoryLoginFailureCounter(),
    metrics: new RecordingMetrics(),
    clock: new FakeClock(options.start),
    ids: new SequentialIds(),
    log: new RecordingLog(),
    alerts: new RecordingAlerts(),
  };
};
