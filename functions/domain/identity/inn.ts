import { checkPastDate, parseDdMmYyyy, type CalendarDate } from './calendar-date';
import { ok, refused, type Result } from './result';

/**
 * The 14-digit tax number (INN) of an organization, given when a legal entity's representative registers (1).
 * Only {@link parseInn} makes one.
 */
export type OrganizationInn = string & { readonly __brand: 'OrganizationInn' };

/** An organization's INN taken apart. */
export interface ParsedInn {
  readonly inn: OrganizationInn;
  readonly registrationDate: CalendarDate;
  /** The last five digits, as written (leading zeros kept). */
  readonly sequenceNumber: string;
}

/** Why an organization's INN is refused; each has a message in `messages.ts`. */
export const INN_ERROR_CODES = [
  'inn_invalid_format',
  'inn_invalid_date',
  'inn_registration_date_in_future',
  'inn_registration_date_too_early',
] as const;
export type InnErrorCode = (typeof INN_ERROR_CODES)[number];

/** No organization registering on the portal was registered before this day; earlier means a mistyped INN. */
export const EARLIEST_REGISTRATION_DATE: CalendarDate = { year: 1900, month: 1, day: 1 };

const INN_LAYOUT = /^0(\d{8})(\d{5})$/;

/**
 * Checks an organization's tax number (1): 14 digits; the first `0`; digits 2–9 the registration date
 * `DDMMYYYY`, a real day, not after `today` and not before {@link EARLIEST_REGISTRATION_DATE}; the last 5 a
 * sequence number. Spaces are dropped first.
 *
 * @param today - today's date in Bishkek
 * @returns the INN and its parts, or the first rule it breaks
 * @example parseInn('01203201010001', today) // registrationDate 12 March 2010, sequenceNumber '10001'
 */
export function parseInn(input: string, today: CalendarDate): Result<ParsedInn, InnErrorCode> {
  const inn = input.replace(/\s+/g, '');
  const match = INN_LAYOUT.exec(inn);
  if (!match) return refused('inn_invalid_format');
  const [, dateDigits, sequenceNumber] = match;

  const registrationDate = parseDdMmYyyy(dateDigits);
  if (!registrationDate) return refused('inn_invalid_date');
  switch (checkPastDate(registrationDate, today, EARLIEST_REGISTRATION_DATE)) {
    case 'in_future':
      return refused('inn_registration_date_in_future');
    case 'too_early':
      return refused('inn_registration_date_too_early');
    case undefined:
      return ok({ inn: inn as OrganizationInn, registrationDate, sequenceNumber });
  }
}
