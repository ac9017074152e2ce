import fc from 'fast-check';
import type { CalendarDate } from '../../../functions/domain/identity';

/**
 * Test data built independently of the rules under test: real calendar dates come from JavaScript's `Date`,
 * so the rules' own calendar code is checked against it rather than against itself.
 */

export const toCalendarDate = (date: Date): CalendarDate => ({
  year: date.getUTCFullYear(),
  month: date.getUTCMonth() + 1,
  day: date.getUTCDate(),
});

export const utcDate = ({ year, month, day }: CalendarDate): Date => {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
};

/** Whether JavaScript's calendar has this day: the oracle for "a real date". */
export const isRealDate = (candidate: CalendarDate): boolean => {
  const date = utcDate(candidate);
  return (
    date.getUTCFullYear() === candidate.year &&
    date.getUTCMonth() === candidate.month - 1 &&
    date.getUTCDate() === candidate.day
  );
};

export const addDays = (date: CalendarDate, days: number): CalendarDate =>
  toCalendarDate(new Date(utcDate(date).getTime() + days * 24 * 60 * 60 * 1000));

export const ddmmyyyy = ({ year, month, day }: CalendarDate): string =>
  `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year).padStart(4, '0')}`;

/** A real day between `min` and `max`, both included. */
export const calendarDateBetween = (min: CalendarDate, max: CalendarDate): fc.Arbitrary<CalendarDate> =>
  fc.date({ min: utcDate(min), max: utcDate(max), noInvalidDate: true }).map(toCalendarDate);

const dayMonthYear = (day: fc.Arbitrary<number>, month: fc.Arbitrary<number>) =>
  fc.record({ day, month, year: fc.integer({ min: 1, max: 9999 }) });

/**
 * Eight digits `DDMMYYYY` that JavaScript's calendar says are no real day: any two-digit day and month, and,
 * as often, the near misses at the end of a month (31 April, 29 February of a common year, 32 January).
 */
export const nonDateDigits: fc.Arbitrary<string> = fc
  .oneof(
    dayMonthYear(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })),
    dayMonthYear(fc.integer({ min: 29, max: 32 }), fc.integer({ min: 1, max: 12 })),
  )
  .filter((candidate) => !isRealDate(candidate))
  .map(ddmmyyyy);

export const sequenceNumber: fc.Arbitrary<string> = fc.stringMatching(/^\d{5}$/);

/** Fixed "today" for tests that need one. */
export const TODAY: CalendarDate = { year: 2025, month: 11, day: 25 };
