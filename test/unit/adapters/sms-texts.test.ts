import fc from 'fast-check';
import { languages } from '../../../functions/commons/i18n';
import {
  longestSmsTexts,
  maxPasswordLength,
  smsKinds,
  smsMessage,
  smsPurposes,
  smsText,
  type SmsKind,
} from '../../../functions/domain/sms-texts';

const longestPassword = 'h'.repeat(maxPasswordLength);
const secretOf = (kind: SmsKind) =>
  ({ code: '123456', password: longestPassword, notice: undefined })[smsPurposes[kind]];
const withSecret = smsKinds.filter((kind) => secretOf(kind) !== undefined);
const portalNames = { ky: 'МКК порталы', ru: 'Портал ГРС', en: 'SRS portal' };

describe('Function: smsText', () => {
  describe.each(withSecret)('for %s', (kind) => {
    it.each(languages)('names the portal and carries the secret in %s', (language) => {
      const text = smsText(kind, language, secretOf(kind));
      expect(text.startsWith(`${portalNames[language]}: `)).toBe(true);
      expect(text.endsWith(` ${secretOf(kind)}`)).toBe(true);
    });
  });

  it.each(longestSmsTexts())(
    'fits one segment, one charge, with the longest values it carries: $kind in $language',
    ({ language, text, segments }) => {
      expect(text.startsWith(`${portalNames[language]}: `)).toBe(true);
      expect(segments).toBe(1);
    },
  );

  it('differs by kind, so that the applicant knows what the SMS is about', () => {
    for (const language of languages) {
      const texts = longestSmsTexts()
        .filter((sms) => sms.language === language)
        .map(({ kind, text }) =>
          secretOf(kind) === undefined ? text : text.slice(0, text.lastIndexOf(' ')),
        );
      expect(new Set(texts).size).toBe(smsKinds.length);
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
