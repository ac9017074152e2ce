import fc from 'fast-check';
import {
  calendarDate,
  calendarDateInBishkek,
  compareCalendarDates,
  formatDdMmYyyy,
  isLeapYear,
  parseDdMmYyyy,
} from '../../../functions/domain/identity';
import { calendarDateBetween, ddmmyyyy, isRealDate, nonDateDigits, utcDate } from './arbitraries';

describe('calendar dates written as DDMMYYYY', () => {
  it('reads every real day back as the same day', () => {
    fc.assert(
      fc.property(
        calendarDateBetween({ year: 1, month: 1, day: 1 }, { year: 9999, month: 12, day: 31 }),
        (date) => {
          expect(parseDdMmYyyy(ddmmyyyy(date))).toEqual(date);
          expect(formatDdMmYyyy(date)).toBe(ddmmyyyy(date));
        },
      ),
    );
  });

  it('refuses every eight digits that are not a real day', () => {
    fc.assert(fc.property(nonDateDigits, (digits) => expect(parseDdMmYyyy(digits)).toBeUndefined()));
  });

  it.each([
    ['30022024', '30 February'],
    ['31042024', '31 April'],
    ['31062024', '31 June'],
    ['29022023', '29 February of a common year'],
    ['29021900', '29 February 1900 (a century not divisible by 400)'],
    ['00012024', 'day 0'],
    ['01132024', 'month 13'],
  ])('refuses %s (%s)', (digits) => {
    expect(parseDdMmYyyy(digits)).toBeUndefined();
  });

  it.each([['29022024'], ['29022000'], ['31122024'], ['01011900']])('accepts %s', (digits) => {
    expect(parseDdMmYyyy(digits)).toBeDefined();
  });

  it('refuses anything but eight ASCII digits', () => {
    for (const digits of ['0101200', '010120241', '01-01-2024', '０１０１２０２４', ' 1012024']) {
      expect(parseDdMmYyyy(digits)).toBeUndefined();
    }
  });

  it('knows leap years as the Gregorian calendar does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), (year) => {
        expect(isLeapYear(year)).toBe(isRealDate({ year, month: 2, day: 29 }));
        expect(calendarDate(year, 2, 29) !== undefined).toBe(isLeapYear(year));
      }),
    );
  });

  it('orders dates as time does', () => {
    const anyDate = calendarDateBetween({ year: 1, month: 1, day: 1 }, { year: 9999, month: 12, day: 31 });
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        expect(Math.sign(compareCalendarDates(a, b))).toBe(
          Math.sign(utcDate(a).getTime() - utcDate(b).getTime()),
        );
      }),
    );
  });
});

describe('today in Bishkek (UTC+6 all year)', () => {
  it('is already the next day from 18:00 UTC', () => {
    expect(calendarDateInBishkek(new Date('2025-11-25T17:59:59Z'))).toEqual({
      year: 2025,
      month: 11,
      day: 25,
    });
    expect(calendarDateInBishkek(new Date('2025-11-25T18:00:00Z'))).toEqual({
      year: 2025,
      month: 11,
      day: 26,
    });
  });

  it('turns the year at 18:00 UTC on 31 December', () => {
    expect(calendarDateInBishkek(new Date('2024-12-31T18:00:00Z'))).toEqual({ year: 2025, month: 1, day: 1 });
  });
});
