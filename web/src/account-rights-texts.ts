/** The words of the cabinet's export and closure (2.4), merged into texts.ts. */
export const accountRightsTexts = {
  accountRightsTitle: {
    ky: 'Маалыматтарым жана аккаунт',
    ru: 'Мои данные и учётная запись',
    en: 'My data and account',
  },
  exportIntro: {
    ky: 'Порталда сиз тууралуу сакталган бардык маалыматты бир JSON файлы катары жүктөп алыңыз.',
    ru: 'Скачайте всё, что портал хранит о вас, одним файлом JSON.',
    en: 'Download everything the portal holds on you as one JSON file.',
  },
  rightsPasswordHint: {
    ky: 'ID-карта менен акыркы 15 мүнөттө кирген болсоңуз, сырсөз керек эмес.',
    ru: 'Не нужен, если вы вошли по ID-карте в последние 15 минут.',
    en: 'Not needed if you logged in with the ID card in the last 15 minutes.',
  },
  exportDownload: { ky: 'Маалыматтарымды жүктөп алуу', ru: 'Скачать мои данные', en: 'Download my data' },
  exportSaved: {
    ky: 'Маалыматтарыңыз файлга сакталды.',
    ru: 'Ваши данные сохранены в файл.',
    en: 'Your data was saved to a file.',
  },
  closureIntro: {
    ky: 'Бардык сессиялар токтотулат, кайра кире албайсыз; жеке маалыматтар сактоо мөөнөтүнөн кийин өчүрүлөт.',
    ru: 'Все сеансы завершатся, войти снова будет нельзя; персональные данные удалятся по истечении срока хранения.',
    en: 'Every session ends and you cannot log in again; your personal data is erased after the retention period.',
  },
  closureConfirm: {
    ky: 'Аккаунтумду жабууну ырастайм',
    ru: 'Подтверждаю закрытие учётной записи',
    en: 'I confirm closing my account',
  },
  closureMustConfirm: {
    ky: 'Алгач аккаунтту жабууну ырастаңыз.',
    ru: 'Сначала подтвердите закрытие учётной записи.',
    en: 'Confirm closing the account first.',
  },
  closureSubmit: { ky: 'Аккаунтту жабуу', ru: 'Закрыть учётную запись', en: 'Close the account' },
  accountClosed: {
    ky: 'Аккаунтуңуз жабылды.',
    ru: 'Ваша учётная запись закрыта.',
    en: 'Your account was closed.',
  },
} satisfies Record<string, Record<'ky' | 'ru' | 'en', string>>;
