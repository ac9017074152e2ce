import fc from 'fast-check';
import {
  maskPassportNumber,
  maskPhone,
  maskPin,
  type E164Phone,
  type PassportNumber,
  type Pin,
} from '../../../functions/domain/identity';

describe('masks for display (2.4)', () => {
  it('shows a passport number as its series and last two digits', () => {
    expect(maskPassportNumber('ID1234567' as PassportNumber)).toBe('ID*****67');
    expect(maskPassportNumber('AC7654321' as PassportNumber)).toBe('AC*****21');
  });

  it('shows a PIN as its first digit and last two digits, hiding the birth date', () => {
    expect(maskPin('21503199012345' as Pin)).toBe('2***********45');
  });

  it('never shows a digit of the birth date in a masked PIN', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[12]\d{13}$/), (pin) => {
        const masked = maskPin(pin as Pin);
        expect(masked).toHaveLength(pin.length);
        expect(masked.slice(1, 9)).toBe('********');
      }),
    );
  });

  it('shows a phone number as its country code and last three digits', () => {
    expect(maskPhone('+996700123456' as E164Phone)).toBe('+996 *** *** 456');
  });

  it('hides the operator code and the middle of every phone number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (digits) => {
        expect(maskPhone(`+996${digits}` as E164Phone)).toBe(`+996 *** *** ${digits.slice(6)}`);
      }),
    );
  });
});
