import fc from 'fast-check';
import { pinFromSerialNumbers } from '../../../functions/domain/id-card';

const fourteenDigits = fc.stringMatching(/^\d{14}$/);

describe('Function: pinFromSerialNumbers (2.1: PIN from the subject serialNumber)', () => {
  it('reads PNOKG-<14 digits> (ETSI EN 319 412-1) and 14 plain digits alike', () => {
    fc.assert(
      fc.property(fourteenDigits, (pin) => {
        expect(pinFromSerialNumbers([`PNOKG-${pin}`])).toBe(pin);
        expect(pinFromSerialNumbers([pin])).toBe(pin);
      }),
    );
  });

  it('finds the PIN among other serialNumber values, and the same PIN twice is still one PIN', () => {
    fc.assert(
      fc.property(fourteenDigits, (pin) => {
        expect(pinFromSerialNumbers(['IDCKG-AB1234567', `PNOKG-${pin}`, pin])).toBe(pin);
      }),
    );
  });

  it('names nobody when two different PINs are present', () => {
    fc.assert(
      fc.property(fourteenDigits, fourteenDigits, (a, b) => {
        fc.pre(a !== b);
        expect(pinFromSerialNumbers([`PNOKG-${a}`, b])).toBeUndefined();
      }),
    );
  });

  it('refuses any value that is not exactly one of the two forms', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        fc.pre(!/^(PNOKG-)?\d{14}$/.test(value));
        expect(pinFromSerialNumbers([value])).toBeUndefined();
      }),
    );
  });

  it.each([
    ['another country', 'PNOEE-38001085718'],
    ['a passport number', 'PASKG-ID1234567'],
    ['13 digits', 'PNOKG-2150519901234'],
    ['15 digits', '215051990123456'],
    ['lower case prefix', 'pnokg-21505199012345'],
    ['surrounding spaces', ' 21505199012345 '],
    ['nothing', ''],
  ])('refuses %s', (_case, value) => {
    expect(pinFromSerialNumbers([value])).toBeUndefined();
  });

  it('names nobody without serialNumber values', () => {
    expect(pinFromSerialNumbers([])).toBeUndefined();
  });
});
