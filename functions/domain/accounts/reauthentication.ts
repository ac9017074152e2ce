import type { AuditAction, RequestOrigin } from '../audit';
import { InvalidCredentials, ReauthenticationRequired } from '../errors';
import type { Authenticated } from './account';
import { auditEntry, type AccountDependencies } from './dependencies';
import { countPasswordAttempt } from './login';
import { updateAccount } from './updates';

/** 2.7: an ID-card login is the owner's strongest proof; for this long it stands in for the password. */
export const idCardProofSeconds = 15 * 60;

/**
 * Checks the current password of the session's account. Each guess counts against the same lockout as logins
 * (Security rules: brute force), so a stolen session cannot try passwords without limit. Returns the hash checked,
 * which a change must find unchanged when it commits (an access report may replace it meanwhile).
 */
export const checkCurrentPassword = async (
  deps: AccountDependencies,
  auth: Authenticated,
  currentPassword: string,
  origin: RequestOrigin,
  action: AuditAction,
): Promise<string> => {
  // The credential used is recorded, so that attribution can flag a guess made with a session a report revoked (2.6).
  const failure = auditEntry(deps, auth.account.accountId, action, origin, {
    result: 'failure',
    sessionId: auth.sessionId,
    credentialIssuedAt: auth.session.createdAt,
  });
  const { passwordHash } = await countPasswordAttempt(deps, auth.account.accountId, failure);
  if (!passwordHash || !(await deps.passwords.verify(currentPassword, passwordHash))) {
    await deps.accounts.appendAudit({ ...failure, detail: 'wrong_password' });
    throw new InvalidCredentials();
  }
  // The right password ends the run of failures, as a login does: the owner never locks themself out by proving
  // who they are (the attempt was counted before the check).
  await updateAccount(deps, auth.account.accountId, (account) => ({
    commit: { account: { ...account, failedLogins: 0, lockedUntil: undefined }, audit: [] },
    result: undefined,
  }));
  return passwordHash;
};

/**
 * 2.7: nobody but the owner can take the account. A sensitive change (phone, export, closure) needs more than a
 * session, which may have been stolen: the current password, or an ID-card login made in the last 15 minutes.
 * Missing proof is 403 `reauthentication_required`; a wrong password is 401 and counts toward the lockout.
 */
export const reauthenticate = async (
  deps: AccountDependencies,
  auth: Authenticated,
  currentPassword: string | undefined,
  origin: RequestOrigin,
  action: AuditAction,
): Promise<void> => {
  const cardAge = deps.clock.now().getTime() - Date.parse(auth.session.createdAt);
  if (auth.session.method === 'id-card' && cardAge < idCardProofSeconds * 1000) return;
  if (currentPassword === undefined) throw new ReauthenticationRequired();
  await checkCurrentPassword(deps, auth, currentPassword, origin, action);
};
