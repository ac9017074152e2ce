import type { RequestOrigin } from '../audit';
import { AlreadyRegistered, InvalidCode } from '../errors';
import type { E164Phone } from '../identity';
import { cabinetView, type CabinetView } from './cabinet';
import { checkCode, issueCode } from './codes';
import { auditEntry, type AccountDependencies } from './dependencies';
import { claimsOf, openPersonalData, sealPersonalData } from './personal-data';
import type { Authenticated } from './account';
import { consumePhoneAllowance, consumeSenderAllowance, sendSecret } from './sms';
import { updateAccountAs } from './updates';

/**
 * 2.2, 2.5: the applicant moves the login to a new phone. A 6-digit code goes to the new phone; the change
 * happens only when it comes back (POST /v1/me/phone-changes/confirm).
 */
export const requestPhoneChange = async (
  deps: AccountDependencies,
  auth: Authenticated,
  newPhone: E164Phone,
  origin: RequestOrigin,
): Promise<void> => {
  // The sender's allowances count first, so that the 409 for a registered phone cannot be asked without limit;
  // the phone's only for a code about to go to it, so that nobody uses up another's SMS.
  await consumeSenderAllowance(deps, origin.ip);
  const taken = await deps.accounts.findByClaim('phone', deps.vault.lookupKey('phone', newPhone));
  if (taken !== undefined) throw new AlreadyRegistered();
  await consumePhoneAllowance(deps, newPhone);
  const code = await issueCode(
    deps,
    'phone_change',
    auth.account.accountId,
    deps.vault.seal(newPhone, auth.account.accountId),
  );
  await deps.accounts.appendAudit(
    auditEntry(deps, auth.account.accountId, 'phone_change_requested', origin, {
      sessionId: auth.sessionId,
      credentialIssuedAt: auth.session.createdAt,
    }),
  );
  await sendSecret(deps, {
    phone: newPhone,
    kind: 'phone_change_code',
    language: auth.account.consent.language,
    secret: code,
    accountId: auth.account.accountId,
  });
};

export const confirmPhoneChange = async (
  deps: AccountDependencies,
  auth: Authenticated,
  code: string,
  origin: RequestOrigin,
): Promise<CabinetView> => {
  const accountId = auth.account.accountId;
  const pending = await checkCode(deps, 'phone_change', accountId, code).catch(async (error: unknown) => {
    await deps.accounts.appendAudit(
      auditEntry(deps, accountId, 'phone_change_failed', origin, {
        result: 'failure',
        sessionId: auth.sessionId,
        detail: 'invalid_code',
      }),
    );
    throw error;
  });
  if (!pending.sealedPayload) throw new InvalidCode();
  const newPhone = deps.vault.open(pending.sealedPayload, accountId) as E164Phone;
  return updateAccountAs(deps, auth, (account) => {
    const data = { ...openPersonalData(deps.vault, account), phone: newPhone };
    const phone = claimsOf(deps.vault, data).phone;
    const updated = {
      ...account,
      sealedPersonalData: sealPersonalData(deps.vault, accountId, data),
      claims: { ...account.claims, phone },
    };
    return {
      commit: {
        account: updated,
        audit: [
          auditEntry(deps, accountId, 'phone_changed', origin, {
            sessionId: auth.sessionId,
            credentialIssuedAt: auth.session.createdAt,
          }),
        ],
        claimsToAdd: { phone },
        claimsToRemove: { phone: account.claims.phone },
        codeToConsume: { purpose: 'phone_change', accountId },
      },
      result: cabinetView(deps, updated),
    };
  });
};
