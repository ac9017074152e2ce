import fc from 'fast-check';
import type { E164Phone, PassportNumber, Pin } from '../../../functions/domain/identity';
import {
  checkChosenPassword,
  commonPasswords,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  normalizePassword,
} from '../../../functions/domain/passwords';

const applicant = {
  phone: '+996700123456' as E164Phone,
  pin: '21503199012345' as Pin,
  passportNumber: 'AC1234567' as PassportNumber,
};
const weak = (reason: string) => ({ ok: false, error: { code: 'weak_password', reason } });

describe('chosen password policy (Security rules)', () => {
  it('accepts a password of 8 characters or more that is nobody’s favourite', () => {
    expect(checkChosenPassword('Tulpar-7-Ysyk-Kol', applicant)).toEqual({
      ok: true,
      value: 'Tulpar-7-Ysyk-Kol',
    });
  });

  it('refuses fewer than 8 characters', () => {
    expect(checkChosenPassword('x7#Kq2!', applicant)).toEqual(weak('too_short'));
    expect(checkChosenPassword('x7#Kq2!z', applicant).ok).toBe(true);
  });

  it('counts characters, not UTF-16 units: 7 emoji are too short, 8 Cyrillic letters are enough', () => {
    expect('🐎'.repeat(7)).toHaveLength(14);
    expect(checkChosenPassword('🐎'.repeat(7))).toEqual(weak('too_short'));
    expect(checkChosenPassword('жылкычы7').ok).toBe(true);
  });

  it('refuses more than 128 characters', () => {
    expect(checkChosenPassword('ж'.repeat(MAX_PASSWORD_LENGTH))).toMatchObject({ ok: true });
    expect(checkChosenPassword('ж'.repeat(MAX_PASSWORD_LENGTH + 1))).toEqual(weak('too_long'));
  });

  it('refuses every common password, whatever its case', () => {
    fc.assert(
      fc.property(fc.constantFrom(...commonPasswords()), fc.func(fc.boolean()), (password, upper) => {
        const cased = [...password].map((c, i) => (upper(i) ? c.toUpperCase() : c)).join('');
        expect(checkChosenPassword(cased)).toEqual(weak('common'));
      }),
    );
  });

  it.each([['Password1'], ['QWERTY123'], ['йцукенгшщз'], ['Пароль123'], ['gfhjkm123'], ['Kyrgyzstan']])(
    'refuses %p as common',
    (password) => {
      expect(checkChosenPassword(password)).toEqual(weak('common'));
    },
  );

  it.each([['+996700123456'], ['996700123456'], ['0700 123 456'], ['700-123-456'], ['(0700) 123456']])(
    'refuses the applicant’s own phone number written as %p',
    (password) => {
      expect(checkChosenPassword(password, applicant)).toEqual(weak('same_as_phone'));
    },
  );

  it('refuses the applicant’s own PIN', () => {
    expect(checkChosenPassword('21503199012345', applicant)).toEqual(weak('same_as_pin'));
    expect(checkChosenPassword('2 15031990 12345', applicant)).toEqual(weak('same_as_pin'));
  });

  it('refuses the applicant’s own passport number, in any case or alphabet', () => {
    expect(checkChosenPassword('ас 1234567', applicant)).toEqual(weak('same_as_passport_number'));
  });

  it('compares with the identifiers only when they are given', () => {
    expect(checkChosenPassword('21503199012345').ok).toBe(true);
  });

  it('keeps every list entry reachable: lower case, normalized, at least 8 characters', () => {
    for (const entry of commonPasswords()) {
      expect(entry).toBe(normalizePassword(entry).toLowerCase());
      expect([...entry].length).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
    }
    expect(commonPasswords().size).toBeGreaterThan(300);
  });
});
