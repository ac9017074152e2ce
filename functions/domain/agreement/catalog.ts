import { createHash } from 'node:crypto';
import type { Language } from '../../commons/i18n';
import { AgreementNotFound } from '../errors';
import { agreementV1, type AgreementVersion } from './texts';

/** One language of one agreement version, as the applicant reads it and consents to it. */
export interface PublishedAgreement {
  readonly version: string;
  readonly language: Language;
  readonly title: string;
  readonly text: string;
  /** SHA-256 (hex) of `text`: what a consent records, so the consented words can be proven later. */
  readonly sha256: string;
  readonly effectiveFrom: string;
}

/**
 * The published agreement versions. The current one is the latest whose `effectiveFrom` has come (preamble: a
 * consent binds only to the current version; a new version asks existing applicants to consent again).
 */
export class AgreementCatalog {
  private readonly versions: readonly AgreementVersion[];

  constructor(versions: readonly AgreementVersion[]) {
    if (versions.length === 0) throw new Error('an agreement catalog needs at least one version');
    this.versions = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  }

  current(now: Date): AgreementVersion {
    const today = now.toISOString().slice(0, 10);
    return this.versions.filter((v) => v.effectiveFrom <= today).at(-1) ?? this.versions[0]!;
  }

  find(version: string): AgreementVersion | undefined {
    return this.versions.find((v) => v.version === version);
  }

  /** The text of `version` (default: current) in `language`; throws AgreementNotFound for an unknown version. */
  publish(language: Language, now: Date, version?: string): PublishedAgreement {
    const found = version === undefined ? this.current(now) : this.find(version);
    if (!found) throw new AgreementNotFound();
    const { title, text } = found.texts[language];
    return {
      version: found.version,
      language,
      title,
      text,
      sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
      effectiveFrom: found.effectiveFrom,
    };
  }
}

export const publishedAgreements = new AgreementCatalog([agreementV1]);
