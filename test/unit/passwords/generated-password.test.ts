import fc from 'fast-check';
import {
  checkChosenPassword,
  GENERATED_PASSWORD_ALPHABET,
  GENERATED_PASSWORD_LENGTH,
  generatePassword,
  MIN_GENERATED_PASSWORD_ENTROPY_BITS,
  passwordEntropyBits,
} from '../../../functions/domain/passwords';
import { anyRandomBytes, replay } from './replay';

const alphabet = [...GENERATED_PASSWORD_ALPHABET];

describe('generated password (2.5)', () => {
  it('carries at least 60 bits of entropy', () => {
    const bits = passwordEntropyBits(alphabet.length, GENERATED_PASSWORD_LENGTH);
    expect(bits).toBeGreaterThanOrEqual(MIN_GENERATED_PASSWORD_ENTROPY_BITS);
    expect(MIN_GENERATED_PASSWORD_ENTROPY_BITS).toBe(60);
  });

  it('computes entropy as length times log2 of the alphabet size', () => {
    expect(passwordEntropyBits(2, 60)).toBe(60);
    expect(passwordEntropyBits(16, 15)).toBe(60);
    expect(passwordEntropyBits(23, 14)).toBeCloseTo(63.33, 2);
  });

  it('draws from an alphabet without characters that are easy to misread or mistype', () => {
    expect(new Set(alphabet).size).toBe(alphabet.length);
    for (const ambiguous of ['0', 'O', 'o', '1', 'l', 'I', 'i', 'q'])
      expect(alphabet).not.toContain(ambiguous);
    for (const cyrillicTwin of ['a', 'c', 'e', 'k', 'p', 'x', 'y'])
      expect(alphabet).not.toContain(cyrillicTwin);
    expect(GENERATED_PASSWORD_ALPHABET).toMatch(/^[2-9a-z]+$/);
  });

  it('has the full length and only characters of the alphabet, whatever the random bytes', () => {
    fc.assert(
      fc.property(anyRandomBytes, (random) => {
        const password = generatePassword(random);
        expect(password).toHaveLength(GENERATED_PASSWORD_LENGTH);
        for (const character of password) expect(alphabet).toContain(character);
      }),
    );
  });

  it('maps the random bytes to characters one to one, skipping biased bytes', () => {
    const bytes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 253, 11, 12, 22];
    expect(generatePassword(replay(bytes))).toBe('23456789bdfghz');
  });

  it('passes the policy for chosen passwords', () => {
    fc.assert(
      fc.property(anyRandomBytes, (random) =>
        expect(checkChosenPassword(generatePassword(random)).ok).toBe(true),
      ),
    );
  });

  it('differs from one call to the next with the default randomness', () => {
    expect(new Set(Array.from({ length: 100 }, () => generatePassword())).size).toBe(100);
  });
});
