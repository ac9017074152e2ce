import {
  parsePhoneNumberWithError,
  ParseError,
  type MetadataJson,
  type PhoneNumber,
} from 'libphonenumber-js/core';
import phoneMetadata from './phone-metadata.json';
import { ok, refused, type Result } from './result';

/**
 * A Kyrgyz mobile number in E.164 (`+996700123456`): the applicant's login (2.5) and where SMS go. Only
 * {@link parsePhone} makes one.
 */
export type E164Phone = string & { readonly __brand: 'E164Phone' };

/** Why a phone number is refused; each has a message in `messages.ts`. */
export const PHONE_ERROR_CODES = ['phone_invalid', 'phone_not_kyrgyz', 'phone_not_mobile'] as const;
export type PhoneErrorCode = (typeof PHONE_ERROR_CODES)[number];

export const KYRGYZ_COUNTRY_CALLING_CODE = '996';

/**
 * What people type around the digits: `+`, spaces, hyphens, dots and parentheses. Anything else is refused
 * before libphonenumber-js sees it: the library would otherwise accept an extension (`0700 123 456 ext 5`) or
 * letters.
 */
const PHONE_SPELLING = /^\+?[\d\s().-]+$/;
const MAX_PHONE_INPUT_LENGTH = 32;

/**
 * Kyrgyzstan's part of libphonenumber-js's full metadata (`npm run phone-metadata` writes it): the whole
 * metadata would be most of every function's bundle, and only Kyrgyz numbers are ever accepted.
 */
const kyrgyzMetadata = phoneMetadata.metadata as unknown as MetadataJson;

/** Kyrgyzstan's prefix for dialling abroad, the other way (besides `+`) to write a number with its country code. */
const KYRGYZ_INTERNATIONAL_PREFIX = '00';

/** libphonenumber-js's shortest national number. */
const MIN_NATIONAL_DIGITS = 2;

/**
 * @returns the calling code of another country that `spelling` starts with (`+7 …`, `00 992 …`), which the
 * Kyrgyz-only metadata cannot read
 */
function foreignCallingCode(spelling: string): string | undefined {
  const digits = spelling.replace(/\D/g, '');
  const international = spelling.startsWith('+')
    ? digits
    : digits.startsWith(KYRGYZ_INTERNATIONAL_PREFIX)
      ? digits.slice(KYRGYZ_INTERNATIONAL_PREFIX.length)
      : undefined;
  if (international === undefined || international.startsWith(KYRGYZ_COUNTRY_CALLING_CODE)) return undefined;
  // As libphonenumber-js reads numbers: a calling code with fewer than two digits after it is no number at all.
  return phoneMetadata.otherCallingCodes.find(
    (code) => international.startsWith(code) && international.length >= code.length + MIN_NATIONAL_DIGITS,
  );
}

/** @returns what libphonenumber-js reads in `spelling`, or `undefined` when it reads no number at all */
function parseWithMetadata(spelling: string): PhoneNumber | undefined {
  try {
    return parsePhoneNumberWithError(spelling, { defaultCountry: 'KG', extract: false }, kyrgyzMetadata);
  } catch (error) {
    if (error instanceof ParseError) return undefined;
    throw error;
  }
}

/**
 * Reads a phone number in any common spelling and keeps it only when it is a Kyrgyz mobile number (2.5: the
 * SMS with the password must reach it).
 *
 * Which numbers are mobile comes from Kyrgyzstan's part of the full ("max") libphonenumber-js metadata, which tells the operators'
 * mobile ranges (`50x`, `55x`, `70x`, `77x`, `99x`, `22x` …) from fixed lines such as Bishkek's `312`; no
 * prefix table is kept here.
 *
 * @returns the number in E.164, or `phone_invalid` (not a phone number), `phone_not_kyrgyz` (another
 * country's code), `phone_not_mobile` (a Kyrgyz fixed line, toll-free or other non-mobile number)
 * @example parsePhone('0700 123 456') // { ok: true, value: '+996700123456' }
 * @example parsePhone('+996 312 62 12 34') // { ok: false, error: 'phone_not_mobile' }
 */
export function parsePhone(input: string): Result<E164Phone, PhoneErrorCode> {
  const spelling = input.trim();
  const looksLikeAPhone = spelling.length <= MAX_PHONE_INPUT_LENGTH && PHONE_SPELLING.test(spelling);
  if (!looksLikeAPhone) return refused('phone_invalid');
  if (foreignCallingCode(spelling) !== undefined) return refused('phone_not_kyrgyz');
  const parsed = parseWithMetadata(spelling);
  if (!parsed) return refused('phone_invalid');
  if (!parsed.isValid()) return refused('phone_invalid');
  if (parsed.getType() !== 'MOBILE') return refused('phone_not_mobile');
  return ok(parsed.number as E164Phone);
}
