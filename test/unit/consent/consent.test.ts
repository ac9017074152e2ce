import { createHash } from 'node:crypto';
import {
  DocumentCatalog,
  agreementV1,
  publishedAgreements,
} from '../../../functions/domain/agreement/catalog';
import { publishAgreement } from '../../../functions/domain/agreement/publication';
import { agreementTexts } from '../../../functions/domain/agreement/texts';
import { consentLifetimeSeconds, consentTo } from '../../../functions/domain/consent/consent';
import { AgreementOutdated } from '../../../functions/domain/errors';
import { privacyPolicyV1 } from '../../../functions/domain/privacy-policy/catalog';

const at = (iso: string) => ({ now: () => new Date(iso) });
const ids = { newId: () => 'consent-1' };
const agreementV2 = { ...agreementV1, version: '2', effectiveFrom: '2027-01-01' };
const catalog = new DocumentCatalog([agreementV1, agreementV2]);

describe('The published agreement', () => {
  it('ships the Kyrgyz original byte for byte (SHA-256 of shared/seed/user-agreement.ky.txt)', () => {
    expect(publishAgreement('ky', new Date()).sha256).toBe(
      '33f994b7c73d043f42d23e7c4a999b297d96d3121368d9bc92943c8aff80bcb1',
    );
  });

  it('states the SHA-256 of the text in each language', () => {
    for (const language of ['ky', 'ru', 'en'] as const) {
      const published = publishAgreement(language, new Date());
      expect(published.sha256).toBe(createHash('sha256').update(published.text).digest('hex'));
    }
  });

  it('records in the catalog the SHA-256 of every published text, and has the texts of every version', () => {
    const versions = ['1'];
    expect(Object.keys(agreementTexts)).toEqual(versions);
    for (const version of versions) {
      const { sha256 } = publishedAgreements.find(version)!;
      for (const [language, { text }] of Object.entries(agreementTexts[version]!)) {
        expect([language, sha256[language as keyof typeof sha256]]).toEqual([
          language,
          createHash('sha256').update(text, 'utf8').digest('hex'),
        ]);
      }
    }
  });

  it('makes a new version current from its effective date in Bishkek, from midnight there (preamble)', () => {
    // 2027-01-01 begins in Bishkek (UTC+6) at 2026-12-31T18:00Z.
    expect(catalog.current(new Date('2026-12-31T17:59:59Z')).version).toBe('1');
    expect(catalog.current(new Date('2026-12-31T18:00:00Z')).version).toBe('2');
    expect(catalog.current(new Date('2027-01-01T05:59:00Z')).version).toBe('2');
  });
});

describe('Consent (preamble)', () => {
  const request = {
    agreementVersion: '1',
    language: 'ru' as const,
    sourceIp: '203.0.113.7',
    userAgent: 'browser',
  };

  it('records version, text hash, Privacy Policy version, language, time, IP and user agent, lapsing after 30 minutes', () => {
    const consent = consentTo(request, { agreements: catalog, clock: at('2026-11-25T10:00:00Z'), ids });
    expect(consent).toEqual({
      consentId: 'consent-1',
      agreementVersion: '1',
      textSha256: publishAgreement('ru', new Date('2026-11-25T10:00:00Z')).sha256,
      privacyPolicyVersion: privacyPolicyV1.version,
      language: 'ru',
      acceptedAt: '2026-11-25T10:00:00.000Z',
      sourceIp: '203.0.113.7',
      userAgent: 'browser',
      expiresAt: new Date(Date.parse('2026-11-25T10:00:00Z') + consentLifetimeSeconds * 1000).toISOString(),
    });
  });

  it('refuses consent to a version that is no longer current', () => {
    expect(() => consentTo(request, { agreements: catalog, clock: at('2027-02-01T00:00:00Z'), ids })).toThrow(
      AgreementOutdated,
    );
  });

  it('refuses consent to a version not yet in force', () => {
    const early = { ...request, agreementVersion: '2' };
    expect(() => consentTo(early, { agreements: catalog, clock: at('2026-11-25T00:00:00Z'), ids })).toThrow(
      AgreementOutdated,
    );
  });
});
