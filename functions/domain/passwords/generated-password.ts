import { randomIntBelow, secureRandomBytes, type RandomBytes } from './random';

/**
 * The characters of passwords the portal generates and sends by SMS (2.5): digits 2–9 and lower-case Latin
 * letters, leaving out every character an applicant could misread or mistype:
 * - `0 o`, `1 l i` and `q` (read as `9`), the classic look-alikes;
 * - `a c e k p x y`, which have Cyrillic twins (`а с е к р х у`): on a Kyrgyz or Russian keyboard layout they
 *   would be typed as Cyrillic without the applicant noticing;
 * - upper case, which SMS fonts and phone keyboards make error-prone.
 */
export const GENERATED_PASSWORD_ALPHABET = '23456789bdfghjmnrstuvwz';

/** Security rules: a generated password carries at least this much entropy. */
export const MIN_GENERATED_PASSWORD_ENTROPY_BITS = 60;

/** 14 characters of 23 symbols: 14 · log2(23) ≈ 63.3 bits. */
export const GENERATED_PASSWORD_LENGTH = 14;

/** @returns the entropy in bits of `length` characters drawn uniformly from `alphabetSize` symbols */
export const passwordEntropyBits = (alphabetSize: number, length: number): number =>
  length * Math.log2(alphabetSize);

/**
 * Makes the password sent by SMS at registration, reset and after an access report (2.5, 2.7): every
 * character drawn uniformly from {@link GENERATED_PASSWORD_ALPHABET}.
 *
 * @param random - the byte source; node:crypto unless a test replays its own
 * @example generatePassword() // 'h7dz3tmw9bfr2n'
 */
export function generatePassword(random: RandomBytes = secureRandomBytes): string {
  return Array.from(
    { length: GENERATED_PASSWORD_LENGTH },
    () => GENERATED_PASSWORD_ALPHABET[randomIntBelow(GENERATED_PASSWORD_ALPHABET.length, random)],
  ).join('');
}
