/** The words of the Privacy Policy's parts of the page (2.4), merged into texts.ts. */
export const privacyPolicyTexts = {
  privacyPolicy: { ky: 'Купуялык саясаты', ru: 'Политика конфиденциальности', en: 'Privacy Policy' },
  privacyPolicyRead: {
    ky: 'Купуялык саясатын окуу',
    ru: 'Прочитать Политику конфиденциальности',
    en: 'Read the Privacy Policy',
  },
  privacyPolicyIntro: {
    ky: 'Кандай маалымат чогултулат, кайда жана канча убакыт сакталат, укуктарыңыз.',
    ru: 'Какие данные собираются, где и сколько хранятся, ваши права.',
    en: 'What is collected, where and how long it is kept, and your rights.',
  },
} satisfies Record<string, Record<'ky' | 'ru' | 'en', string>>;
