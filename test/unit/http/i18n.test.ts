import { negotiateLanguage } from '../../../functions/commons/i18n';

describe('Accept-Language negotiation', () => {
  it('answers in Kyrgyz when the client names no language', () => {
    expect(negotiateLanguage(undefined)).toBe('ky');
    expect(negotiateLanguage('')).toBe('ky');
  });

  it('answers in Kyrgyz when the client names only unsupported languages', () => {
    expect(negotiateLanguage('de-DE, fr;q=0.8')).toBe('ky');
  });

  it('picks the highest-quality supported language, regions ignored', () => {
    expect(negotiateLanguage('ru-RU,ru;q=0.9,en;q=0.8')).toBe('ru');
    expect(negotiateLanguage('de;q=1, en;q=0.5, ru;q=0.4')).toBe('en');
    expect(negotiateLanguage('ky-KG')).toBe('ky');
  });

  it('ignores languages the client refuses with q=0', () => {
    expect(negotiateLanguage('ru;q=0, en')).toBe('en');
  });
});
