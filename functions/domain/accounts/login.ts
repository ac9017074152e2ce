import { logEvents } from '../../commons/log-events';
import type { AuditEntry, RequestOrigin } from '../audit';
import { limits } from '../limits';
import { requesterOf } from '../network';
import { AccountLocked, InvalidCredentials } from '../errors';
import type { Account } from './account';
import { auditEntry, type SessionDependencies } from './dependencies';
import { afterFailure, lockSecondsAfter, passwordLockout, type FailureRun } from './login-failures';
import { openSession, refuseDeniedLogin, type OpenedSession } from './sessions';
import { updateAccount } from './updates';

const secondsUntil = (until: Date, now: Date) =>
  Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/**
 * The account's run of failed logins in the terms of login-failures.ts, so that it follows the very rule an
 * unknown phone's run follows (2.7: they lock and are forgotten alike). `lockedUntil` is the end of the lock the
 * run's last failure earned: that failure's own time when it earned none (so it is never in the future then).
 */
const failureRunOf = (account: Account, now: Date): FailureRun | undefined => {
  if (account.failedLogins === 0) return undefined;
  // A run counted before runs kept their time: as if its last failure were now (forgotten from then on).
  if (account.lockedUntil === undefined)
    return { failures: account.failedLogins, lastFailureAt: now.getTime() };
  const lock = lockSecondsAfter(passwordLockout, account.failedLogins);
  return { failures: account.failedLogins, lastFailureAt: Date.parse(account.lockedUntil) - lock * 1000 };
};

/**
 * Counts a password attempt before the password is checked, so that parallel guesses cannot outrun the lockout
 * (Security rules): an account already locked answers 423 with Retry-After, unchecked; otherwise the attempt
 * counts as a failure until the password proves right (a login resets the count), and from the 5th in a row the
 * account locks with growing delays; a run is forgotten as an unknown phone's is (passwordLockout).
 * Returns the account as it stood, whose password hash is the one to check.
 */
export const countPasswordAttempt = (
  deps: SessionDependencies,
  accountId: string,
  audit: AuditEntry,
): Promise<Account> =>
  updateAccount(deps, accountId, (account) => {
    const now = deps.clock.now();
    const { outcome, next } = afterFailure(passwordLockout, failureRunOf(account, now), now);
    if (outcome.locked) throw new AccountLocked(secondsUntil(outcome.lockedUntil, now));
    return {
      commit: {
        account: {
          ...account,
          failedLogins: next!.failures,
          lockedUntil: (outcome.lockedUntil ?? now).toISOString(),
        },
        audit: [],
      },
      result: account,
    };
  }).catch(async (error: unknown) => {
    if (error instanceof AccountLocked) {
      await deps.accounts.appendAudit({ ...audit, detail: 'locked' });
      deps.metrics.count('Lockouts');
    }
    throw error;
  });

/**
 * Counts a failed attempt on a phone that opens no account (none, a deleted one, one without a password) as
 * countPasswordAttempt counts one on an account, by the same schedule (2.7: unknown phones lock alike, so the
 * lockout tells nobody whether a phone is registered): one conditional write, keyed by the phone's lookup key;
 * 423 with Retry-After once locked.
 */
const countUnknownPhoneAttempt = async (deps: SessionDependencies, phone: string): Promise<void> => {
  const now = deps.clock.now();
  const outcome = await deps.loginFailures.countFailure(
    deps.vault.lookupKey('phone', phone),
    now,
    passwordLockout,
  );
  if (outcome.locked) {
    deps.metrics.count('Lockouts');
    deps.log.info(logEvents.loginFailed, { reason: 'unknown_login_locked' });
    throw new AccountLocked(secondsUntil(outcome.lockedUntil, now));
  }
};

/**
 * Password login (2.1, 2.5: the phone is the login). A wrong password and an unknown phone are the same 401, cost
 * the same KDF time and lock alike; a locked account (or unknown phone) answers 423 with Retry-After without
 * checking the password; a blocked account 403 after the right password only.
 */
export const loginWithPassword = async (
  deps: SessionDependencies,
  credentials: { phone: string; password: string },
  origin: RequestOrigin,
): Promise<OpenedSession> => {
  const now = deps.clock.now();
  await deps.limits.consume(
    limits.loginsPerSourceIp,
    deps.vault.lookupKey('rate_ip', requesterOf(origin.ip)),
    now,
  );
  const accountId = await deps.accounts.findByClaim(
    'phone',
    deps.vault.lookupKey('phone', credentials.phone),
  );
  const known: Account | undefined = accountId ? await deps.accounts.get(accountId) : undefined;
  if (!known || !known.passwordHash || known.status === 'deleted') {
    await countUnknownPhoneAttempt(deps, credentials.phone);
    await deps.passwords.verifyDummy(credentials.password);
    deps.log.info(logEvents.loginFailed, { reason: 'unknown_login' });
    throw new InvalidCredentials();
  }
  const failure = auditEntry(deps, known.accountId, 'login_failed', origin, { result: 'failure' });
  const account = await countPasswordAttempt(deps, known.accountId, failure);
  if (!account.passwordHash || !(await deps.passwords.verify(credentials.password, account.passwordHash))) {
    await deps.accounts.appendAudit({ ...failure, detail: 'wrong_password' });
    deps.metrics.count('LoginFailures', 1, { method: 'password' });
    deps.log.info(logEvents.loginFailed, { accountId: account.accountId, reason: 'wrong_password' });
    throw new InvalidCredentials();
  }
  await refuseDeniedLogin(deps, account, origin);
  const upgradedHash = deps.passwords.needsRehash(account.passwordHash)
    ? await deps.passwords.hash(credentials.password)
    : undefined;
  const session = await openSession(deps, account.accountId, 'password', origin, (fresh) => {
    // The password checked must still be the account's: an access report (2.7) or a reset while the hash was
    // computed replaced it, and this login must not outlive that.
    if (fresh.passwordHash !== account.passwordHash) throw new InvalidCredentials();
    return upgradedHash ? { passwordHash: upgradedHash } : {};
  });
  deps.log.info(logEvents.loginSucceeded, { accountId: account.accountId, method: 'password' });
  return session;
};
