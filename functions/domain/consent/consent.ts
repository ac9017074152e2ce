import type { Language } from '../../commons/i18n';
import type { AccountConsent } from '../accounts/account';
import type { DocumentCatalog } from '../agreement/catalog';
import { publishedPrivacyPolicies } from '../privacy-policy/catalog';
import { AgreementOutdated } from '../errors';
import type { Clock, IdGenerator } from '../ports';

/** An unused consent lapses after this long: registration must follow the reading of the agreement. */
export const consentLifetimeSeconds = 30 * 60;

/** Preamble: what the portal keeps of every consent — version, text hash, language, time, IP and user agent. */
export interface Consent {
  readonly consentId: string;
  readonly agreementVersion: string;
  readonly textSha256: string;
  /** 2.4: the Privacy Policy version current when the consent was given. */
  readonly privacyPolicyVersion: string;
  readonly language: Language;
  readonly acceptedAt: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  /** Until registration uses it; afterwards the consent stays as the account's record. */
  readonly expiresAt: string;
}

/** A consent as stored: `usedAt` once registration used it. */
export interface StoredConsent extends Consent {
  readonly usedAt?: string;
}

export interface ConsentLookup {
  find(consentId: string): Promise<StoredConsent | undefined>;
}

export interface ConsentRepository extends ConsentLookup {
  /** Stores a new, unused consent that lapses at `expiresAt`. */
  saveUnused(consent: Consent): Promise<void>;
}

/** Registration may use a consent once, before it lapses, and only to the current agreement (preamble). */
export const isUsableConsent = (
  consent: StoredConsent | undefined,
  currentVersion: string,
  now: Date,
): consent is StoredConsent =>
  consent !== undefined &&
  consent.usedAt === undefined &&
  Date.parse(consent.expiresAt) > now.getTime() &&
  consent.agreementVersion === currentVersion;

export interface ConsentRequest {
  readonly agreementVersion: string;
  readonly language: Language;
  readonly sourceIp: string;
  readonly userAgent: string;
}

export interface ConsentDependencies {
  readonly agreements: DocumentCatalog;
  readonly consents: ConsentRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** Builds the consent record for the current agreement version; refuses any other version (preamble). */
export const consentTo = (
  request: ConsentRequest,
  deps: Pick<ConsentDependencies, 'agreements' | 'clock' | 'ids'>,
): Consent => {
  const now = deps.clock.now();
  const current = deps.agreements.current(now);
  if (request.agreementVersion !== current.version) throw new AgreementOutdated();
  return {
    consentId: deps.ids.newId(),
    agreementVersion: current.version,
    textSha256: current.sha256[request.language],
    privacyPolicyVersion: publishedPrivacyPolicies.current(now).version,
    language: request.language,
    acceptedAt: now.toISOString(),
    sourceIp: request.sourceIp,
    userAgent: request.userAgent,
    expiresAt: new Date(now.getTime() + consentLifetimeSeconds * 1000).toISOString(),
  };
};

/** Records an applicant's consent to the current agreement (preamble). */
export const recordConsent = async (request: ConsentRequest, deps: ConsentDependencies): Promise<Consent> => {
  const consent = consentTo(request, deps);
  await deps.consents.saveUnused(consent);
  return consent;
};

/** What the account keeps of the consent it runs under (preamble, 2.4). */
export const accountConsentOf = (consent: Consent): AccountConsent => ({
  consentId: consent.consentId,
  version: consent.agreementVersion,
  privacyPolicyVersion: consent.privacyPolicyVersion,
  acceptedAt: consent.acceptedAt,
  language: consent.language,
});
