/** The page's own words in the portal's three languages; the API localizes its problems itself (Accept-Language). */
export const languages = ['ky', 'ru', 'en'] as const;
export type Language = (typeof languages)[number];

type Texts = Record<string, Record<Language, string>>;

export const texts = {
  skip: { ky: 'Негизги мазмунга өтүү', ru: 'Перейти к содержанию', en: 'Skip to main content' },
  portal: {
    ky: 'МКК Мамлекеттик кызмат көрсөтүүлөр порталы',
    ru: 'Портал государственных услуг ГРС',
    en: 'SRS Public Services Portal',
  },
  language: { ky: 'Тил', ru: 'Язык', en: 'Language' },
  reportButton: {
    ky: 'Уруксатсыз кирүү тууралуу билдирүү',
    ru: 'Сообщить о несанкционированном доступе',
    en: 'Report unauthorized access',
  },
  exit: { ky: 'Чыгуу', ru: 'Выход', en: 'Exit' },
  loading: { ky: 'Жүктөлүүдө…', ru: 'Загрузка…', en: 'Loading…' },
  networkError: {
    ky: 'Портал менен байланыш жок. Кайра аракет кылыңыз.',
    ru: 'Нет связи с порталом. Попробуйте ещё раз.',
    en: 'The portal cannot be reached. Please try again.',
  },
  sessionEnded: {
    ky: 'Сессия аяктады. Кайра кириңиз.',
    ru: 'Сеанс завершён. Войдите снова.',
    en: 'The session has ended. Please log in again.',
  },

  loginTitle: { ky: 'Кирүү', ru: 'Вход', en: 'Log in' },
  phone: { ky: 'Телефон номери', ru: 'Номер телефона', en: 'Phone number' },
  phoneHint: {
    ky: 'Кыргызстандын мобилдик номери, мисалы 0700 123 456',
    ru: 'Мобильный номер Кыргызстана, например 0700 123 456',
    en: 'A Kyrgyz mobile number, e.g. 0700 123 456',
  },
  password: { ky: 'Сырсөз', ru: 'Пароль', en: 'Password' },
  loginSubmit: { ky: 'Кирүү', ru: 'Войти', en: 'Log in' },
  idCardTitle: { ky: 'ID-карта менен кирүү', ru: 'Вход по ID-карте', en: 'Log in with the ID card' },
  idCardSubmit: { ky: 'ID-карта менен кирүү', ru: 'Войти по ID-карте', en: 'Log in with the ID card' },
  idCardChecking: {
    ky: 'Web eID кеңейтүүсү изделүүдө…',
    ru: 'Поиск расширения Web eID…',
    en: 'Looking for the Web eID extension…',
  },
  idCardReady: {
    ky: 'Картаны окугучка салыңыз: PIN-кодду браузердин кеңейтүүсү сурайт, ал порталга жөнөтүлбөйт.',
    ru: 'Вставьте карту в считыватель: PIN-код запросит расширение браузера, на портал он не передаётся.',
    en: 'Insert the card into the reader: the browser extension asks for the PIN code, which never reaches the portal.',
  },
  idCardMissing: {
    ky: 'ID-карта менен кирүү үчүн карта окугуч жана Web eID браузер кеңейтүүсү керек. Алар табылган жок: телефон жана сырсөз менен кириңиз.',
    ru: 'Для входа по ID-карте нужны считыватель карт и расширение браузера Web eID. Они не найдены: войдите по номеру телефона и паролю.',
    en: 'Logging in with the ID card needs a card reader and the Web eID browser extension. They were not found: log in with your phone and password.',
  },
  idCardFailed: {
    ky: 'Карта кол койгон жок же кеңейтүү жооп берген жок.',
    ru: 'Карта не подписала запрос или расширение не ответило.',
    en: 'The card did not sign or the extension did not answer.',
  },
  noAccount: { ky: 'Аккаунтуңуз жокпу?', ru: 'Нет учётной записи?', en: 'No account yet?' },
  registerLink: { ky: 'Катталуу', ru: 'Зарегистрироваться', en: 'Register' },
  resetTitle: { ky: 'Сырсөздү унуттуңузбу?', ru: 'Забыли пароль?', en: 'Forgot the password?' },
  resetSubmit: { ky: 'Жаңы сырсөз алуу', ru: 'Получить новый пароль', en: 'Get a new password' },
  resetDone: {
    ky: 'Маалыматтар дал келсе, жаңы сырсөз SMS менен жөнөтүлдү.',
    ru: 'Если данные совпадают, новый пароль отправлен по SMS.',
    en: 'If the data match, a new password was sent by SMS.',
  },

  registerTitle: { ky: 'Катталуу', ru: 'Регистрация', en: 'Registration' },
  agreementStep: {
    ky: '1-кадам: колдонуучулук макулдашуу',
    ru: 'Шаг 1: пользовательское соглашение',
    en: 'Step 1: the user agreement',
  },
  agreementVersion: { ky: 'Версия', ru: 'Версия', en: 'Version' },
  agreementEffective: { ky: 'күчүнө кирген күнү', ru: 'действует с', en: 'effective from' },
  agreementAccept: {
    ky: 'Макулдашууну окудум жана ага макулмун',
    ru: 'Я прочитал(а) соглашение и согласен(на) с ним',
    en: 'I have read the agreement and I agree to it',
  },
  consentSubmit: { ky: 'Макулдук берүү', ru: 'Дать согласие', en: 'Give consent' },
  mustAccept: {
    ky: 'Улантуу үчүн макулдашууга макул экениңизди белгилеңиз.',
    ru: 'Чтобы продолжить, отметьте согласие с соглашением.',
    en: 'To continue, tick that you agree to the agreement.',
  },
  detailsStep: {
    ky: '2-кадам: арыз берүүчүнүн маалыматтары',
    ru: 'Шаг 2: данные заявителя',
    en: 'Step 2: the applicant’s data',
  },
  applicantType: { ky: 'Арыз берүүчү', ru: 'Заявитель', en: 'Applicant' },
  individual: { ky: 'Жеке адам', ru: 'Физическое лицо', en: 'Individual' },
  legalEntity: {
    ky: 'Юридикалык жак (өкүлү катары)',
    ru: 'Юридическое лицо (как представитель)',
    en: 'Legal entity (as its representative)',
  },
  passportNumber: { ky: 'Паспорттун номери', ru: 'Номер паспорта', en: 'Passport number' },
  passportHint: {
    ky: 'ID, AN же AC жана 7 сан, мисалы ID1234567',
    ru: 'ID, AN или AC и 7 цифр, например ID1234567',
    en: 'ID, AN or AC and 7 digits, e.g. ID1234567',
  },
  pin: {
    ky: 'ПИН (жеке идентификациялык номер)',
    ru: 'ПИН (персональный идентификационный номер)',
    en: 'PIN (personal identification number)',
  },
  pinHint: { ky: '14 сан', ru: '14 цифр', en: '14 digits' },
  inn: { ky: 'Уюмдун ИСН', ru: 'ИНН организации', en: 'Organization’s tax number (INN)' },
  innHint: {
    ky: '14 сан, 0 менен башталат',
    ru: '14 цифр, начинается с 0',
    en: '14 digits, starting with 0',
  },
  registerSubmit: { ky: 'Катталуу', ru: 'Зарегистрироваться', en: 'Register' },
  registered: {
    ky: 'Катталдыңыз. Сырсөз {phone} номерине SMS менен жөнөтүлдү: аны менен кириңиз.',
    ru: 'Вы зарегистрированы. Пароль отправлен по SMS на номер {phone}: войдите с ним.',
    en: 'You are registered. The password was sent by SMS to {phone}: log in with it.',
  },
  back: { ky: 'Артка', ru: 'Назад', en: 'Back' },

  reportTitle: {
    ky: 'Уруксатсыз кирүү тууралуу билдирүү',
    ru: 'Сообщение о несанкционированном доступе',
    en: 'Report unauthorized access',
  },
  reportIntro: {
    ky: 'Аккаунтуңузга башка бирөө кирди деп ойлосоңуз, азыр билдириңиз: бардык сессиялар токтотулат, сырсөз алмаштырылат жана жаңысы SMS менен келет. Кире албасаңыз да болот.',
    ru: 'Если вы считаете, что в вашу учётную запись вошёл кто-то другой, сообщите сейчас: все сеансы завершатся, пароль будет заменён, новый придёт по SMS. Входить для этого не нужно.',
    en: 'If you believe someone else got into your account, report it now: every session ends, the password is replaced and a new one comes by SMS. You do not need to log in.',
  },
  reportRequestSubmit: { ky: 'Код алуу', ru: 'Получить код', en: 'Get a code' },
  reportCodeSent: {
    ky: 'Маалыматтар дал келсе, код SMS менен жөнөтүлдү. Кодду киргизиңиз.',
    ru: 'Если данные совпадают, код отправлен по SMS. Введите код.',
    en: 'If the data match, a code was sent by SMS. Enter the code.',
  },
  code: { ky: 'SMS коду', ru: 'Код из SMS', en: 'Code from the SMS' },
  description: {
    ky: 'Эмне болду (милдеттүү эмес)',
    ru: 'Что произошло (необязательно)',
    en: 'What happened (optional)',
  },
  suspectedSince: {
    ky: 'Качантан бери шектенесиз (милдеттүү эмес)',
    ru: 'С какого времени вы подозреваете (необязательно)',
    en: 'Since when do you suspect it (optional)',
  },
  suspectedSinceHint: {
    ky: 'Ушул убакыттан билдирүүгө чейинки аракеттер талаштуу деп белгиленет.',
    ru: 'Действия с этого времени до сообщения будут помечены как спорные.',
    en: 'Actions from then until the report will be marked disputed.',
  },
  reportSubmit: { ky: 'Билдирүү', ru: 'Сообщить', en: 'Report' },
  reported: {
    ky: 'Билдирүү кабыл алынды ({at}). Бардык сессиялар токтотулду, жаңы сырсөз SMS менен жөнөтүлдү.',
    ru: 'Сообщение принято ({at}). Все сеансы завершены, новый пароль отправлен по SMS.',
    en: 'Report received ({at}). Every session has ended and a new password was sent by SMS.',
  },
  reportConfirm: {
    ky: 'Билдирүүдөн кийин бардык сессиялар, ушул сессия да, токтотулат.',
    ru: 'После сообщения все сеансы, включая этот, будут завершены.',
    en: 'After the report every session ends, this one too.',
  },

  consentTitle: {
    ky: 'Макулдашуунун жаңы версиясы',
    ru: 'Новая версия соглашения',
    en: 'A new version of the agreement',
  },
  consentIntro: {
    ky: 'Жеке кабинетти колдонуу үчүн макулдашуунун жаңы версиясына макулдук бериңиз.',
    ru: 'Чтобы пользоваться личным кабинетом, дайте согласие с новой версией соглашения.',
    en: 'To use the personal cabinet, consent to the new version of the agreement.',
  },

  cabinetTitle: { ky: 'Жеке кабинет', ru: 'Личный кабинет', en: 'Personal cabinet' },
  myData: { ky: 'Менин маалыматтарым', ru: 'Мои данные', en: 'My data' },
  login: { ky: 'Логин (телефон)', ru: 'Логин (телефон)', en: 'Login (phone)' },
  status: { ky: 'Абалы', ru: 'Статус', en: 'Status' },
  consent: { ky: 'Макулдук', ru: 'Согласие', en: 'Consent' },
  verification: { ky: 'Ырастоо талабы', ru: 'Требование подтверждения', en: 'Verification demand' },
  deadline: { ky: 'мөөнөтү', ru: 'срок', en: 'deadline' },
  statusActive: { ky: 'Активдүү', ru: 'Активна', en: 'Active' },
  statusBlocked: { ky: 'Бөгөттөлгөн', ru: 'Заблокирована', en: 'Blocked' },
  statusDeleted: { ky: 'Өчүрүлгөн', ru: 'Удалена', en: 'Deleted' },
  updatePassportTitle: {
    ky: 'Паспорттун номерин жаңыртуу',
    ru: 'Обновить номер паспорта',
    en: 'Update the passport number',
  },
  newPassportNumber: { ky: 'Жаңы паспорттун номери', ru: 'Новый номер паспорта', en: 'New passport number' },
  save: { ky: 'Сактоо', ru: 'Сохранить', en: 'Save' },
  saved: { ky: 'Сакталды.', ru: 'Сохранено.', en: 'Saved.' },
  sessionsTitle: { ky: 'Активдүү сессиялар', ru: 'Активные сеансы', en: 'Active sessions' },
  started: { ky: 'Башталды', ru: 'Начат', en: 'Started' },
  lastSeen: { ky: 'Акыркы жолу', ru: 'Последняя активность', en: 'Last seen' },
  method: { ky: 'Ыкма', ru: 'Способ', en: 'Method' },
  device: { ky: 'Түзмөк', ru: 'Устройство', en: 'Device' },
  thisSession: { ky: 'ушул сессия', ru: 'этот сеанс', en: 'this session' },
  methodPassword: { ky: 'сырсөз', ru: 'пароль', en: 'password' },
  methodIdCard: { ky: 'ID-карта', ru: 'ID-карта', en: 'ID card' },
  endAll: { ky: 'Бардык сессияларды токтотуу', ru: 'Завершить все сеансы', en: 'End every session' },
  activityTitle: { ky: 'Аракеттердин тарыхы', ru: 'История действий', en: 'Activity' },
  activityIntro: {
    ky: 'Билдирүүгө чейинки аракеттер сиздики деп эсептелет; билдирилген аралыктагылар талаштуу деп белгиленет.',
    ru: 'Действия до сообщения считаются вашими; действия в заявленном промежутке помечены как спорные.',
    en: 'Actions before a report count as yours; actions in the reported window are marked disputed.',
  },
  when: { ky: 'Качан', ru: 'Когда', en: 'When' },
  action: { ky: 'Аракет', ru: 'Действие', en: 'Action' },
  result: { ky: 'Жыйынтык', ru: 'Результат', en: 'Result' },
  attribution: { ky: 'Ким', ru: 'Чьё', en: 'Whose' },
  attrApplicant: { ky: 'сиздики', ru: 'ваше', en: 'yours' },
  attrDisputed: { ky: 'талаштуу', ru: 'спорное', en: 'disputed' },
  attrRevoked: {
    ky: 'жокко чыгарылган маалымат менен',
    ru: 'по отозванным данным',
    en: 'with a revoked credential',
  },
  success: { ky: 'ийгиликтүү', ru: 'успешно', en: 'success' },
  failure: { ky: 'ийгиликсиз', ru: 'неуспешно', en: 'failure' },
  more: { ky: 'Дагы көрсөтүү', ru: 'Показать ещё', en: 'Show more' },
  changePasswordTitle: { ky: 'Сырсөздү өзгөртүү', ru: 'Сменить пароль', en: 'Change the password' },
  currentPassword: { ky: 'Учурдагы сырсөз', ru: 'Текущий пароль', en: 'Current password' },
  newPassword: { ky: 'Жаңы сырсөз', ru: 'Новый пароль', en: 'New password' },
  newPasswordHint: {
    ky: 'Кеминде 8 белги, жөнөкөй эмес',
    ru: 'Не менее 8 символов, не простой',
    en: 'At least 8 characters, not a common one',
  },
  passwordChanged: {
    ky: 'Сырсөз өзгөртүлдү. Башка сессиялар токтотулду.',
    ru: 'Пароль изменён. Другие сеансы завершены.',
    en: 'The password was changed. Other sessions have ended.',
  },
  changePhoneTitle: {
    ky: 'Телефон номерин өзгөртүү',
    ru: 'Сменить номер телефона',
    en: 'Change the phone number',
  },
  newPhone: { ky: 'Жаңы телефон номери', ru: 'Новый номер телефона', en: 'New phone number' },
  sendCode: { ky: 'Код жөнөтүү', ru: 'Отправить код', en: 'Send a code' },
  codeSentToNew: {
    ky: 'Жаңы номерге SMS менен код жөнөтүлдү.',
    ru: 'Код отправлен по SMS на новый номер.',
    en: 'A code was sent by SMS to the new number.',
  },
  confirm: { ky: 'Ырастоо', ru: 'Подтвердить', en: 'Confirm' },
  phoneChanged: {
    ky: 'Телефон номери өзгөртүлдү: эми логиниңиз {phone}.',
    ru: 'Номер телефона изменён: теперь ваш логин {phone}.',
    en: 'The phone number was changed: your login is now {phone}.',
  },
  loggedOut: { ky: 'Сиз чыктыңыз.', ru: 'Вы вышли.', en: 'You have logged out.' },
  exitFailed: {
    ky: 'Чыгуу аткарылган жок: сеанс дагы эле ачык. «Чыгуу» баскычын кайра басыңыз.',
    ru: 'Выход не выполнен: сеанс ещё открыт. Нажмите «Выход» ещё раз.',
    en: 'Exit did not go through: the session is still open. Press Exit again.',
  },
} satisfies Texts;

export type TextKey = keyof typeof texts;

/** Names of actions in the activity list (2.6); an action without a name here is shown as the API gives it. */
export const actionNames: Readonly<Record<string, Record<Language, string>>> = {
  registration: { ky: 'Каттоо', ru: 'Регистрация', en: 'Registration' },
  login: { ky: 'Кирүү', ru: 'Вход', en: 'Login' },
  login_failed: { ky: 'Ийгиликсиз кирүү', ru: 'Неудачный вход', en: 'Failed login' },
  logout: { ky: 'Чыгуу', ru: 'Выход', en: 'Exit' },
  logout_all: { ky: 'Бардык сессиялар токтотулду', ru: 'Все сеансы завершены', en: 'Every session ended' },
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
};
