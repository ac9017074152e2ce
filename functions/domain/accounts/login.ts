import { logEvents } from '../../commons/log-events';
import type { AuditEntry, RequestOrigin } from '../audit';
import { limits } from '../limits';
import { requesterOf } from '../network';
import { AccountLocked, InvalidCredentials } from '../errors';
import { lockoutDelaySeconds, type Account } from './account';
import { auditEntry, type SessionDependencies } from './dependencies';
import { openSession, refuseDeniedLogin, type OpenedSession } from './sessions';
import { updateAccount } from './updates';

const secondsUntil = (iso: string, now: Date) =>
  Math.max(1, Math.ceil((Date.parse(iso) - now.getTime()) / 1000));

/**
 * Counts a password attempt before the password is checked, so that parallel guesses cannot outrun the lockout
 * (Security rules): an account already locked answers 423 with Retry-After, unchecked; otherwise the attempt
 * counts as a failure until the password proves right (a login resets the count), and from the 5th in a row the
 * account locks with growing delays. Returns the account as it stood, whose password hash is the one to check.
 */
export const countPasswordAttempt = (
  deps: SessionDependencies,
  accountId: string,
  audit: AuditEntry,
): Promise<Account> =>
  updateAccount(deps, accountId, (account) => {
    const now = deps.clock.now();
    if (account.lockedUntil && Date.parse(account.lockedUntil) > now.getTime())
      throw new AccountLocked(secondsUntil(account.lockedUntil, now));
    const failedLogins = account.failedLogins + 1;
    const delay = lockoutDelaySeconds(failedLogins);
    return {
      commit: {
        account: {
          ...account,
          failedLogins,
          lockedUntil: delay > 0 ? new Date(now.getTime() + delay * 1000).toISOString() : account.lockedUntil,
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
 * Password login (2.1, 2.5: the phone is the login). A wrong password and an unknown phone are the same 401 and
 * cost the same KDF time; a locked account answers 423 with Retry-After without checking the password; a blocked
 * one 403 after the right password only.
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
