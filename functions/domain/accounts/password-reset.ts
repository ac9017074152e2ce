import type { AuditEntry, RequestOrigin } from '../audit';
import { limits } from '../limits';
import type { E164Phone, Pin } from '../identity';
import type { Account } from './account';
import { auditEntry, type AccountDependencies } from './dependencies';
import { accountOfPhoneAndPin, openPersonalData } from './personal-data';
import { consumePhoneAllowance, consumeSenderAllowance, sendSecret } from './sms';
import { NotRegistered } from '../errors';
import { updateAccount } from './updates';

/**
 * Replaces the password with a generated one, ends every session, and sends the new password by SMS to the
 * registered phone (2.5). Used by the password reset and by access reports (2.7). False when the SMS failed.
 */
export const issueNewPassword = async (
  deps: AccountDependencies,
  accountId: string,
  audit: (account: Account) => AuditEntry[],
): Promise<boolean> => {
  const password = deps.passwords.generate();
  const passwordHash = await deps.passwords.hash(password);
  const account = await updateAccount(deps, accountId, (current) => {
    // An account an operator deleted while the password was hashed (2.2) gets no password and no SMS.
    if (current.status === 'deleted') throw new NotRegistered();
    return {
      commit: {
        account: {
          ...current,
          passwordHash,
          passwordIssuedAt: deps.clock.now().toISOString(),
          sessions: {},
          failedLogins: 0,
          lockedUntil: undefined,
        },
        audit: audit(current),
        sessionsToForget: Object.values(current.sessions).map((session) => session.tokenHash),
      },
      result: current,
    };
  });
  const { phone } = openPersonalData(deps.vault, account);
  return sendSecret(deps, {
    phone,
    kind: 'new_password',
    language: account.consent.language,
    secret: password,
    accountId,
  });
};

/**
 * POST /v1/password-resets: where phone and PIN belong to the same account, a new password goes by SMS to that
 * phone and every session ends. The answer is the same whatever the data (no enumeration), and so is the work:
 * one KDF hash either way.
 */
export const resetPassword = async (
  deps: AccountDependencies,
  request: { phone: E164Phone; pin: Pin },
  origin: RequestOrigin,
): Promise<void> => {
  await consumeSenderAllowance(deps, origin.ip);
  const { account, matches } = await accountOfPhoneAndPin(deps, request.phone, request.pin);
  if (!account || !matches) {
    await deps.passwords.hash(deps.passwords.generate());
    if (account) {
      await deps.accounts.appendAudit(
        auditEntry(deps, account.accountId, 'password_reset_failed', origin, {
          result: 'failure',
          detail: 'pin_mismatch',
        }),
      );
    }
    return;
  }
  // Only a request with the right PIN counts against the phone: others cannot use up its owner's reset (2.7).
  await deps.limits.consume(
    limits.passwordResetsPerPhone,
    deps.vault.lookupKey('phone', request.phone),
    deps.clock.now(),
  );
  await consumePhoneAllowance(deps, request.phone);
  await issueNewPassword(deps, account.accountId, (current) => [
    auditEntry(deps, current.accountId, 'password_reset', origin),
    ...Object.keys(current.sessions).map((sessionId) =>
      auditEntry(deps, current.accountId, 'logout', origin, { sessionId, detail: 'password_reset' }),
    ),
  ]).catch((error: unknown) => {
    // Deleted meanwhile: the same 202 as for any phone and PIN that match no account.
    if (!(error instanceof NotRegistered)) throw error;
  });
};
