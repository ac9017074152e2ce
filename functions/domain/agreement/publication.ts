import type { Language } from '../../commons/i18n';
import { AgreementNotFound } from '../errors';
import { publishedAgreements, type DocumentCatalog } from './catalog';
import { agreementTexts, type DocumentTexts } from './texts';

/** One language of one version of a published document, as the applicant reads it (and consents to it). */
export interface PublishedDocument {
  readonly version: string;
  readonly language: Language;
  readonly title: string;
  readonly text: string;
  /** SHA-256 (hex) of `text`: what a consent to it records. */
  readonly sha256: string;
  readonly effectiveFrom: string;
}

/** The text of `version` (default: the current one) of a document in `language`; undefined if not published. */
export const publishDocument = (
  catalog: DocumentCatalog,
  texts: DocumentTexts,
  language: Language,
  now: Date,
  version?: string,
): PublishedDocument | undefined => {
  const found = version === undefined ? catalog.current(now) : catalog.find(version);
  const words = found && texts[found.version]?.[language];
  if (!found || !words) return undefined;
  return {
    version: found.version,
    language,
    title: words.title,
    text: words.text,
    sha256: found.sha256[language],
    effectiveFrom: found.effectiveFrom,
  };
};

/**
 * The user agreement's text of `version` (default: the current one) in `language` (preamble).
 * @throws AgreementNotFound for a version that is not published
 */
export const publishAgreement = (language: Language, now: Date, version?: string): PublishedDocument => {
  const agreement = publishDocument(publishedAgreements, agreementTexts, language, now, version);
  if (!agreement) throw new AgreementNotFound();
  return agreement;
};
