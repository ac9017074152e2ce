import type { RequestOrigin } from '../audit';
import { AlreadyRegistered, InvalidCode } from '../errors';
import type { E164Phone } from '../identity';
import { cabinetView, type CabinetView } from './cabinet';
import { checkCode, issueCode } from './codes';
import { auditEntry, type AccountDependencies } from './dependencies';
import { openPersonalData } from './personal-data';
import { movePhone, reservedPhone, restorePhone } from './previous-phones';
import type { Authenticated } from './account';
import { consumeRequestAllowances, sendSms, withinDailyCeiling } from './sms';
import { reauthenticate } from './reauthentication';
import { updateAccountAs } from './updates';

/**
 * 2.2, 2.5: the applicant moves the login to a new phone. A 6-digit code goes to the new phone; the change
 * happens only when it comes back (POST /v1/me/phone-changes/confirm). 2.7: a session alone cannot move the
 * login (it may be stolen): the current password, or an ID-card login of the last 15 minutes, must prove the owner.
 */
export const requestPhoneChange = async (
  deps: AccountDependencies,
  auth: Authenticated,
  { newPhone, currentPassword }: { newPhone: E164Phone; currentPassword?: string },
  origin: RequestOrigin,
): Promise<void> => {
  await reauthenticate(deps, auth, currentPassword, origin, 'phone_change_failed');
  // The requester's allowances count first, so that the 409 for a registered phone cannot be asked without limit;
  // the phone's own only for a code about to go to it, so that nobody uses up another's SMS.
  await consumeRequestAllowances(deps, { phone: newPhone, ip: origin.ip, purpose: 'phone_change' });
  const claim = deps.vault.lookupKey('phone', newPhone);
  const taken = await deps.accounts.findByClaim('phone', claim);
  const reserved = await deps.accounts.findReservation(claim);
  const reservedByOther =
    reserved !== undefined &&
    reserved.accountId !== auth.account.accountId &&
    Date.parse(reserved.until) > deps.clock.now().getTime();
  if (taken !== undefined || reservedByOther) throw new AlreadyRegistered();
  const accountId = auth.account.accountId;
  const code = await issueCode(deps, 'phone_change', {
    requestId: accountId,
    accountId,
    sealedPayload: deps.vault.seal(newPhone, accountId),
  });
  await deps.accounts.appendAudit(
    auditEntry(deps, auth.account.accountId, 'phone_change_requested', origin, {
      sessionId: auth.sessionId,
      credentialIssuedAt: auth.session.createdAt,
    }),
  );
  // Past the new phone's daily ceiling nothing more goes to it (2.8); the applicant may ask again tomorrow.
  if (!(await withinDailyCeiling(deps, newPhone))) return;
  await sendSms(deps, {
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
  const { view, previousPhone } = await updateAccountAs(deps, auth, (account) => {
    const data = openPersonalData(deps.vault, account);
    // Back to a phone of its own that is still reserved (the code came back on it): that undoes the changes since it
    // left, and no phone the login held meanwhile (perhaps an intruder's) stays reserved with a way back in (2.7).
    const back = reservedPhone(data, newPhone, deps.clock.now());
    const move =
      (back && restorePhone(deps.vault, accountId, data, back)) ??
      movePhone(deps.vault, accountId, data, newPhone, deps.clock.now(), auth.session.method);
    const updated = {
      ...account,
      sealedPersonalData: move.sealedPersonalData,
      claims: { ...account.claims, phone: move.phoneClaim },
    };
    return {
      commit: {
        ...move.commit,
        account: updated,
        audit: [
          auditEntry(deps, accountId, 'phone_changed', origin, {
            sessionId: auth.sessionId,
            credentialIssuedAt: auth.session.createdAt,
          }),
        ],
        codeToConsume: { purpose: 'phone_change', requestId: accountId },
      },
      result: { view: cabinetView(deps, updated), previousPhone: data.phone },
    };
  });
  // 2.7: the phone the login left hears of it at once, and can report from there for 30 days.
  await sendSms(deps, {
    phone: previousPhone,
    kind: 'phone_moved_notice',
    language: auth.account.consent.language,
    accountId,
  });
  return view;
};
