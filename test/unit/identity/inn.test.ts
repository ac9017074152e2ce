import fc from 'fast-check';
import { EARLIEST_REGISTRATION_DATE, parseInn } from '../../../functions/domain/identity';
import { addDays, calendarDateBetween, ddmmyyyy, nonDateDigits, sequenceNumber, TODAY } from './arbitraries';

describe("organization's tax number, INN (1)", () => {
  it('accepts every INN of a real past registration date and gives back its date and sequence number', () => {
    fc.assert(
      fc.property(
        calendarDateBetween(EARLIEST_REGISTRATION_DATE, TODAY),
        sequenceNumber,
        (date, sequence) => {
          const inn = `0${ddmmyyyy(date)}${sequence}`;
          expect(parseInn(inn, TODAY)).toEqual({
            ok: true,
            value: { inn, registrationDate: date, sequenceNumber: sequence },
          });
        },
      ),
    );
  });

  it('refuses digits 2–9 that are not a real date', () => {
    fc.assert(
      fc.property(nonDateDigits, sequenceNumber, (digits, sequence) => {
        expect(parseInn(`0${digits}${sequence}`, TODAY)).toEqual({ ok: false, error: 'inn_invalid_date' });
      }),
    );
  });

  it('refuses a registration date after today', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 365 * 100 }), sequenceNumber, (daysAhead, sequence) => {
        expect(parseInn(`0${ddmmyyyy(addDays(TODAY, daysAhead))}${sequence}`, TODAY)).toEqual({
          ok: false,
          error: 'inn_registration_date_in_future',
        });
      }),
    );
  });

  it('refuses a registration date before 1900 as a mistyped INN', () => {
    expect(parseInn('03112189900001', TODAY)).toEqual({
      ok: false,
      error: 'inn_registration_date_too_early',
    });
  });

  it.each([
    ['11203201010001', "first digit 1 (an individual's PIN)"],
    ['2120320101000', '13 digits'],
    ['012032010100011', '15 digits'],
    ['0120320101000O', 'a letter O for a zero'],
  ])('refuses %p (%s) as malformed', (value) => {
    expect(parseInn(value, TODAY)).toEqual({ ok: false, error: 'inn_invalid_format' });
  });

  it('drops spaces typed between the digits', () => {
    expect(parseInn('0 12032010 10001', TODAY)).toMatchObject({ ok: true, value: { inn: '01203201010001' } });
  });
});
