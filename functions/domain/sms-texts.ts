import { languages, type Language } from '../commons/i18n';
import { bishkekMinute } from './operators/bishkek-time';
import { GENERATED_PASSWORD_LENGTH } from './passwords/generated-password';
import { SMS_CODE_DIGITS } from './passwords/sms-code';
import type { SmsMessage, SmsPurpose } from './ports';
import { smsSegments } from './sms-segments';

/**
 * What the portal tells applicants by SMS (2.5, 2.7): the portal's name, what the secret is for, and the secret;
 * never anything more (no personal data, no links that could be imitated).
 *
 * Length (DESIGN: Local SMS outbox): every text, with the longest values it carries ({@link longestSmsTexts}), fits
 * one segment, one charge (sms-segments.ts): 70 characters in Kyrgyz and Russian (any Cyrillic letter makes the SMS
 * UCS-2), 160 in English (GSM-7). A second segment would double the price.
 */
export type SmsKind =
  | 'registration_password'
  | 'new_password'
  | 'phone_change_code'
  | 'access_report_code'
  | 'password_reset_code'
  | 'phone_moved_notice'
  | 'password_changed_notice'
  | 'verification_requested_notice'
  | 'account_blocked_notice'
  | 'account_unblocked_notice'
  | 'account_deleted_notice'
  | 'account_closed_notice';

/** Longest password an SMS text accepts: only generated passwords go by SMS (2.5, 2.7). */
export const maxPasswordLength = GENERATED_PASSWORD_LENGTH;

// The portal is named as applicants know its service: МКК in the Kyrgyz agreement, ГРС in Russian, SRS in English.
const texts: Record<SmsKind, Record<Language, (secret?: string, deadline?: string) => string>> = {
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
  /** 2.3: an operator demands verification; the deadline in Bishkek time, to the minute (`31.12.2026 23:59`). */
  verification_requested_notice: {
    ky: (_, deadline) => `МКК порталы: каттоо маалыматын ${deadline} чейин ырастаңыз`,
    ru: (_, deadline) => `Портал ГРС: подтвердите данные регистрации до ${deadline}`,
    en: (_, deadline) => `SRS portal: confirm your registration data by ${deadline}`,
  },
  /** 2.2: an operator blocked the account: no login until it is unblocked. */
  account_blocked_notice: {
    ky: () => 'МКК порталы: аккаунтуңуз оператор тарабынан бөгөттөлдү',
    ru: () => 'Портал ГРС: ваша учётная запись заблокирована оператором',
    en: () => 'SRS portal: your account was blocked by an operator',
  },
  /** 2.2: an operator unblocked the account: the applicant may log in again. */
  account_unblocked_notice: {
    ky: () => 'МКК порталы: аккаунтуңуз кайра ачылды',
    ru: () => 'Портал ГРС: ваша учётная запись разблокирована',
    en: () => 'SRS portal: your account was unblocked',
  },
  /** 2.2: an operator deleted the account: no login any more; the personal data is erased after retention. */
  account_deleted_notice: {
    ky: () => 'МКК порталы: аккаунтуңуз оператор тарабынан өчүрүлдү',
    ru: () => 'Портал ГРС: ваша учётная запись удалена оператором',
    en: () => 'SRS portal: your account was deleted by an operator',
  },
  /**
   * 2.4, 2.7: the applicant closed the account. Told at once, so that an owner whose password was used to close it
   * hears of it.
   */
  account_closed_notice: {
    ky: () => 'МКК порталы: аккаунтуңуз жабылды. Сиз эмессизби? МККга кайрылыңыз',
    ru: () => 'Портал ГРС: учётная запись закрыта. Не вы? Обратитесь в ГРС',
    en: () => 'SRS portal: your account was closed. Not you? Contact the SRS',
  },
};

/** The kinds that carry a deadline (an ISO instant, written in Bishkek time). */
const deadlineKinds: ReadonlySet<SmsKind> = new Set(['verification_requested_notice']);

/** What the secret of each kind is, for the outbox and the logs (DESIGN: Local SMS outbox). */
export const smsPurposes: Record<SmsKind, SmsPurpose> = {
  registration_password: 'password',
  new_password: 'password',
  phone_change_code: 'code',
  access_report_code: 'code',
  password_reset_code: 'code',
  phone_moved_notice: 'notice',
  password_changed_notice: 'notice',
  verification_requested_notice: 'notice',
  account_blocked_notice: 'notice',
  account_unblocked_notice: 'notice',
  account_deleted_notice: 'notice',
  account_closed_notice: 'notice',
};

/** Every kind of SMS the portal sends. */
export const smsKinds = Object.keys(smsPurposes) as SmsKind[];

const secretFormats: Record<SmsPurpose, RegExp | undefined> = {
  /** Security rules: codes sent by SMS are 6 digits. */
  code: new RegExp(`^\\d{${SMS_CODE_DIGITS}}$`),
  password: new RegExp(`^\\S{1,${maxPasswordLength}}$`),
  /** A notice carries no secret (DESIGN: Local SMS outbox). */
  notice: undefined,
};

/**
 * The SMS text of `kind` in `language`, carrying `secret`, or the `deadline` (an ISO instant) of a notice that has
 * one.
 *
 * @throws RangeError when the secret is not a 6-digit code (codes) or a short password without spaces, when a
 *   notice is given one, or when a deadline is missing, not an instant, or not the kind's
 * @example smsText('new_password', 'ru', 'h7dz3tmw9bfr2n') // 'Портал ГРС: ваш новый пароль h7dz3tmw9bfr2n'
 */
export const smsText = (kind: SmsKind, language: Language, secret?: string, deadline?: string): string => {
  const format = secretFormats[smsPurposes[kind]];
  if (format ? secret === undefined || !format.test(secret) : secret !== undefined) {
    throw new RangeError(`The secret of a ${kind} SMS has the wrong format`);
  }
  if (deadlineKinds.has(kind) ? Number.isNaN(Date.parse(deadline ?? '')) : deadline !== undefined) {
    throw new RangeError(`The deadline of a ${kind} SMS is missing or not an instant`);
  }
  return texts[kind][language](secret, deadline && bishkekMinute(deadline));
};

/** The whole SMS of `kind` to `phone`, ready for an SmsSender. */
export const smsMessage = (
  kind: SmsKind,
  language: Language,
  phone: string,
  secret?: string,
  deadline?: string,
): SmsMessage => ({
  phone,
  purpose: smsPurposes[kind],
  text: smsText(kind, language, secret, deadline),
  ...(secret !== undefined && { secret }),
});

/** The longest secret of each purpose: every character of a password or code is one GSM-7 septet or UCS-2 unit. */
const longestSecrets: Record<SmsPurpose, string | undefined> = {
  password: 'z'.repeat(maxPasswordLength),
  code: '9'.repeat(SMS_CODE_DIGITS),
  notice: undefined,
};

/** Every deadline is written alike (`DD.MM.YYYY HH:MM`): any instant is the longest. */
const longestDeadline = '2099-12-31T17:59:59.999Z';

/**
 * Every kind's text in every language with the longest values it can carry, and the segments it takes: what must be
 * one segment (DESIGN: Local SMS outbox). A kind that carries a value of its own (a date, a name) gives its longest
 * here.
 */
export const longestSmsTexts = (): { kind: SmsKind; language: Language; text: string; segments: number }[] =>
  smsKinds.flatMap((kind) =>
    languages.map((language) => {
      const deadline = deadlineKinds.has(kind) ? longestDeadline : undefined;
      const text = smsText(kind, language, longestSecrets[smsPurposes[kind]], deadline);
      return { kind, language, text, segments: smsSegments(text) };
    }),
  );
