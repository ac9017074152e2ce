import type { RequestOrigin } from '../audit';
import { accountConsentOf, isUsableConsent } from '../consent/consent';
import { AlreadyRegistered, ConsentExpired } from '../errors';
import type { Account, ApplicantType, PersonalData } from './account';
import { auditEntry, type AccountDependencies } from './dependencies';
import { claimsOf, sealPersonalData } from './personal-data';
import { consumePhoneAllowance, consumeSenderAllowance, sendSms } from './sms';

export interface RegistrationRequest {
  readonly consentId: string;
  readonly applicantType: ApplicantType;
  /** Already validated and normalized (E.164, normalized passport number, 14-digit PIN and INN). */
  readonly personalData: PersonalData;
  readonly origin: RequestOrigin;
}

/**
 * Registers an applicant (2.2, 2.5): with an unused consent to the current agreement, in one transaction that
 * consumes the consent, claims phone, PIN and passport number, and writes the account and its first audit entry.
 * The password exists only in the SMS sent to the phone (the login); a failed send leaves the applicant the
 * password reset.
 */
export const register = async (
  request: RegistrationRequest,
  deps: AccountDependencies,
): Promise<{ accountId: string; login: string }> => {
  const now = deps.clock.now();
  const currentVersion = deps.agreements.current(now).version;
  const consent = await deps.consents.find(request.consentId);
  if (!isUsableConsent(consent, currentVersion, now)) throw new ConsentExpired();

  const { phone } = request.personalData;
  await consumeSenderAllowance(deps, request.origin.ip);
  // A phone already registered is answered 409 before its allowance counts: nobody can use up another's SMS.
  if (await deps.accounts.findByClaim('phone', deps.vault.lookupKey('phone', phone)))
    throw new AlreadyRegistered();
  await consumePhoneAllowance(deps, phone);
  const password = deps.passwords.generate();
  const accountId = deps.ids.newId();
  const account: Account = {
    accountId,
    version: 1,
    applicantType: request.applicantType,
    status: 'active',
    sealedPersonalData: sealPersonalData(deps.vault, accountId, request.personalData),
    claims: claimsOf(deps.vault, request.personalData),
    passwordHash: await deps.passwords.hash(password),
    passwordIssuedAt: now.toISOString(),
    failedLogins: 0,
    sessions: {},
    consent: accountConsentOf(consent),
    createdAt: now.toISOString(),
  };
  await deps.accounts.register({
    account,
    consentId: consent.consentId,
    agreementVersion: currentVersion,
    now,
    audit: auditEntry(deps, accountId, 'registration', request.origin),
  });
  deps.metrics.count('Registrations', 1, { applicantType: request.applicantType });
  await sendSms(deps, {
    phone,
    kind: 'registration_password',
    language: consent.language,
    secret: password,
    accountId,
  });
  return { accountId, login: phone };
};
