import { checkPastDate, parseDdMmYyyy, type CalendarDate } from './calendar-date';
import { ok, refused, type Result } from './result';

/** The 14-digit personal identification number of an individual (2.2). Only {@link parsePin} makes one. */
export type Pin = string & { readonly __brand: 'Pin' };

/** The PIN's first digit: `1` for women, `2` for men. */
export type Sex = 'female' | 'male';

/** A PIN taken apart. */
export interface ParsedPin {
  readonly pin: Pin;
  readonly sex: Sex;
  readonly birthDate: CalendarDate;
  /** The last five digits, as written (leading zeros kept). */
  readonly sequenceNumber: string;
}

/** Why a PIN is refused; each has a message in `messages.ts`. */
export const PIN_ERROR_CODES = [
  'pin_invalid_format',
  'pin_invalid_date',
  'pin_birth_date_in_future',
  'pin_birth_date_too_early',
] as const;
export type PinErrorCode = (typeof PIN_ERROR_CODES)[number];

/** No living applicant was born before this day; an earlier date means a mistyped PIN. */
export const EARLIEST_BIRTH_DATE: CalendarDate = { year: 1900, month: 1, day: 1 };

const PIN_LAYOUT = /^([12])(\d{8})(\d{5})$/;
const SEX_BY_DIGIT: Readonly<Record<string, Sex>> = { '1': 'female', '2': 'male' };

/**
 * Checks the PIN of an individual for real (2.2): 14 digits; the first `1` (female) or `2` (male); digits 2–9
 * the birth date `DDMMYYYY`, a real day of the calendar, not after `today` and not before {@link
 * EARLIEST_BIRTH_DATE}; the last 5 a sequence number. Spaces are dropped first.
 *
 * @param today - today's date in Bishkek; a PIN born today is accepted
 * @returns the PIN and its parts, or the first rule it breaks
 * @example parsePin('21503199012345', today) // sex 'male', birthDate 15 March 1990, sequenceNumber '12345'
 */
export function parsePin(input: string, today: CalendarDate): Result<ParsedPin, PinErrorCode> {
  const pin = input.replace(/\s+/g, '');
  const match = PIN_LAYOUT.exec(pin);
  if (!match) return refused('pin_invalid_format');
  const [, sexDigit, dateDigits, sequenceNumber] = match;

  const birthDate = parseDdMmYyyy(dateDigits);
  if (!birthDate) return refused('pin_invalid_date');
  switch (checkPastDate(birthDate, today, EARLIEST_BIRTH_DATE)) {
    case 'in_future':
      return refused('pin_birth_date_in_future');
    case 'too_early':
      return refused('pin_birth_date_too_early');
    case undefined:
      return ok({ pin: pin as Pin, sex: SEX_BY_DIGIT[sexDigit], birthDate, sequenceNumber });
  }
}
