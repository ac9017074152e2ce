import { createHash } from 'node:crypto';
import { languages } from '../../../functions/commons/i18n';
import { sessionPolicy } from '../../../functions/domain/accounts/account';
import { codePolicy } from '../../../functions/domain/accounts/codes';
import { phoneReservationDays } from '../../../functions/domain/accounts/previous-phones';
import { consentLifetimeSeconds } from '../../../functions/domain/consent/consent';
import { networkDataRetentionDays } from '../../../functions/domain/network-data';
import { defaultOperatorSettings } from '../../../functions/domain/operators/dependencies';
import { publishedPrivacyPolicies } from '../../../functions/domain/privacy-policy/catalog';
import { publishPrivacyPolicy } from '../../../functions/domain/privacy-policy/publication';
import { privacyPolicyTexts } from '../../../functions/domain/privacy-policy/texts';

const now = new Date('2026-12-04T12:00:00Z');

describe('The Privacy Policy (2.4)', () => {
  it.each(languages)(
    'states in %s the retention periods the portal runs on, not numbers of its own',
    (language) => {
      const { text } = publishPrivacyPolicy(language, now);
      const periods = {
        purge: defaultOperatorSettings.purgeAfterDays,
        networkData: networkDataRetentionDays,
        unusedConsent: consentLifetimeSeconds / 60,
        idleSession: sessionPolicy.idleSeconds / 60,
        session: sessionPolicy.absoluteSeconds / 3600,
        previousPhone: phoneReservationDays,
        code: codePolicy.lifetimeSeconds / 60,
      };
      for (const [period, value] of Object.entries(periods))
        expect([period, text]).toEqual([period, expect.stringMatching(new RegExp(`(^|\\D)${value}(\\D|$)`))]);
    },
  );

  it.each(languages)(
    'is marked in %s as a draft for the operator’s legal review, and names the law',
    (language) => {
      const { title, text } = publishPrivacyPolicy(language, now);
      const draft = { ky: 'ДОЛБООР', ru: 'ПРОЕКТ', en: 'DRAFT' }[language];
      const law = { ky: '№ 58', ru: '№ 58', en: 'No. 58' }[language];
      expect(title).toContain(draft);
      expect(text.split('\n')[0]).toBe(title);
      expect(text).toContain(law);
    },
  );

  it('answers the current version in the language asked, with the SHA-256 of exactly that text', () => {
    for (const language of languages) {
      const policy = publishPrivacyPolicy(language, now);
      expect(policy).toMatchObject({ version: '1', language, effectiveFrom: '2026-12-01' });
      expect(policy.sha256).toBe(createHash('sha256').update(policy.text, 'utf8').digest('hex'));
    }
  });

  it('records in the catalog the SHA-256 of every published text: a changed period needs a new version', () => {
    expect(Object.keys(privacyPolicyTexts)).toEqual(['1']);
    for (const [version, texts] of Object.entries(privacyPolicyTexts)) {
      const { sha256 } = publishedPrivacyPolicies.find(version)!;
      for (const language of languages)
        expect([language, sha256[language]]).toEqual([
          language,
          createHash('sha256').update(texts[language].text, 'utf8').digest('hex'),
        ]);
    }
  });
});
