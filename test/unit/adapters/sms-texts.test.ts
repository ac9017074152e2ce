import fc from 'fast-check';
import { languages } from '../../../functions/commons/i18n';
import { maxPasswordLength, smsMessage, smsText, type SmsKind } from '../../../functions/domain/sms-texts';

const kinds: SmsKind[] = ['registration_password', 'new_password', 'phone_change_code', 'access_report_code'];
const longestPassword = 'h'.repeat(maxPasswordLength);
const secretOf = (kind: SmsKind) => (kind.endsWith('_code') ? '123456' : longestPassword);
/** The GSM 03.38 basic character set: a text of only these fits 160 characters in one segment. */
const gsm7 = /^[A-Za-z0-9 @£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà\n\r]*$/;
const portalNames = { ky: 'МКК порталы', ru: 'Портал ГРС', en: 'SRS portal' };

describe('Function: smsText', () => {
  describe.each(kinds)('for %s', (kind) => {
    it.each(languages)('names the portal and carries the secret in %s', (language) => {
      const text = smsText(kind, language, secretOf(kind));
      expect(text.startsWith(`${portalNames[language]}: `)).toBe(true);
      expect(text.endsWith(` ${secretOf(kind)}`)).toBe(true);
    });

    it('fits one SMS segment: 70 characters in Kyrgyz and Russian (UCS-2), 160 GSM-7 in English', () => {
      expect([...smsText(kind, 'ky', secretOf(kind))].length).toBeLessThanOrEqual(70);
      expect([...smsText(kind, 'ru', secretOf(kind))].length).toBeLessThanOrEqual(70);
      const english = smsText(kind, 'en', secretOf(kind));
      expect(english).toMatch(gsm7);
      expect(english.length).toBeLessThanOrEqual(160);
    });
  });

  it('differs by kind, so that the applicant knows what the secret is for', () => {
    for (const language of languages) {
      const texts = kinds.map((kind) => smsText(kind, language, secretOf(kind)).replace(secretOf(kind), ''));
      expect(new Set(texts).size).toBe(kinds.length);
    }
  });

  it('accepts only 6-digit codes (Security rules)', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/^\d{6}$/.test(s)),
        (secret) => {
          expect(() => smsText('phone_change_code', 'ky', secret)).toThrow(RangeError);
          expect(() => smsText('access_report_code', 'ky', secret)).toThrow(RangeError);
        },
      ),
    );
  });

  it.each(['', 'two words', 'h'.repeat(maxPasswordLength + 1)])('refuses the password %j', (secret) => {
    expect(() => smsText('new_password', 'en', secret)).toThrow(RangeError);
  });
});

describe('Function: smsMessage', () => {
  it('gives the purpose of the secret: a password or a code', () => {
    expect(smsMessage('registration_password', 'en', '+996700123456', 'h7dz3tmw9bfr2n')).toEqual({
      phone: '+996700123456',
      purpose: 'password',
      text: 'SRS portal: your password is h7dz3tmw9bfr2n',
      secret: 'h7dz3tmw9bfr2n',
    });
    expect(smsMessage('access_report_code', 'en', '+996700123456', '000123').purpose).toBe('code');
  });
});
