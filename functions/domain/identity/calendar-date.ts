/**
 * A day on the calendar, without time or zone: how birth and registration dates are written inside PINs and
 * INNs. `month` is 1–12 and `day` 1–31, as people write them.
 */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * Where "today" comes from. Rules take today's date as a value and schemas take this provider, so that
 * nothing in the rules reads the system clock and tests can pin the date.
 */
export type TodayProvider = () => CalendarDate;

/** Kyrgyzstan keeps UTC+6 all year (no daylight saving since 2005); the portal's "today" is Bishkek's. */
const BISHKEK_UTC_OFFSET_MS = 6 * 60 * 60 * 1000;

/** Gregorian: every 4th year, except centuries, except every 4th century (2000 was leap, 1900 was not). */
export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** @returns the number of days in `month` (1–12) of `year` */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];

/** @returns the date when `year`, `month`, `day` name a real Gregorian day, otherwise `undefined` */
export function calendarDate(year: number, month: number, day: number): CalendarDate | undefined {
  if (![year, month, day].every(Number.isInteger)) return undefined;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/**
 * Reads eight digits `DDMMYYYY`, the order used inside PINs and INNs.
 *
 * @returns the date, or `undefined` when the digits are not a real day (31 April, 29 February 2023, 00 …)
 * @example parseDdMmYyyy('29022024') // { year: 2024, month: 2, day: 29 }
 */
export function parseDdMmYyyy(digits: string): CalendarDate | undefined {
  const match = /^(\d{2})(\d{2})(\d{4})$/.exec(digits);
  if (!match) return undefined;
  return calendarDate(Number(match[3]), Number(match[2]), Number(match[1]));
}

/** @returns the date as eight digits `DDMMYYYY`; the inverse of {@link parseDdMmYyyy} */
export const formatDdMmYyyy = ({ year, month, day }: CalendarDate): string =>
  `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year).padStart(4, '0')}`;

/** @returns a negative number when `a` is before `b`, zero on the same day, a positive number when after */
export const compareCalendarDates = (a: CalendarDate, b: CalendarDate): number =>
  a.year - b.year || a.month - b.month || a.day - b.day;

/** @returns the calendar date in Bishkek at `instant`; what a clock adapter hands to the rules as "today" */
export function calendarDateInBishkek(instant: Date): CalendarDate {
  const shifted = new Date(instant.getTime() + BISHKEK_UTC_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Why a date written in a document number cannot be right, when it is a real day. */
export type PastDateProblem = 'in_future' | 'too_early';

/**
 * Checks a date that must already have happened: not after `today`, not before `earliest`.
 *
 * @returns the problem, or `undefined` when the date is plausible
 */
export function checkPastDate(
  date: CalendarDate,
  today: CalendarDate,
  earliest: CalendarDate,
): PastDateProblem | undefined {
  if (compareCalendarDates(date, today) > 0) return 'in_future';
  if (compareCalendarDates(date, earliest) < 0) return 'too_early';
  return undefined;
}
