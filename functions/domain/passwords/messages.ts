import type { Localized } from '../../commons/i18n';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, type WeakPasswordReason } from './policy';

/**
 * What the applicant reads when a chosen password is refused (`weak_password`), by reason, in every language
 * of the portal. Typed by the reasons, so a new reason does not compile without its messages.
 */
export const WEAK_PASSWORD_MESSAGES: Readonly<Record<WeakPasswordReason, Localized>> = {
  too_short: {
    ky: `Сыр сөз кеминде ${MIN_PASSWORD_LENGTH} белгиден турушу керек.`,
    ru: `Пароль должен содержать не менее ${MIN_PASSWORD_LENGTH} символов.`,
    en: `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`,
  },
  too_long: {
    ky: `Сыр сөз ${MAX_PASSWORD_LENGTH} белгиден ашпашы керек.`,
    ru: `Пароль должен содержать не более ${MAX_PASSWORD_LENGTH} символов.`,
    en: `The password must be at most ${MAX_PASSWORD_LENGTH} characters long.`,
  },
  same_as_phone: {
    ky: 'Сыр сөз телефон номериңиз менен дал келбеши керек.',
    ru: 'Пароль не должен совпадать с вашим номером телефона.',
    en: 'The password must not be your phone number.',
  },
  same_as_pin: {
    ky: 'Сыр сөз ПИНиңиз менен дал келбеши керек.',
    ru: 'Пароль не должен совпадать с вашим ПИН.',
    en: 'The password must not be your PIN.',
  },
  same_as_passport_number: {
    ky: 'Сыр сөз паспортуңуздун номери менен дал келбеши керек.',
    ru: 'Пароль не должен совпадать с номером вашего паспорта.',
    en: 'The password must not be your passport number.',
  },
  common: {
    ky: 'Бул сыр сөз өтө кеңири таралган, аны оңой эле табышат. Башка сыр сөз тандаңыз.',
    ru: 'Этот пароль слишком распространён, его легко подобрать. Выберите другой пароль.',
    en: 'This password is too common and easy to guess. Choose another one.',
  },
};
