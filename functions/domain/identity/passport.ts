import { ok, refused, type Result } from './result';

/** A passport number, normalized (`ID1234567`, 2.2). Only {@link parsePassportNumber} makes one. */
export type PassportNumber = string & { readonly __brand: 'PassportNumber' };

/** The series letters, and the document each one marks. */
export const PASSPORT_DOCUMENTS = {
  ID: 'id_card_2017',
  AN: 'older_passport',
  AC: 'travel_passport',
} as const;
export type PassportSeries = keyof typeof PASSPORT_DOCUMENTS;
export type PassportDocument = (typeof PASSPORT_DOCUMENTS)[PassportSeries];

/** A passport number taken apart. */
export interface ParsedPassportNumber {
  readonly passportNumber: PassportNumber;
  readonly series: PassportSeries;
  readonly document: PassportDocument;
}

/** Why a passport number is refused; it has a message in `messages.ts`. */
export const PASSPORT_ERROR_CODES = ['passport_invalid'] as const;
export type PassportErrorCode = (typeof PASSPORT_ERROR_CODES)[number];

/** Spaces of any kind, and the hyphens and dashes that keyboards and autocorrect put between groups. */
const SEPARATORS = /[\s\-\u2010\u2011\u2013]/g;

/**
 * Cyrillic letters that look exactly like the Latin series letters, in both cases: an applicant typing on a
 * Kyrgyz or Russian layout writes `АС`/`АN` without noticing. `Н` is not folded: it looks like `H`, not `N`.
 */
const HOMOGLYPHS: Readonly<Record<string, string>> = { А: 'A', а: 'A', С: 'C', с: 'C' };
const LETTERS_TO_FOLD = /[a-zАаСс]/g;

const PASSPORT_LAYOUT = /^(ID|AN|AC)\d{7}$/;

/**
 * The spelling step of {@link parsePassportNumber}: drops spaces and hyphens, upper-cases Latin letters and
 * folds the Cyrillic look-alikes `А`, `С` to Latin. Other characters are kept, so that the layout check
 * refuses them. Idempotent.
 */
export const normalizePassportSpelling = (input: string): string =>
  input
    .replace(SEPARATORS, '')
    .replace(LETTERS_TO_FOLD, (letter) => HOMOGLYPHS[letter] ?? letter.toUpperCase());

/**
 * Reads a passport number (2.2): the 2017 ID card `ID` + 7 digits, the older passport `AN` + 7 digits, or the
 * travel passport `AC` + 7 digits, written with any spaces, hyphens, lower case or Cyrillic `А`/`С`.
 *
 * @returns the normalized number with its series and document, or `passport_invalid`
 * @example parsePassportNumber('ас 123-45-67') // passportNumber 'AC1234567', document 'travel_passport'
 */
export function parsePassportNumber(input: string): Result<ParsedPassportNumber, PassportErrorCode> {
  const passportNumber = normalizePassportSpelling(input);
  const match = PASSPORT_LAYOUT.exec(passportNumber);
  if (!match) return refused('passport_invalid');
  const series = match[1] as PassportSeries;
  return ok({
    passportNumber: passportNumber as PassportNumber,
    series,
    document: PASSPORT_DOCUMENTS[series],
  });
}
