import { languages } from '../../../functions/commons/i18n';
import { WEAK_PASSWORD_MESSAGES, WEAK_PASSWORD_REASONS } from '../../../functions/domain/passwords';

const CYRILLIC = /[\u0400-\u04ff]/;

describe('weak password messages', () => {
  it.each(WEAK_PASSWORD_REASONS)('exist for %s in Kyrgyz, Russian and English', (reason) => {
    const message = WEAK_PASSWORD_MESSAGES[reason];
    for (const language of languages) expect(message[language].trim()).not.toBe('');
    expect(message.ky).toMatch(CYRILLIC);
    expect(message.ru).toMatch(CYRILLIC);
    expect(message.ky).not.toBe(message.ru);
    expect(message.en).not.toMatch(CYRILLIC);
  });

  it('name the limits the policy applies', () => {
    for (const language of languages) {
      expect(WEAK_PASSWORD_MESSAGES.too_short[language]).toContain('8');
      expect(WEAK_PASSWORD_MESSAGES.too_long[language]).toContain('128');
    }
  });
});
