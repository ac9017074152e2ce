import type { RequestOrigin } from '../audit';
import { InvalidCode, WeakPassword } from '../errors';
import type { E164Phone, Pin } from '../identity';
import { checkChosenPassword } from '../passwords';
import { checkCode, requestCode } from './codes';
import { auditEntry, type AccountDependencies } from './dependencies';
import { accountOfPhoneAndPin, openPersonalData } from './personal-data';
import { sendSms } from './sms';
import { updateAccount } from './updates';

/**
 * POST /v1/password-resets: where phone and PIN belong to one account, a code goes by SMS to that phone. Nothing
 * changes yet: the password and every session stay as they are until the owner's code comes back (2.7), so a
 * stranger who knows phone and PIN can neither log the owner out nor change the password. The answer is the same
 * `requestId` whatever the data, with the same limits (no enumeration): a request that matches nothing stores a
 * decoy under its id.
 */
export const requestPasswordReset = async (
  deps: AccountDependencies,
  request: { phone: E164Phone; pin: Pin },
  origin: RequestOrigin,
): Promise<{ requestId: string }> => {
  const { requestId, recipient, issued } = await requestCode(
    deps,
    'password_reset',
    { phone: request.phone, ip: origin.ip },
    () => accountOfPhoneAndPin(deps, request.phone, request.pin),
  );
  const { account, matches } = recipient;
  if (account && issued)
    await deps.accounts.appendAudit(auditEntry(deps, account.accountId, 'password_reset_requested', origin));
  else if (account && !matches)
    await deps.accounts.appendAudit(
      auditEntry(deps, account.accountId, 'password_reset_failed', origin, {
        result: 'failure',
        detail: 'pin_mismatch',
      }),
    );
  return { requestId };
};

/**
 * POST /v1/password-resets/confirm: the owner's code sets the password they chose; every session ends and the
 * phone gets a notice (2.7). A weak password is refused before the code is used up, so the code stays usable for
 * another try; wrong guesses count against this request only.
 */
export const confirmPasswordReset = async (
  deps: AccountDependencies,
  request: { requestId: string; code: string; newPassword: string },
  origin: RequestOrigin,
): Promise<void> => {
  const pending = await checkCode(deps, 'password_reset', request.requestId, request.code);
  const owner = await deps.accounts.get(pending.accountId);
  if (!owner || owner.status === 'deleted') throw new InvalidCode();
  const data = openPersonalData(deps.vault, owner);
  const policy = checkChosenPassword(request.newPassword, data);
  if (!policy.ok) throw new WeakPassword(policy.error.reason);
  const passwordHash = await deps.passwords.hash(request.newPassword);
  const account = await updateAccount(deps, pending.accountId, (current) => {
    // An account an operator deleted meanwhile (2.2): its codes are void.
    if (current.status === 'deleted') throw new InvalidCode();
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
        audit: [
          auditEntry(deps, current.accountId, 'password_reset', origin),
          ...Object.keys(current.sessions).map((sessionId) =>
            auditEntry(deps, current.accountId, 'logout', origin, { sessionId, detail: 'password_reset' }),
          ),
        ],
        sessionsToForget: Object.values(current.sessions).map((session) => session.tokenHash),
        codeToConsume: { purpose: 'password_reset', requestId: request.requestId },
      },
      result: current,
    };
  });
  await sendSms(deps, {
    phone: openPersonalData(deps.vault, account).phone,
    kind: 'password_changed_notice',
    language: account.consent.language,
    accountId: account.accountId,
  });
};
