import fc from 'fast-check';
import { smsEncoding, smsSegments } from '../../../functions/domain/sms-segments';

const gsm7Letters = fc.constantFrom(...'@£$¥èéÇØΔ_ΦΩÆßÉ !"#%&()*+,-./09:;<=>?¡AZÄÑ§¿azäà\n'.split(''));
const extensionCharacters = fc.constantFrom(...'\f^{}\\[~]|€'.split(''));
/** Letters outside GSM-7: Kyrgyz and Russian Cyrillic (one UTF-16 code unit each). */
const cyrillicLetters = fc.constantFrom(...'абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюяМКҢӨҮ'.split(''));
const textOf = (letters: fc.Arbitrary<string>, length: { minLength: number; maxLength: number }) =>
  fc.array(letters, length).map((cs) => cs.join(''));

describe('Function: smsSegments', () => {
  it('sends a GSM-7 text of up to 160 characters in one segment, a longer one in parts of 153', () => {
    fc.assert(
      fc.property(textOf(gsm7Letters, { minLength: 0, maxLength: 500 }), (text) => {
        expect(smsEncoding(text)).toBe('gsm7');
        expect(smsSegments(text)).toBe(text.length <= 160 ? 1 : Math.ceil(text.length / 153));
      }),
    );
  });

  it('counts a GSM-7 extension character as two septets', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 160 }), extensionCharacters, (plain, extension) => {
        const text = `${'a'.repeat(plain)}${extension}`;
        expect(smsEncoding(text)).toBe('gsm7');
        expect(smsSegments(text)).toBe(plain + 2 <= 160 ? 1 : 2);
      }),
    );
  });

  it('never cuts an extension character between two parts', () => {
    // 152 septets, then '€' (2) does not fit the first part's 153: it opens the second.
    expect(smsSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toBe(3);
    expect(smsSegments(`${'a'.repeat(151)}€${'a'.repeat(153)}`)).toBe(2);
  });

  it('sends a text with any Cyrillic letter in UCS-2: 70 characters in one segment, parts of 67', () => {
    fc.assert(
      fc.property(
        textOf(gsm7Letters, { minLength: 0, maxLength: 150 }),
        cyrillicLetters,
        textOf(cyrillicLetters, { minLength: 0, maxLength: 150 }),
        (latin, cyrillic, rest) => {
          const text = `${latin}${cyrillic}${rest}`;
          expect(smsEncoding(text)).toBe('ucs2');
          expect(smsSegments(text)).toBe(text.length <= 70 ? 1 : Math.ceil(text.length / 67));
        },
      ),
    );
  });

  it('counts UTF-16 code units in UCS-2, and never cuts a surrogate pair', () => {
    expect(smsSegments('😀'.repeat(35))).toBe(1);
    expect(smsSegments(`${'😀'.repeat(35)}a`)).toBe(2);
    // 66 code units, then a pair (2) does not fit the first part's 67.
    expect(smsSegments(`${'б'.repeat(66)}😀${'б'.repeat(66)}`)).toBe(3);
  });

  it('never takes fewer segments for a longer text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ maxLength: 50 }), (a, b) => {
        if (smsEncoding(a) === smsEncoding(a + b))
          expect(smsSegments(a + b)).toBeGreaterThanOrEqual(smsSegments(a));
      }),
    );
  });
});
