import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { kyrgyzPhoneMetadata, phoneMetadataFile } from '../../../scripts/phone-metadata';
import {
  getCountries,
  getCountryCallingCode,
  getExampleNumber,
  parsePhoneNumberFromString,
  parsePhoneNumberWithError,
} from 'libphonenumber-js/max';
import mobileExamples from 'libphonenumber-js/examples.mobile.json';
import { parsePhone } from '../../../functions/domain/identity';

/** What libphonenumber-js's full metadata calls a Kyrgyz number of nine digits: the generators' filter. */
const kyrgyzNumberType = (nationalDigits: string) =>
  parsePhoneNumberFromString(`+996${nationalDigits}`)?.getType();

const nineDigits = fc.stringMatching(/^[1-9]\d{8}$/);
const kyrgyzMobile = nineDigits.filter((digits) => kyrgyzNumberType(digits) === 'MOBILE');
const kyrgyzFixedLine = nineDigits.filter((digits) => kyrgyzNumberType(digits) === 'FIXED_LINE');

/** How people write the part before the national digits. */
const prefix = fc.constantFrom('+996', '+996 ', '996', '0', '00996', '00 996 ', '+ 996 ');
const separator = fc.constantFrom('', '', ' ', '-', '.', '\u00a0');

/** A spelling of `+996<digits>`: a common prefix, separators between digits, maybe brackets around the operator. */
const spellingOf = (digits: string) =>
  fc
    .tuple(
      prefix,
      fc.array(separator, { minLength: 8, maxLength: 8 }),
      fc.boolean(),
      fc.constantFrom('', ' ', '  '),
    )
    .map(([lead, gaps, brackets, padding]) => {
      const rest = [...digits.slice(3)].map((digit, i) => gaps[i + 2] + digit).join('');
      const operator = brackets
        ? `(${digits.slice(0, 3)})`
        : digits[0] + gaps[0] + digits[1] + gaps[1] + digits[2];
      return `${padding}${lead}${operator}${rest}${padding}`;
    });

describe('phone number: the login (2.5)', () => {
  it('normalizes every spelling of a Kyrgyz mobile number to the same E.164 number', () => {
    fc.assert(
      fc.property(
        kyrgyzMobile.chain((digits) => fc.tuple(fc.constant(digits), spellingOf(digits))),
        ([digits, spelling]) => {
          expect(parsePhone(spelling)).toEqual({ ok: true, value: `+996${digits}` });
        },
      ),
    );
  });

  it.each([
    ['0700 123 456'],
    ['+996 700 123-456'],
    ['996700123456'],
    ['+996700123456'],
    ['(0700) 12-34-56'],
    ['00996 700 123 456'],
  ])('reads %p as +996700123456', (spelling) => {
    expect(parsePhone(spelling)).toEqual({ ok: true, value: '+996700123456' });
  });

  it.each([['0555 12 34 56'], ['0770 123 456'], ['0220 123 456'], ['0500 123 456'], ['0999 123 456']])(
    'accepts the mobile number %p, whichever operator issued it',
    (spelling) => {
      expect(parsePhone(spelling).ok).toBe(true);
    },
  );

  it('refuses every Kyrgyz fixed-line number: no SMS would reach it', () => {
    fc.assert(
      fc.property(kyrgyzFixedLine, (digits) => {
        expect(parsePhone(`+996${digits}`)).toEqual({ ok: false, error: 'phone_not_mobile' });
      }),
    );
  });

  it.each([
    ['+996 312 62 12 34', 'a Bishkek landline'],
    ['0312 123 456', 'a Bishkek landline written nationally'],
    ['0 3922 5 12 34', 'a Karakol landline'],
    ['+996 800 123 456', 'a toll-free number'],
  ])('refuses %p (%s) as not a mobile number', (spelling) => {
    expect(parsePhone(spelling)).toEqual({ ok: false, error: 'phone_not_mobile' });
  });

  it('refuses the mobile number of every other country', () => {
    const foreignCountries = getCountries().filter((country) => country !== 'KG');
    for (const country of foreignCountries) {
      const example = getExampleNumber(country, mobileExamples);
      expect([country, parsePhone(example!.formatInternational())]).toEqual([
        country,
        { ok: false, error: 'phone_not_kyrgyz' },
      ]);
    }
  });

  it.each([
    ['+7 701 123 45 67', 'Kazakhstan'],
    ['+7 900 123-45-67', 'Russia'],
    ['+998 90 123 45 67', 'Uzbekistan'],
    ['00 992 93 123 4567', 'Tajikistan'],
    ['+44 12', 'a calling code and two digits, as libphonenumber-js reads it'],
  ])('refuses %p (%s) as not Kyrgyz', (spelling) => {
    expect(parsePhone(spelling)).toEqual({ ok: false, error: 'phone_not_kyrgyz' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['0700 123 45', 'a digit short'],
    ['0700 123 4567', 'a digit too many'],
    ['+996 100 123 456', 'no such Kyrgyz range'],
    ['0700 123 456 ext 5', 'an extension'],
    ['0700123456#', 'a hash'],
    ['call 0700 123 456', 'words around it'],
    ['0700 I23 456', 'a letter I for a one'],
    ['０７００１２３４５６', 'full-width digits'],
    ['8 700 123 456', 'the old 8 trunk prefix'],
    ['+7 1', 'a calling code and one digit'],
    ['00 998 1', 'the same, after the prefix for dialling abroad'],
    ['0'.repeat(40), 'far too long'],
  ])('refuses %p (%s) as no phone number', (spelling) => {
    expect(parsePhone(spelling)).toEqual({ ok: false, error: 'phone_invalid' });
  });

  it('never throws, whatever it is given', () => {
    const phoneLike = fc.stringMatching(/^\+?[\d\s().-]{0,32}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), phoneLike), (input) => void parsePhone(input)),
    );
  });
});

describe('phone-metadata.json', () => {
  it("is Kyrgyzstan's part of the installed libphonenumber-js metadata (npm run phone-metadata writes it)", () => {
    expect(JSON.parse(readFileSync(phoneMetadataFile, 'utf8'))).toEqual(kyrgyzPhoneMetadata());
  });
});

describe('parsePhone with Kyrgyzstan’s metadata only', () => {
  /**
   * What parsePhone answered with libphonenumber-js's full metadata, before it kept Kyrgyzstan's part only, and
   * whether the full metadata knew the number as another country's valid number.
   */
  const withFullMetadata = (input: string): { answer: string; validForeign: boolean } => {
    const spelling = input.trim();
    if (spelling.length > 32 || !/^\+?[\d\s().-]+$/.test(spelling))
      return { answer: 'phone_invalid', validForeign: false };
    let parsed;
    try {
      parsed = parsePhoneNumberWithError(spelling, { defaultCountry: 'KG', extract: false });
    } catch {
      return { answer: 'phone_invalid', validForeign: false };
    }
    if (parsed.countryCallingCode !== '996')
      return { answer: 'phone_not_kyrgyz', validForeign: parsed.isValid() };
    if (!parsed.isValid()) return { answer: 'phone_invalid', validForeign: false };
    return {
      answer: parsed.getType() === 'MOBILE' ? parsed.number : 'phone_not_mobile',
      validForeign: false,
    };
  };
  const answer = (input: string) => {
    const result = parsePhone(input);
    return result.ok ? result.value : result.error;
  };

  it('accepts and refuses every phone-like spelling as with the full metadata; a foreign number stays foreign', () => {
    const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`));
    const callingCode = fc.constantFrom(...getCountries().map((country) => getCountryCallingCode(country)));
    const spelling = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('+', '00', '+ ', '00 ', '(+', ''),
          callingCode,
          fc.constantFrom('', ' ', ') ', '-'),
          digits(0, 12),
        )
        .map((parts) => parts.join('')),
      fc.tuple(fc.constantFrom('0', '', '8', '+996', '996'), digits(0, 11)).map((parts) => parts.join('')),
      fc.stringMatching(/^\+?[\d\s().-]{0,24}$/),
    );
    fc.assert(
      fc.property(spelling, (input) => {
        const before = withFullMetadata(input);
        const now = answer(input);
        if (before.answer === 'phone_invalid' || before.answer === 'phone_not_kyrgyz') {
          // Which of the two a non-number gets may differ (e.g. `+1 00`): both refuse it, neither sends an SMS.
          expect([input, now]).toEqual([input, expect.stringMatching(/^phone_(invalid|not_kyrgyz)$/)]);
          if (before.validForeign) expect([input, now]).toEqual([input, 'phone_not_kyrgyz']);
        } else expect([input, now]).toEqual([input, before.answer]);
      }),
      { numRuns: 3000 },
    );
  });
});
