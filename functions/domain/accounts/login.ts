import { log, logEvents } from '../../commons/log';
import type { RequestOrigin } from '../audit';
import { limits } from '../limits';
import { AccountLocked, InvalidCredentials } from '../errors';
import { lockoutDelaySeconds, type Account } from './account';
import { auditEntry, type SessionDependencies } from './dependencies';
import { openSession, refuseDeniedLogin, type OpenedSession } from './sessions';
import { updateAccount } from './updates';

const secondsUntil = (iso: string, now: Date) =>
  Math.max(1, Math.ceil((Date.parse(iso) - now.getTime()) / 1000));

/** Counts a failed password with a conditional write; from the 5th, locks with growing delays (Security rules). */
const recordFailure = (deps: SessionDependencies, accountId: string, origin: RequestOrigin): Promise<void> =>
  updateAccount(deps, accountId, (account) => {
    const now = deps.clock.now();
    const failedLogins = account.failedLogins + 1;
    const delay = lockoutDelaySeconds(failedLogins);
    return {
      commit: {
        account: {
          ...account,
          failedLogins,
          lockedUntil: delay > 0 ? new Date(now.getTime() + delay * 1000).toISOString() : account.lockedUntil,
        },
        audit: [
          auditEntry(deps, accountId, 'login_failed', origin, {
            result: 'failure',
            detail: 'wrong_password',
          }),
        ],
      },
      result: undefined,
    };
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
  await deps.limits.consume(limits.loginsPerSourceIp, deps.vault.lookupKey('rate_ip', origin.ip), now);
  const accountId = await deps.accounts.findByClaim(
    'phone',
    deps.vault.lookupKey('phone', credentials.phone),
  );
  const account: Account | undefined = accountId ? await deps.accounts.get(accountId) : undefined;
  if (!account || !account.passwordHash || account.status === 'deleted') {
    await deps.passwords.verifyDummy(credentials.password);
    log.info(logEvents.loginFailed, { reason: 'unknown_login' });
    throw new InvalidCredentials();
  }
  if (account.lockedUntil && Date.parse(account.lockedUntil) > now.getTime()) {
    await deps.accounts.appendAudit(
      auditEntry(deps, account.accountId, 'login_failed', origin, { result: 'failure', detail: 'locked' }),
    );
    deps.metrics.count('Lockouts');
    throw new AccountLocked(secondsUntil(account.lockedUntil, now));
  }
  if (!(await deps.passwords.verify(credentials.password, account.passwordHash))) {
    await recordFailure(deps, account.accountId, origin);
    deps.metrics.count('LoginFailures', 1, { method: 'password' });
    log.info(logEvents.loginFailed, { accountId: account.accountId, reason: 'wrong_password' });
    throw new InvalidCredentials();
  }
  await refuseDeniedLogin(deps, account, origin);
  const upgradedHash = deps.passwords.needsRehash(account.passwordHash)
    ? await deps.passwords.hash(credentials.password)
    : undefined;
  const session = await openSession(deps, account.accountId, 'password', origin, (fresh) =>
    upgradedHash && fresh.passwordHash === account.passwordHash ? { passwordHash: upgradedHash } : {},
  );
  log.info(logEvents.loginSucceeded, { accountId: account.accountId, method: 'password' });
  return session;
};
