import { bishkekDay } from '../operators/bishkek-time';
import type { Language } from '../../commons/i18n';

/**
 * One published version of a document the applicant is shown (the user agreement, the Privacy Policy of 2.4):
 * when it applies and the SHA-256 of its text in each language, which is what a consent records so that the
 * words can be proven later. The texts themselves live beside each catalog and only the function that serves
 * them bundles them (`publication.ts`); a unit test keeps these digests equal to the texts'.
 */
export interface DocumentVersion {
  readonly version: string;
  /** ISO date (`YYYY-MM-DD`) from which this version applies. */
  readonly effectiveFrom: string;
  /** SHA-256 (hex) of the full text in each language. */
  readonly sha256: Readonly<Record<Language, string>>;
}

export const agreementV1: DocumentVersion = {
  version: '1',
  effectiveFrom: '2026-01-01',
  sha256: {
    ky: '33f994b7c73d043f42d23e7c4a999b297d96d3121368d9bc92943c8aff80bcb1',
    ru: 'f3c362911c0bd9514cd407574785fb2c391413dcadd32202d30f2953d8d2ef1b',
    en: '1d4b87d38d6f5baffdf635dfb9b6b59a2125e0e1f2c15fa0a92e5a33a9762ba0',
  },
};

/**
 * The published versions of one document. The current one is the latest whose `effectiveFrom` has come (preamble:
 * a consent binds only to the current agreement; a new version asks existing applicants to consent again).
 */
export class DocumentCatalog {
  private readonly versions: readonly DocumentVersion[];

  constructor(versions: readonly DocumentVersion[]) {
    if (versions.length === 0) throw new Error('a document catalog needs at least one version');
    this.versions = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  }

  /** The version in force: each takes effect at midnight in Bishkek of its effective date. */
  current(now: Date): DocumentVersion {
    const today = bishkekDay(now);
    return this.versions.filter((v) => v.effectiveFrom <= today).at(-1) ?? this.versions[0]!;
  }

  find(version: string): DocumentVersion | undefined {
    return this.versions.find((v) => v.version === version);
  }
}

export const publishedAgreements = new DocumentCatalog([agreementV1]);
