import type { Language } from '../../commons/i18n';
import { AgreementNotFound } from '../errors';
import { publishedAgreements } from './catalog';
import { agreementTexts } from './texts';

/** One language of one agreement version, as the applicant reads it and consents to it. */
export interface PublishedAgreement {
  readonly version: string;
  readonly language: Language;
  readonly title: string;
  readonly text: string;
  /** SHA-256 (hex) of `text`: what a consent to it records. */
  readonly sha256: string;
  readonly effectiveFrom: string;
}

/**
 * The text of `version` (default: the current one) in `language`.
 * @throws AgreementNotFound for a version that is not published
 */
export const publishAgreement = (language: Language, now: Date, version?: string): PublishedAgreement => {
  const found = version === undefined ? publishedAgreements.current(now) : publishedAgreements.find(version);
  const words = found && agreementTexts[found.version]?.[language];
  if (!found || !words) throw new AgreementNotFound();
  return {
    version: found.version,
    language,
    title: words.title,
    text: words.text,
    sha256: found.sha256[language],
    effectiveFrom: found.effectiveFrom,
  };
};
