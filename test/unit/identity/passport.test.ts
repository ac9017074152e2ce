import fc from 'fast-check';
import { normalizePassportSpelling, parsePassportNumber } from '../../../functions/domain/identity';

const series = fc.constantFrom('ID', 'AN', 'AC');
const sevenDigits = fc.stringMatching(/^\d{7}$/);
const canonical = fc.tuple(series, sevenDigits).map(([letters, digits]) => letters + digits);

/** Ways one letter of the series may be typed: either case, and for A and C their Cyrillic twins. */
const SPELLINGS_OF: Readonly<Record<string, readonly string[]>> = {
  I: ['I', 'i'],
  D: ['D', 'd'],
  N: ['N', 'n'],
  A: ['A', 'a', 'А', 'а'],
  C: ['C', 'c', 'С', 'с'],
};
const separators = fc.constantFrom('', '', ' ', '-', '\u00a0', '\u2011', ' - ');

/** A spelling of a canonical passport number: any case, Cyrillic А/С, separators anywhere. */
const spellingOf = (passportNumber: string) =>
  fc
    .tuple(
      ...[...passportNumber].map((character) =>
        fc.tuple(fc.constantFrom(...(SPELLINGS_OF[character] ?? [character])), separators),
      ),
    )
    .map((pieces) => pieces.map(([character, gap]) => character + gap).join(''));

describe('passport number (2.2)', () => {
  it.each([
    ['ID1234567', 'id_card_2017'],
    ['AN1234567', 'older_passport'],
    ['AC1234567', 'travel_passport'],
  ])('accepts %s as the %s', (passportNumber, document) => {
    expect(parsePassportNumber(passportNumber)).toEqual({
      ok: true,
      value: { passportNumber, series: passportNumber.slice(0, 2), document },
    });
  });

  it('reads every spelling of a passport number as the same number', () => {
    fc.assert(
      fc.property(
        canonical.chain((passportNumber) =>
          fc.tuple(fc.constant(passportNumber), spellingOf(passportNumber)),
        ),
        ([passportNumber, spelling]) => {
          expect(parsePassportNumber(spelling)).toMatchObject({ ok: true, value: { passportNumber } });
        },
      ),
    );
  });

  it.each([
    ['ас 123 45 67', 'AC1234567', 'Cyrillic а and с, spaces'],
    ['АС-1234567', 'AC1234567', 'capital Cyrillic А and С, a hyphen'],
    ['an1234567', 'AN1234567', 'lower case'],
    [' Id 1234567 ', 'ID1234567', 'mixed case, padding'],
  ])('reads %p as %s (%s)', (spelling, passportNumber) => {
    expect(parsePassportNumber(spelling)).toMatchObject({ ok: true, value: { passportNumber } });
  });

  it.each([
    ['АН1234567', 'Cyrillic Н, which looks like H, not N'],
    ['ІD1234567', 'Ukrainian І'],
    ['ID123456', 'six digits'],
    ['ID12345678', 'eight digits'],
    ['AB1234567', 'an unknown series'],
    ['1234567', 'no series'],
    ['ID１２３４５６７', 'full-width digits'],
    ['ID 123 456 7x', 'a trailing letter'],
    ['', 'empty'],
  ])('refuses %p (%s)', (spelling) => {
    expect(parsePassportNumber(spelling)).toEqual({ ok: false, error: 'passport_invalid' });
  });

  it('normalizes idempotently: a normalized spelling normalizes to itself', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), canonical.chain(spellingOf)), (input) => {
        const once = normalizePassportSpelling(input);
        expect(normalizePassportSpelling(once)).toBe(once);
      }),
    );
  });

  it('gives back a number that is accepted again unchanged', () => {
    fc.assert(
      fc.property(canonical.chain(spellingOf), (spelling) => {
        const first = parsePassportNumber(spelling);
        if (!first.ok) throw new Error(`refused ${spelling}`);
        expect(parsePassportNumber(first.value.passportNumber)).toEqual(first);
      }),
    );
  });
});
