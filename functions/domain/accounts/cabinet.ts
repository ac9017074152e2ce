import { maskPassportNumber, maskPin, type PassportNumber } from '../identity';
import { checkChosenPassword } from '../passwords';
import { attribute, type Attribution } from '../attribution';
import type { RequestOrigin } from '../audit';
import { accountConsentOf, consentTo } from '../consent/consent';
import type { Language } from '../../commons/i18n';
import { InvalidCredentials, WeakPassword } from '../errors';
import type { AccountConsent, ApplicantType, AccountStatus, VerificationDemand } from './account';
import { auditEntry, type AccountDependencies } from './dependencies';
import { claimsOf, openPersonalData, sealPersonalData } from './personal-data';
import type { Authenticated } from './account';
import { checkCurrentPassword } from './reauthentication';
import { sendSms } from './sms';
import { updateAccountAs } from './updates';

/** The personal cabinet's view of the account: passport number and PIN masked (2.4). */
export interface CabinetView {
  readonly accountId: string;
  readonly applicantType: ApplicantType;
  readonly login: string;
  readonly passportNumber: string;
  readonly pin: string;
  readonly organizationInn?: string;
  readonly status: AccountStatus;
  readonly consent: Pick<AccountConsent, 'version' | 'acceptedAt' | 'privacyPolicyVersion'>;
  readonly verification?: Pick<VerificationDemand, 'status' | 'deadline' | 'requestedAt'>;
}

export const cabinetView = (
  deps: Pick<AccountDependencies, 'vault'>,
  account: Authenticated['account'],
): CabinetView => {
  const data = openPersonalData(deps.vault, account);
  return {
    accountId: account.accountId,
    applicantType: account.applicantType,
    login: data.phone,
    passportNumber: maskPassportNumber(data.passportNumber),
    pin: maskPin(data.pin),
    ...(data.organizationInn && { organizationInn: data.organizationInn }),
    status: account.status,
    consent: {
      version: account.consent.version,
      acceptedAt: account.consent.acceptedAt,
      ...(account.consent.privacyPolicyVersion && {
        privacyPolicyVersion: account.consent.privacyPolicyVersion,
      }),
    },
    ...(account.verification && {
      verification: {
        status: account.verification.status,
        deadline: account.verification.deadline,
        requestedAt: account.verification.requestedAt,
      },
    }),
  };
};

/** 2.2: the applicant keeps the passport number current; uniqueness is claimed again in the same transaction. */
export const changePassportNumber = (
  deps: AccountDependencies,
  auth: Authenticated,
  passportNumber: PassportNumber,
  origin: RequestOrigin,
): Promise<CabinetView> =>
  updateAccountAs(deps, auth, (account) => {
    const data = openPersonalData(deps.vault, account);
    const next = { ...data, passportNumber };
    const passport = claimsOf(deps.vault, next).passport;
    const changed = passport !== account.claims.passport;
    const updated = {
      ...account,
      sealedPersonalData: sealPersonalData(deps.vault, account.accountId, next),
      claims: { ...account.claims, passport },
    };
    return {
      commit: {
        account: updated,
        audit: [
          auditEntry(deps, account.accountId, 'personal_data_changed', origin, {
            sessionId: auth.sessionId,
            credentialIssuedAt: auth.session.createdAt,
            detail: 'passport_number',
          }),
        ],
        ...(changed && { claimsToAdd: { passport }, claimsToRemove: { passport: account.claims.passport } }),
      },
      result: cabinetView(deps, { ...updated, version: account.version + 1 }),
    };
  });

/** Changes the password: the current one is required, the new one must pass the policy; other sessions end. */
export const changePassword = async (
  deps: AccountDependencies,
  auth: Authenticated,
  passwords: { currentPassword: string; newPassword: string },
  origin: RequestOrigin,
): Promise<void> => {
  const data = openPersonalData(deps.vault, auth.account);
  const policy = checkChosenPassword(passwords.newPassword, {
    phone: data.phone,
    pin: data.pin,
    passportNumber: data.passportNumber,
  });
  if (!policy.ok) throw new WeakPassword(policy.error.reason);
  const checked = await checkCurrentPassword(
    deps,
    auth,
    passwords.currentPassword,
    origin,
    'password_changed',
  );
  const passwordHash = await deps.passwords.hash(passwords.newPassword);
  await updateAccountAs(deps, auth, (account) => {
    // The password checked must still be current: an access report (2.7) may have replaced it meanwhile.
    if (account.passwordHash !== checked) throw new InvalidCredentials();
    const others = Object.keys(account.sessions).filter((id) => id !== auth.sessionId);
    return {
      commit: {
        account: {
          ...account,
          passwordHash,
          failedLogins: 0,
          lockedUntil: undefined,
          passwordIssuedAt: deps.clock.now().toISOString(),
          sessions: Object.fromEntries(
            Object.entries(account.sessions).filter(([id]) => id === auth.sessionId),
          ),
        },
        audit: [
          auditEntry(deps, account.accountId, 'password_changed', origin, {
            sessionId: auth.sessionId,
            credentialIssuedAt: auth.session.createdAt,
          }),
        ],
        sessionsToForget: others.map((id) => account.sessions[id]!.tokenHash),
      },
      result: undefined,
    };
  });
  // 2.7: the phone hears of it, so that an owner whose session was used can report at once.
  await sendSms(deps, {
    phone: data.phone,
    kind: 'password_changed_notice',
    language: auth.account.consent.language,
    accountId: auth.account.accountId,
  });
};

/** Preamble: consent to a newly published agreement version from the cabinet. */
export const renewConsent = (
  deps: AccountDependencies,
  auth: Authenticated,
  request: { agreementVersion: string; language: Language },
  origin: RequestOrigin,
) =>
  updateAccountAs(deps, auth, (account) => {
    const consent = consentTo({ ...request, sourceIp: origin.ip, userAgent: origin.userAgent }, deps);
    return {
      commit: {
        account: { ...account, consent: accountConsentOf(consent) },
        audit: [
          auditEntry(deps, account.accountId, 'consent_renewed', origin, {
            sessionId: auth.sessionId,
            detail: `version_${consent.agreementVersion}`,
          }),
        ],
        consentRecord: { ...consent, usedAt: consent.acceptedAt, accountId: account.accountId },
      },
      result: {
        consentId: consent.consentId,
        agreementVersion: consent.agreementVersion,
        acceptedAt: consent.acceptedAt,
      },
    };
  });

export interface ActivityItem {
  readonly at: string;
  readonly action: string;
  readonly result: 'success' | 'failure';
  readonly ip?: string;
  readonly userAgent?: string;
  readonly attributedToApplicant: boolean;
  readonly attribution: Attribution;
}

/**
 * 2.6: the account's actions, newest first. Every action is deemed the applicant's own except after they reported
 * unauthorized access; those in the window they reported stay theirs but are flagged `disputed`.
 */
export const activity = async (
  deps: AccountDependencies,
  auth: Authenticated,
  page: { limit: number; cursor?: string },
): Promise<{ items: ActivityItem[]; nextCursor?: string }> => {
  const [{ entries, nextCursor }, reports] = await Promise.all([
    deps.accounts.activity(auth.account.accountId, page),
    deps.accounts.reports(auth.account.accountId),
  ]);
  return {
    items: entries.map((entry) => {
      const attribution = attribute(entry, reports);
      return {
        at: entry.at,
        action: entry.action,
        result: entry.result,
        ip: entry.ip,
        userAgent: entry.userAgent,
        // 2.6: deemed the applicant's own unless done after the report; a disputed one stays theirs, flagged.
        attributedToApplicant: attribution !== 'revoked_credential',
        attribution,
      };
    }),
    nextCursor,
  };
};
