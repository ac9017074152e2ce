import type { Localized } from '../functions/commons/i18n';

/**
 * Every problem the HTTP API can answer, declared once: status and localized title. `code` is the stable
 * machine code clients switch on; the `type` URI is derived from it.
 */
export const problems = {
  malformed_json: {
    status: 400,
    title: {
      ky: 'Сурамдын денеси туура эмес JSON',
      ru: 'Тело запроса не является корректным JSON',
      en: 'The request body is not valid JSON',
    },
  },
  validation_failed: {
    status: 400,
    title: {
      ky: 'Маалыматтар текшерүүдөн өткөн жок',
      ru: 'Данные не прошли проверку',
      en: 'The data did not pass validation',
    },
  },
  invalid_code: {
    status: 400,
    title: {
      ky: 'Код туура эмес же мөөнөтү өттү',
      ru: 'Код неверен или истёк',
      en: 'The code is wrong or has expired',
    },
  },
  weak_password: {
    status: 400,
    title: { ky: 'Сырсөз өтө жөнөкөй', ru: 'Пароль слишком простой', en: 'The password is too weak' },
  },
  unauthenticated: {
    status: 401,
    title: { ky: 'Кирүү талап кылынат', ru: 'Требуется вход', en: 'Authentication is required' },
  },
  invalid_credentials: {
    status: 401,
    title: {
      ky: 'Телефон номери же сырсөз туура эмес',
      ru: 'Неверный номер телефона или пароль',
      en: 'Wrong phone number or password',
    },
  },
  invalid_id_card: {
    status: 401,
    title: {
      ky: 'ID-картаны текшерүү ийгиликсиз болду',
      ru: 'Проверка ID-карты не пройдена',
      en: 'The ID card could not be verified',
    },
  },
  reauthentication_required: {
    status: 403,
    title: {
      ky: 'Улантуу үчүн учурдагы сырсөздү киргизиңиз',
      ru: 'Для продолжения введите текущий пароль',
      en: 'Enter your current password to continue',
    },
  },
  account_blocked: {
    status: 403,
    title: { ky: 'Аккаунт бөгөттөлгөн', ru: 'Учётная запись заблокирована', en: 'The account is blocked' },
  },
  verification_required: {
    status: 403,
    title: {
      ky: 'Каттоо маалыматтарын ырастоо талап кылынат',
      ru: 'Требуется подтверждение регистрационных данных',
      en: 'The registration data must be verified',
    },
  },
  consent_required: {
    status: 403,
    title: {
      ky: 'Макулдашуунун жаңы версиясына макулдук талап кылынат',
      ru: 'Требуется согласие с новой версией соглашения',
      en: 'Consent to the new agreement version is required',
    },
  },
  request_rejected: {
    status: 403,
    title: { ky: 'Сурам четке кагылды', ru: 'Запрос отклонён', en: 'The request was rejected' },
  },
  not_found: {
    status: 404,
    title: { ky: 'Мындай дарек жок', ru: 'Такого адреса нет', en: 'No such resource' },
  },
  agreement_not_found: {
    status: 404,
    title: {
      ky: 'Макулдашуунун мындай версиясы жок',
      ru: 'Такой версии соглашения нет',
      en: 'No such agreement version',
    },
  },
  not_registered: {
    status: 404,
    title: {
      ky: 'Бул ID-карта менен аккаунт катталган эмес',
      ru: 'С этой ID-картой учётная запись не зарегистрирована',
      en: 'No account is registered for this ID card',
    },
  },
  method_not_allowed: {
    status: 405,
    title: {
      ky: 'Бул дарек үчүн мындай ыкмага жол берилбейт',
      ru: 'Метод не разрешён для этого адреса',
      en: 'The method is not allowed for this resource',
    },
  },
  agreement_outdated: {
    status: 409,
    title: {
      ky: 'Макулдашуунун бул версиясы эскирген',
      ru: 'Эта версия соглашения устарела',
      en: 'This agreement version is outdated',
    },
  },
  already_registered: {
    status: 409,
    title: {
      ky: 'Бул маалыматтар менен аккаунт мурунтан эле бар',
      ru: 'Учётная запись с этими данными уже существует',
      en: 'An account with these data already exists',
    },
  },
  request_in_progress: {
    status: 409,
    title: {
      ky: 'Ушул Idempotency-Key менен сурам дагы эле аткарылууда',
      ru: 'Запрос с этим Idempotency-Key ещё выполняется',
      en: 'A request with this Idempotency-Key is still in progress',
    },
  },
  consent_expired: {
    status: 410,
    title: {
      ky: 'Макулдуктун мөөнөтү өттү же ал колдонулган',
      ru: 'Согласие истекло или уже использовано',
      en: 'The consent has expired or was already used',
    },
  },
  payload_too_large: {
    status: 413,
    title: { ky: 'Сурам өтө чоң', ru: 'Запрос слишком велик', en: 'The request is too large' },
  },
  unsupported_media_type: {
    status: 415,
    title: {
      ky: 'Мазмундун түрү колдоого алынбайт: application/json жөнөтүңүз',
      ru: 'Тип содержимого не поддерживается: отправьте application/json',
      en: 'Unsupported content type: send application/json',
    },
  },
  idempotency_key_reused: {
    status: 422,
    title: {
      ky: 'Idempotency-Key башка сурам менен колдонулган',
      ru: 'Idempotency-Key уже использован с другим запросом',
      en: 'The Idempotency-Key was used with a different request',
    },
  },
  account_locked: {
    status: 423,
    title: {
      ky: 'Сырсөз менен кирүү убактылуу бөгөттөлдү',
      ru: 'Вход по паролю временно заблокирован',
      en: 'Password login is temporarily locked',
    },
  },
  no_verification_pending: {
    status: 409,
    title: {
      ky: 'Ырастоо талап кылынган жок: документ жөнөтүүнүн кереги жок',
      ru: 'Подтверждение не запрошено: документы отправлять не нужно',
      en: 'No verification is pending: there is nothing to send documents for',
    },
  },
  too_many_documents: {
    status: 409,
    title: {
      ky: 'Бул талап үчүн документтердин чегине жетти',
      ru: 'Для этого запроса отправлено максимальное число документов',
      en: 'The most documents this verification takes have been sent',
    },
  },
  too_many_requests: {
    status: 429,
    title: {
      ky: 'Сурамдар өтө көп, кийинчерээк кайталаңыз',
      ru: 'Слишком много запросов, повторите позже',
      en: 'Too many requests, try again later',
    },
  },
  internal_error: {
    status: 500,
    title: { ky: 'Ички ката кетти', ru: 'Произошла внутренняя ошибка', en: 'An internal error occurred' },
  },
  service_unavailable: {
    status: 503,
    title: {
      ky: 'Кызмат убактылуу жеткиликсиз, кийинчерээк кайталаңыз',
      ru: 'Сервис временно недоступен, повторите позже',
      en: 'The service is temporarily unavailable, try again later',
    },
  },
} satisfies Record<string, { status: number; title: Localized }>;

export type ProblemCode = keyof typeof problems;

export const isProblemCode = (code: string): code is ProblemCode => Object.hasOwn(problems, code);

/** The `type` URI of a problem: stable, documented, derived from the code. */
export const problemType = (code: ProblemCode): string =>
  `https://portal.srs.kg/problems/${code.replace(/_/g, '-')}`;
