import fc from 'fast-check';
import { EARLIEST_BIRTH_DATE, parsePin, type CalendarDate } from '../../../functions/domain/identity';
import { addDays, calendarDateBetween, ddmmyyyy, nonDateDigits, sequenceNumber, TODAY } from './arbitraries';

const sexDigit = fc.constantFrom('1', '2');
const pastBirthDate = calendarDateBetween(EARLIEST_BIRTH_DATE, TODAY);
const pin = (sex: string, birthDate: CalendarDate, sequence: string) =>
  `${sex}${ddmmyyyy(birthDate)}${sequence}`;

describe('PIN of an individual (2.2)', () => {
  it('accepts every PIN of a real past birth date and gives back its sex, birth date and sequence number', () => {
    fc.assert(
      fc.property(sexDigit, pastBirthDate, sequenceNumber, (sex, birthDate, sequence) => {
        expect(parsePin(pin(sex, birthDate, sequence), TODAY)).toEqual({
          ok: true,
          value: {
            pin: pin(sex, birthDate, sequence),
            sex: sex === '1' ? 'female' : 'male',
            birthDate,
            sequenceNumber: sequence,
          },
        });
      }),
    );
  });

  it('reads a first digit 1 as female and 2 as male', () => {
    expect(parsePin('10101199000001', TODAY)).toMatchObject({ ok: true, value: { sex: 'female' } });
    expect(parsePin('20101199000001', TODAY)).toMatchObject({ ok: true, value: { sex: 'male' } });
  });

  it('refuses digits 2–9 that are not a real date', () => {
    fc.assert(
      fc.property(sexDigit, nonDateDigits, sequenceNumber, (sex, digits, sequence) => {
        expect(parsePin(`${sex}${digits}${sequence}`, TODAY)).toEqual({
          ok: false,
          error: 'pin_invalid_date',
        });
      }),
    );
  });

  it.each([
    ['23002200012345', '30 February'],
    ['23104199012345', '31 April'],
    ['12902202312345', '29 February of the common year 2023'],
    ['12902190012345', '29 February 1900: a century year is leap only when divisible by 400'],
  ])('refuses %s (%s)', (value) => {
    expect(parsePin(value, TODAY)).toEqual({ ok: false, error: 'pin_invalid_date' });
  });

  it('accepts 29 February of leap years, 2000 included', () => {
    expect(parsePin('12902200012345', TODAY).ok).toBe(true);
    expect(parsePin('22902202412345', TODAY).ok).toBe(true);
  });

  it('refuses a birth date after today', () => {
    fc.assert(
      fc.property(
        sexDigit,
        calendarDateBetween(EARLIEST_BIRTH_DATE, TODAY),
        fc.integer({ min: 1, max: 365 * 200 }),
        sequenceNumber,
        (sex, today, daysAhead, sequence) => {
          expect(parsePin(pin(sex, addDays(today, daysAhead), sequence), today)).toEqual({
            ok: false,
            error: 'pin_birth_date_in_future',
          });
        },
      ),
    );
  });

  it('accepts a child born today', () => {
    fc.assert(
      fc.property(sexDigit, pastBirthDate, sequenceNumber, (sex, today, sequence) => {
        expect(parsePin(pin(sex, today, sequence), today).ok).toBe(true);
      }),
    );
  });

  it('takes "today" from its caller: tomorrow\'s newborn is refused today and accepted tomorrow', () => {
    const tomorrow = addDays(TODAY, 1);
    expect(parsePin(pin('1', tomorrow, '00001'), TODAY).ok).toBe(false);
    expect(parsePin(pin('1', tomorrow, '00001'), tomorrow).ok).toBe(true);
  });

  it('refuses a birth date before 1900 as a mistyped PIN', () => {
    expect(parsePin('23112189912345', TODAY)).toEqual({ ok: false, error: 'pin_birth_date_too_early' });
    expect(parsePin('20101190012345', TODAY).ok).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['2150319901234', '13 digits'],
    ['215031990123456', '15 digits'],
    ['01503199012345', 'first digit 0 (an organization)'],
    ['31503199012345', 'first digit 3'],
    ['2150319901234a', 'a letter'],
    ['2150319901234５', 'a full-width digit'],
    ['21503-199012345', 'a hyphen'],
  ])('refuses %p (%s) as malformed', (value) => {
    expect(parsePin(value, TODAY)).toEqual({ ok: false, error: 'pin_invalid_format' });
  });

  it('refuses any first digit other than 1 or 2', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('0', '3', '4', '5', '6', '7', '8', '9'),
        pastBirthDate,
        sequenceNumber,
        (first, date, seq) => {
          expect(parsePin(pin(first, date, seq), TODAY)).toEqual({ ok: false, error: 'pin_invalid_format' });
        },
      ),
    );
  });

  it('drops spaces typed between the digits', () => {
    expect(parsePin(' 2 15031990 12345 ', TODAY)).toMatchObject({
      ok: true,
      value: { pin: '21503199012345' },
    });
  });
});
