import type { Localized } from '../../commons/i18n';
import type { IdentityErrorCode } from './codes';
import { EARLIEST_REGISTRATION_DATE } from './inn';
import { EARLIEST_BIRTH_DATE } from './pin';

const earliestBirthYear = EARLIEST_BIRTH_DATE.year;
const earliestRegistrationYear = EARLIEST_REGISTRATION_DATE.year;

/**
 * What the applicant reads for each identity error code: the `message` of a field problem in a
 * `validation_failed` response, in the request's language. Typed by the codes, so a new code does not compile
 * without its messages.
 */
export const IDENTITY_ERROR_MESSAGES: Readonly<Record<IdentityErrorCode, Localized>> = {
  phone_invalid: {
    ky: 'Телефон номери туура эмес. Кыргызстандын мобилдик номерин жазыңыз, мисалы: 0700 123 456 же +996 700 123 456.',
    ru: 'Неверный номер телефона. Укажите мобильный номер Кыргызстана, например: 0700 123 456 или +996 700 123 456.',
    en: 'The phone number is not valid. Enter a Kyrgyz mobile number, for example 0700 123 456 or +996 700 123 456.',
  },
  phone_not_kyrgyz: {
    ky: 'Кыргызстандын (+996) мобилдик номерлери гана кабыл алынат.',
    ru: 'Принимаются только мобильные номера Кыргызстана (+996).',
    en: 'Only Kyrgyz mobile numbers (+996) are accepted.',
  },
  phone_not_mobile: {
    ky: 'Бул мобилдик номер эмес. Мобилдик номерди жазыңыз: сыр сөз ага SMS аркылуу жөнөтүлөт.',
    ru: 'Это не мобильный номер. Укажите мобильный номер: на него придёт пароль в SMS.',
    en: 'This is not a mobile number. Enter a mobile number: the password is sent to it by SMS.',
  },
  pin_invalid_format: {
    ky: 'ПИН 14 цифрадан турушу жана 1 же 2 цифрасы менен башталышы керек.',
    ru: 'ПИН должен состоять из 14 цифр и начинаться с 1 или 2.',
    en: 'The PIN must be 14 digits starting with 1 or 2.',
  },
  pin_invalid_date: {
    ky: 'ПИНдин 2–9-цифраларындагы туулган дата (күнү, айы, жылы) туура эмес: мындай дата жок.',
    ru: 'Дата рождения в ПИН (цифры со 2-й по 9-ю, ДДММГГГГ) указана неверно: такой даты не существует.',
    en: 'The date of birth in the PIN (digits 2 to 9, DDMMYYYY) is not a real date.',
  },
  pin_birth_date_in_future: {
    ky: 'ПИНдеги туулган дата келечекте боло албайт.',
    ru: 'Дата рождения в ПИН не может быть в будущем.',
    en: 'The date of birth in the PIN cannot be in the future.',
  },
  pin_birth_date_too_early: {
    ky: `ПИНдеги туулган дата ${earliestBirthYear}-жылдан мурун боло албайт; ПИНди текшериңиз.`,
    ru: `Дата рождения в ПИН не может быть раньше ${earliestBirthYear} года; проверьте ПИН.`,
    en: `The date of birth in the PIN cannot be before ${earliestBirthYear}; check the PIN.`,
  },
  inn_invalid_format: {
    ky: 'Уюмдун идентификациялык салык номери (ИСН) 14 цифрадан турушу жана 0 менен башталышы керек.',
    ru: 'ИНН организации должен состоять из 14 цифр и начинаться с 0.',
    en: "The organization's tax number (INN) must be 14 digits starting with 0.",
  },
  inn_invalid_date: {
    ky: 'ИСНдин 2–9-цифраларындагы каттоо датасы (күнү, айы, жылы) туура эмес: мындай дата жок.',
    ru: 'Дата регистрации в ИНН (цифры со 2-й по 9-ю, ДДММГГГГ) указана неверно: такой даты не существует.',
    en: 'The registration date in the INN (digits 2 to 9, DDMMYYYY) is not a real date.',
  },
  inn_registration_date_in_future: {
    ky: 'ИСНдеги каттоо датасы келечекте боло албайт.',
    ru: 'Дата регистрации в ИНН не может быть в будущем.',
    en: 'The registration date in the INN cannot be in the future.',
  },
  inn_registration_date_too_early: {
    ky: `ИСНдеги каттоо датасы ${earliestRegistrationYear}-жылдан мурун боло албайт; ИСНди текшериңиз.`,
    ru: `Дата регистрации в ИНН не может быть раньше ${earliestRegistrationYear} года; проверьте ИНН.`,
    en: `The registration date in the INN cannot be before ${earliestRegistrationYear}; check the INN.`,
  },
  passport_invalid: {
    ky: 'Паспорттун номери туура эмес. ID, AN же AC тамгаларын жана 7 цифраны жазыңыз, мисалы: ID1234567.',
    ru: 'Неверный номер паспорта. Укажите серию ID, AN или AC и 7 цифр, например: ID1234567.',
    en: 'The passport number is not valid. Enter ID, AN or AC followed by 7 digits, for example ID1234567.',
  },
};
