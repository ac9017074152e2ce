import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';
import { randomIntBelow, secureRandomBytes, type RandomBytes } from './random';

/** Security rules: codes sent by SMS have 6 digits. */
export const SMS_CODE_DIGITS = 6;
const CODE_COUNT = 10 ** SMS_CODE_DIGITS;
const CODE_LAYOUT = new RegExp(`^\\d{${SMS_CODE_DIGITS}}$`);

/** A 6-digit code, leading zeros kept. */
export type SmsCode = string & { readonly __brand: 'SmsCode' };

/** The HMAC key codes are hashed with: a secret from the key store, never in code or config. */
export type SmsCodeKey = Uint8Array | KeyObject;

/**
 * Makes a code for an SMS (phone change, access report by phone): each of the 1 000 000 codes equally likely.
 *
 * @example generateSmsCode() // '048213'
 */
export const generateSmsCode = (random: RandomBytes = secureRandomBytes): SmsCode =>
  String(randomIntBelow(CODE_COUNT, random)).padStart(SMS_CODE_DIGITS, '0') as SmsCode;

/**
 * The form in which a code is stored (Security rules: stored hashed): HMAC-SHA256 under a secret key, since a
 * plain hash of one of a million codes is reversed by trying them all. `context` says what the code was sent
 * for and to whom (e.g. `phone-change:<accountId>:<newPhone>`), so that a code is only ever good for that
 * purpose.
 *
 * @returns the MAC, base64url
 */
export const hashSmsCode = (code: string, key: SmsCodeKey, context: string): string =>
  createHmac('sha256', key).update(`${context}\n${code}`, 'utf8').digest('base64url');

/**
 * Checks a code the applicant typed (spaces allowed, `123 456`) against the stored hash, in constant time.
 *
 * @returns whether the code is the one issued for `context`
 */
export function verifySmsCode(
  candidate: string,
  storedHash: string,
  key: SmsCodeKey,
  context: string,
): boolean {
  const code = candidate.replace(/\s+/g, '');
  if (!CODE_LAYOUT.test(code)) return false;
  const expected = Buffer.from(storedHash, 'base64url');
  const actual = Buffer.from(hashSmsCode(code, key, context), 'base64url');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
