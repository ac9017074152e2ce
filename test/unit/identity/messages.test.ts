import { languages } from '../../../functions/commons/i18n';
import { IDENTITY_ERROR_CODES, IDENTITY_ERROR_MESSAGES } from '../../../functions/domain/identity';

const CYRILLIC = /[\u0400-\u04ff]/;
const KYRGYZ_LETTERS = /[өүңӨҮҢ]/;

describe('identity error messages', () => {
  it.each(IDENTITY_ERROR_CODES)('exist for %s in Kyrgyz, Russian and English', (code) => {
    const message = IDENTITY_ERROR_MESSAGES[code];
    for (const language of languages) expect(message[language].trim()).not.toBe('');
    expect(message.ky).toMatch(CYRILLIC);
    expect(message.ru).toMatch(CYRILLIC);
    expect(message.ky).not.toBe(message.ru);
    expect(message.en).not.toMatch(CYRILLIC);
  });

  it('in Kyrgyz use the letters ө, ү, ң that Russian lacks', () => {
    const kyrgyz = IDENTITY_ERROR_CODES.filter((code) =>
      KYRGYZ_LETTERS.test(IDENTITY_ERROR_MESSAGES[code].ky),
    );
    expect(kyrgyz.length).toBeGreaterThan(IDENTITY_ERROR_CODES.length / 2);
  });

  it('tell apart every code in every language', () => {
    for (const language of languages) {
      const texts = IDENTITY_ERROR_CODES.map((code) => IDENTITY_ERROR_MESSAGES[code][language]);
      expect(new Set(texts).size).toBe(texts.length);
    }
  });
});
