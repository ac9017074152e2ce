import type { Language } from './texts';

/** Names of actions in the activity list (2.6); an action without a name here is shown as the API gives it. */
export const actionNames: Readonly<Record<string, Record<Language, string>>> = {
  registration: { ky: 'Каттоо', ru: 'Регистрация', en: 'Registration' },
  login: { ky: 'Кирүү', ru: 'Вход', en: 'Login' },
  login_failed: { ky: 'Ийгиликсиз кирүү', ru: 'Неудачный вход', en: 'Failed login' },
  logout: { ky: 'Чыгуу', ru: 'Выход', en: 'Exit' },
  logout_all: { ky: 'Бардык сессиялар токтотулду', ru: 'Все сеансы завершены', en: 'Every session ended' },
  viewed_by_operator: { ky: 'Оператор карап чыкты', ru: 'Просмотр оператором', en: 'Viewed by an operator' },
  documents_viewed_by_operator: {
    ky: 'Оператор документтерди карап чыкты',
    ru: 'Просмотр документов оператором',
    en: 'Documents viewed by an operator',
  },
  session_ended: {
    ky: 'Тандалган сессия токтотулду',
    ru: 'Выбранный сеанс завершён',
    en: 'A chosen session ended',
  },
  session_evicted: { ky: 'Эски сессия токтотулду', ru: 'Старый сеанс завершён', en: 'An old session ended' },
  password_changed: { ky: 'Сырсөз өзгөртүлдү', ru: 'Пароль изменён', en: 'Password changed' },
  password_reset: { ky: 'Жаңы сырсөз жөнөтүлдү', ru: 'Отправлен новый пароль', en: 'New password sent' },
  personal_data_changed: { ky: 'Маалыматтар өзгөртүлдү', ru: 'Данные изменены', en: 'Data changed' },
  consent_renewed: { ky: 'Жаңы макулдук', ru: 'Новое согласие', en: 'Consent renewed' },
  phone_change_requested: {
    ky: 'Телефонду өзгөртүү коду',
    ru: 'Код смены телефона',
    en: 'Phone change code',
  },
  phone_changed: { ky: 'Телефон өзгөртүлдү', ru: 'Телефон изменён', en: 'Phone changed' },
  access_reported: {
    ky: 'Уруксатсыз кирүү тууралуу билдирүү',
    ru: 'Сообщение о несанкционированном доступе',
    en: 'Unauthorized access reported',
  },
  password_reset_failed: {
    ky: 'Сырсөздү калыбына келтирүү ийгиликсиз',
    ru: 'Неудачное восстановление пароля',
    en: 'Failed password reset',
  },
  password_reset_requested: {
    ky: 'Сырсөздү калыбына келтирүү коду суралды',
    ru: 'Запрошен код восстановления пароля',
    en: 'Password reset code requested',
  },
  phone_change_undone: {
    ky: 'Телефон номеринин өзгөрүшү жокко чыгарылды',
    ru: 'Смена номера телефона отменена',
    en: 'Phone change undone',
  },
  phone_change_failed: {
    ky: 'Телефонду өзгөртүү ийгиликсиз',
    ru: 'Неудачная смена телефона',
    en: 'Failed phone change',
  },
  access_report_resolved: { ky: 'Билдирүү каралды', ru: 'Сообщение рассмотрено', en: 'Report reviewed' },
  id_card_refused: {
    ky: 'ID-карта менен кирүү четке кагылды',
    ru: 'Вход по ID-карте отклонён',
    en: 'ID-card login refused',
  },
  account_blocked: { ky: 'Аккаунт бөгөттөлдү', ru: 'Учётная запись заблокирована', en: 'Account blocked' },
  account_unblocked: {
    ky: 'Аккаунттун бөгөтү алынды',
    ru: 'Учётная запись разблокирована',
    en: 'Account unblocked',
  },
  account_deleted: { ky: 'Аккаунт өчүрүлдү', ru: 'Учётная запись удалена', en: 'Account deleted' },
  verification_requested: {
    ky: 'Ырастоо талап кылынды',
    ru: 'Запрошено подтверждение',
    en: 'Verification requested',
  },
  verification_resolved: {
    ky: 'Ырастоо каралды',
    ru: 'Подтверждение рассмотрено',
    en: 'Verification decided',
  },
  verification_overdue: {
    ky: 'Ырастоо мөөнөтү өттү',
    ru: 'Срок подтверждения истёк',
    en: 'Verification overdue',
  },
  verification_document_added: {
    ky: 'Ырастоо документи жөнөтүлдү',
    ru: 'Отправлен документ для подтверждения',
    en: 'Verification document sent',
  },
  personal_data_purged: {
    ky: 'Жеке маалыматтар өчүрүлдү',
    ru: 'Персональные данные удалены',
    en: 'Personal data erased',
  },
  data_exported: {
    ky: 'Маалыматтар жүктөлүп алынды',
    ru: 'Данные выгружены',
    en: 'Data exported',
  },
  data_export_failed: {
    ky: 'Маалыматтарды жүктөп алуу ийгиликсиз',
    ru: 'Неудачная выгрузка данных',
    en: 'Failed data export',
  },
  account_closed: { ky: 'Аккаунт жабылды', ru: 'Учётная запись закрыта', en: 'Account closed' },
  account_closure_failed: {
    ky: 'Аккаунтту жабуу ийгиликсиз',
    ru: 'Неудачное закрытие учётной записи',
    en: 'Failed account closure',
  },
  flagged_suspicious: {
    ky: 'Шектүү аракет белгиленди',
    ru: 'Отмечена подозрительная активность',
    en: 'Suspicious activity flagged',
  },
};
