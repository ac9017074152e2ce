import { accountRightsTexts } from './account-rights-texts';
import { documentsTexts } from './documents-texts';
import { privacyPolicyTexts } from './privacy-policy-texts';

/** The page's own words in the portal's three languages; the API localizes its problems itself (Accept-Language). */
export const languages = ['ky', 'ru', 'en'] as const;
export type Language = (typeof languages)[number];

type Texts = Record<string, Record<Language, string>>;

export const texts = {
  ...privacyPolicyTexts,
  ...accountRightsTexts,
  ...documentsTexts,
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
  tryAgain: {
    ky: '{when} кайра аракет кылыңыз.',
    ru: 'Повторите попытку {when}.',
    en: 'Please try again {when}.',
  },
  // Kyrgyz needs no plural after a number; Russian and English take unit symbols (no plural, no full stop).
  inSeconds: { ky: '{n} секунддан кийин', ru: 'через {n} с', en: 'in {n} s' },
  inMinutes: { ky: '{n} мүнөттөн кийин', ru: 'через {n} мин', en: 'in {n} min' },
  inHours: { ky: '{n} сааттан кийин', ru: 'через {n} ч', en: 'in {n} h' },
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
  resetIntro: {
    ky: 'Телефон номериңизди жана ПИНиңизди киргизиңиз: телефонго SMS менен код келет. Код менен жаңы сырсөз тандамайынча учурдагы сырсөз өзгөрбөйт.',
    ru: 'Введите номер телефона и ПИН: на телефон придёт код по SMS. Пока вы не выберете новый пароль с этим кодом, текущий пароль не меняется.',
    en: 'Enter your phone number and PIN: a code comes by SMS to the phone. The current password stays until you choose a new one with that code.',
  },
  resetSubmit: { ky: 'Код алуу', ru: 'Получить код', en: 'Get a code' },
  resetCodeSent: {
    ky: 'Маалыматтар дал келсе, телефонго SMS менен 6 сандан турган код жөнөтүлдү. Кодду киргизип, жаңы сырсөз тандаңыз.',
    ru: 'Если данные совпадают, на телефон отправлен по SMS код из 6 цифр. Введите код и выберите новый пароль.',
    en: 'If the data match, a 6-digit code was sent by SMS to the phone. Enter the code and choose a new password.',
  },
  resetConfirmSubmit: {
    ky: 'Жаңы сырсөздү сактоо',
    ru: 'Сохранить новый пароль',
    en: 'Save the new password',
  },
  askNewCode: { ky: 'Жаңы код суроо', ru: 'Запросить новый код', en: 'Ask for a new code' },
  resetDone: {
    ky: 'Сырсөз өзгөртүлдү, бардык сессиялар токтотулду. Жаңы сырсөз менен кириңиз.',
    ru: 'Пароль изменён, все сеансы завершены. Войдите с новым паролем.',
    en: 'The password was changed and every session has ended. Log in with the new password.',
  },

  registerTitle: { ky: 'Катталуу', ru: 'Регистрация', en: 'Registration' },
  agreementStep: {
    ky: '1-кадам: колдонуучулук макулдашуу',
    ru: 'Шаг 1: пользовательское соглашение',
    en: 'Step 1: the user agreement',
  },
  agreementVersion: { ky: 'Версия', ru: 'Версия', en: 'Version' },
  agreementLoading: {
    ky: 'Макулдашуунун тексти жүктөлүүдө. Аны окуп чыгып, кайра басыңыз.',
    ru: 'Текст соглашения загружается. Прочитайте его и нажмите ещё раз.',
    en: 'The agreement is loading. Please read it, then press again.',
  },
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
  reportPhoneHint: {
    ky: 'Логин болгон телефонуңуз, же логин акыркы 30 күндө башка номерге которулган болсо, мурунку телефонуңуз: билдирүүдөн кийин ал кайра логин болот.',
    ru: 'Ваш номер-логин или прежний номер, если логин был перенесён с него за последние 30 дней: после сообщения он снова станет логином.',
    en: 'Your login phone, or your previous phone if the login was moved away from it in the last 30 days: the report makes it your login again.',
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
    ky: 'Ушул убакыттан билдирүүгө чейинки аракеттер талаштуу деп белгиленет, ал эми ушул убакыттан бери телефон номеринин өзгөртүүлөрү жокко чыгарылат: логин ошол кездеги номерге кайтат.',
    ru: 'Действия с этого времени до сообщения будут помечены как спорные, а смены номера телефона с этого времени будут отменены: логином снова станет номер, который был им тогда.',
    en: 'Actions from then until the report will be marked disputed, and phone number changes made since then will be undone: the login goes back to the phone it was then.',
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
  verificationPending: { ky: 'күтүлүүдө', ru: 'ожидается', en: 'pending' },
  verificationConfirmed: { ky: 'ырасталды', ru: 'подтверждено', en: 'confirmed' },
  verificationMismatch: { ky: 'дал келбейт', ru: 'несоответствие', en: 'mismatch' },
  verificationOverdue: { ky: 'мөөнөтү өттү', ru: 'срок истёк', en: 'overdue' },
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
  endSession: { ky: 'Токтотуу', ru: 'Завершить', en: 'End' },
  chosenSessionEnded: { ky: 'Сессия токтотулду.', ru: 'Сеанс завершён.', en: 'The session has ended.' },
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
  phoneCurrentPasswordHint: {
    ky: 'Сырсөз менен кирген болсоңуз керек. ID-карта менен киргенден кийинки 15 мүнөттө талап кылынбайт.',
    ru: 'Нужен, если вы вошли по паролю. В течение 15 минут после входа по ID-карте не требуется.',
    en: 'Needed if you logged in with the password. Not needed for 15 minutes after logging in with the ID card.',
  },
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
