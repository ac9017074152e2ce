import type { Language } from '../commons/i18n';
import type { SmsMessage, SmsPurpose } from './ports';

/**
 * What the portal tells applicants by SMS (2.5, 2.7): the portal's name, what the secret is for, and the secret;
 * never anything more (no personal data, no links that could be imitated).
 *
 * Length: a Latin text in the GSM-7 alphabet fits 160 characters in one segment; any Cyrillic letter makes the SMS
 * UCS-2, with 70 characters in one segment (67 per segment once split). Every Kyrgyz and Russian text here, with a
 * generated password of up to {@link maxPasswordLength} characters, stays within 70: one segment, one charge.
 */
export type SmsKind =
  | 'registration_password'
  | 'new_password'
  | 'phone_change_code'
  | 'access_report_code'
  | 'password_reset_code'
  | 'phone_moved_notice'
  | 'password_changed_notice';

/** Longest password an SMS text accepts: the generated ones are 14 characters. */
export const maxPasswordLength = 24;

// The portal is named as applicants know its service: МКК in the Kyrgyz agreement, ГРС in Russian, SRS in English.
const texts: Record<SmsKind, Record<Language, (secret?: string) => string>> = {
  /** 2.5: the password sent at registration; the phone is the login. */
  registration_password: {
    ky: (secret) => `МКК порталы: кирүү үчүн сырсөзүңүз ${secret}`,
    ru: (secret) => `Портал ГРС: ваш пароль для входа ${secret}`,
    en: (secret) => `SRS portal: your password is ${secret}`,
  },
  /** 2.5, 2.7: a new password after a reset or an access report (every older one no longer works). */
  new_password: {
    ky: (secret) => `МКК порталы: жаңы сырсөзүңүз ${secret}`,
    ru: (secret) => `Портал ГРС: ваш новый пароль ${secret}`,
    en: (secret) => `SRS portal: your new password is ${secret}`,
  },
  /** 2.2: the code that confirms a new phone number, sent to that number. */
  phone_change_code: {
    ky: (secret) => `МКК порталы: телефон номерин өзгөртүү коду ${secret}`,
    ru: (secret) => `Портал ГРС: код смены номера телефона ${secret}`,
    en: (secret) => `SRS portal: code to change your phone number ${secret}`,
  },
  /** 2.7: the code that lets an applicant who cannot log in report unauthorized access. */
  access_report_code: {
    ky: (secret) => `МКК порталы: уруксатсыз кирүү тууралуу билдирүү коду ${secret}`,
    ru: (secret) => `Портал ГРС: код сообщения о несанкционированном доступе ${secret}`,
    en: (secret) => `SRS portal: code to report unauthorized access ${secret}`,
  },
  /** 2.5, 2.7: the code that lets the owner choose a new password; the reset takes effect only with it. */
  password_reset_code: {
    ky: (secret) => `МКК порталы: сырсөздү калыбына келтирүү коду ${secret}`,
    ru: (secret) => `Портал ГРС: код для смены пароля ${secret}`,
    en: (secret) => `SRS portal: code to reset your password ${secret}`,
  },
  /**
   * 2.7: to the phone the login moved away from. It stays reserved to the account for 30 days and can report
   * unauthorized access, which takes the login back.
   */
  phone_moved_notice: {
    ky: () => 'МКК порталы: логин башка номерге өттү. Сиз эмессизби? Билдириңиз',
    ru: () => 'Портал ГРС: логин перенесён на другой номер. Не вы? Сообщите нам',
    en: () => 'SRS portal: your login moved to another phone. Not you? Report it on the portal',
  },
  /** 2.7: to the login phone after the password was changed or reset. */
  password_changed_notice: {
    ky: () => 'МКК порталы: сырсөз өзгөртүлдү. Сиз эмессизби? Порталда билдириңиз',
    ru: () => 'Портал ГРС: пароль изменён. Не вы? Сообщите о доступе на портале',
    en: () => 'SRS portal: your password was changed. Not you? Report it on the portal',
  },
};

/** What the secret of each kind is, for the outbox and the logs (DESIGN: Local SMS outbox). */
export const smsPurposes: Record<SmsKind, SmsPurpose> = {
  registration_password: 'password',
  new_password: 'password',
  phone_change_code: 'code',
  access_report_code: 'code',
  password_reset_code: 'code',
  phone_moved_notice: 'notice',
  password_changed_notice: 'notice',
};

const secretFormats: Record<SmsPurpose, RegExp | undefined> = {
  /** Security rules: codes sent by SMS are 6 digits. */
  code: /^\d{6}$/,
  password: new RegExp(`^\\S{1,${maxPasswordLength}}$`),
  /** A notice carries no secret (DESIGN: Local SMS outbox). */
  notice: undefined,
};

/**
 * The SMS text of `kind` in `language`, carrying `secret`.
 *
 * @throws RangeError when the secret is not a 6-digit code (codes) or a short password without spaces, or when a
 *   notice is given one
 * @example smsText('new_password', 'ru', 'h7dz3tmw9bfr2n') // 'Портал ГРС: ваш новый пароль h7dz3tmw9bfr2n'
 */
export const smsText = (kind: SmsKind, language: Language, secret?: string): string => {
  const format = secretFormats[smsPurposes[kind]];
  if (format ? secret === undefined || !format.test(secret) : secret !== undefined) {
    throw new RangeError(`The secret of a ${kind} SMS has the wrong format`);
  }
  return texts[kind][language](secret);
};

/** The whole SMS of `kind` to `phone`, ready for an SmsSender. */
export const smsMessage = (
  kind: SmsKind,
  language: Language,
  phone: string,
  secret?: string,
): SmsMessage => ({
  phone,
  purpose: smsPurposes[kind],
  text: smsText(kind, language, secret),
  ...(secret !== undefined && { secret }),
});
