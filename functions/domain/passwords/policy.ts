import { normalizePassportSpelling, type PassportNumber } from '../identity/passport';
import type { E164Phone } from '../identity/phone';
import type { Pin } from '../identity/pin';
import { ok, refused, type Result } from '../identity/result';
import { commonPasswords } from './common-passwords';
import { normalizePassword } from './normalize';

/** Security rules: a chosen password has at least 8 characters. */
export const MIN_PASSWORD_LENGTH = 8;
/** Long enough for any passphrase; the bound keeps hashing cost and request size in check. */
export const MAX_PASSWORD_LENGTH = 128;

/** Why a chosen password is refused; each has a message in `messages.ts`. */
export const WEAK_PASSWORD_REASONS = [
  'too_short',
  'too_long',
  'same_as_phone',
  'same_as_pin',
  'same_as_passport_number',
  'common',
] as const;
export type WeakPasswordReason = (typeof WEAK_PASSWORD_REASONS)[number];

/** A refused chosen password: the `weak_password` problem of `PUT /v1/me/password`, with the reason. */
export interface WeakPassword {
  readonly code: 'weak_password';
  readonly reason: WeakPasswordReason;
}

/** What the portal knows of the applicant, and an attacker may know too: no password may be one of them. */
export interface ApplicantIdentifiers {
  readonly phone?: E164Phone;
  readonly pin?: Pin;
  readonly passportNumber?: PassportNumber;
}

const weak = (reason: WeakPasswordReason) => refused<WeakPassword>({ code: 'weak_password', reason });

/** An own number typed as a password: `+996700123456`, `996700123456`, `0700123456` or `700123456`. */
const phoneSpellings = (phone: E164Phone): readonly string[] => {
  const national = phone.slice(4);
  return [phone, phone.slice(1), `0${national}`, national];
};

/**
 * Checks a password the applicant chose (Security rules): 8 to 128 characters (Unicode code points, after
 * NFKC), not the applicant's own phone number, PIN or passport number however spaced or cased, and not in
 * {@link commonPasswords} (compared in lower case).
 *
 * @returns the password as given, or `weak_password` with the first reason found
 * @example checkChosenPassword('0700 123 456', { phone }) // error: weak_password, reason 'same_as_phone'
 */
export function checkChosenPassword(
  password: string,
  identifiers: ApplicantIdentifiers = {},
): Result<string, WeakPassword> {
  const normalized = normalizePassword(password);
  const length = [...normalized].length;
  if (length < MIN_PASSWORD_LENGTH) return weak('too_short');
  if (length > MAX_PASSWORD_LENGTH) return weak('too_long');

  const lowerCase = normalized.toLowerCase();
  const compact = lowerCase.replace(/[\s().-]/g, '');
  const { phone, pin, passportNumber } = identifiers;
  if (phone && phoneSpellings(phone).includes(compact)) return weak('same_as_phone');
  if (pin && compact === pin) return weak('same_as_pin');
  if (passportNumber && normalizePassportSpelling(normalized) === passportNumber) {
    return weak('same_as_passport_number');
  }
  if (commonPasswords().has(lowerCase)) return weak('common');
  return ok(password);
}
