import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { CryptoVault, SealedDataUnreadable } from '../../../functions/adapters/keys/crypto-vault';
import type { KeyRing } from '../../../functions/adapters/keys/key-ring';

const newKeyRing = (): KeyRing => ({ lookupKey: randomBytes(32), dataKey: randomBytes(32) });
const vault = new CryptoVault(newKeyRing());
const anyText = fc.string({ unit: 'binary', maxLength: 200 });
const anyContext = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });

describe('Class: CryptoVault (2.4)', () => {
  describe('Method: seal', () => {
    it('gives v1.<iv>.<ciphertext and tag> in base64url, with a 12-byte IV', () => {
      // Act
      const sealed = vault.seal('ID1234567', 'account-1');

      // Assess
      const [version, iv, body] = sealed.split('.');
      expect(version).toBe('v1');
      expect(Buffer.from(iv!, 'base64url')).toHaveLength(12);
      expect(Buffer.from(body!, 'base64url')).toHaveLength('ID1234567'.length + 16);
      expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      expect(sealed).not.toContain('1234567');
    });

    it('never gives the same sealed value twice: the IV is random', () => {
      expect(vault.seal('ID1234567', 'account-1')).not.toBe(vault.seal('ID1234567', 'account-1'));
    });

    it('refuses text that is not well-formed Unicode', () => {
      expect(() => vault.seal('\uD800', 'account-1')).toThrow(RangeError);
    });
  });

  describe('Method: open', () => {
    it('gives back any text sealed in the same context', () => {
      fc.assert(
        fc.property(anyText, anyContext, (text, context) => {
          expect(vault.open(vault.seal(text, context), context)).toBe(text);
        }),
      );
    });

    it('refuses a value sealed for another context: another account', () => {
      fc.assert(
        fc.property(anyText, anyContext, anyContext, (text, context, other) => {
          fc.pre(context !== other);
          expect(() => vault.open(vault.seal(text, context), other)).toThrow(SealedDataUnreadable);
        }),
      );
    });

    it('refuses a value with any one bit flipped in IV, ciphertext or tag', () => {
      fc.assert(
        fc.property(anyText, fc.nat(), fc.integer({ min: 0, max: 7 }), (text, at, bit) => {
          // Prepare
          const [, iv, body] = vault.seal(text, 'account-1').split('.');
          const bytes = Buffer.concat([Buffer.from(iv!, 'base64url'), Buffer.from(body!, 'base64url')]);
          bytes[at % bytes.length]! ^= 1 << bit;
          const altered = `v1.${bytes.subarray(0, 12).toString('base64url')}.${bytes.subarray(12).toString('base64url')}`;

          // Act, Assess
          expect(() => vault.open(altered, 'account-1')).toThrow(SealedDataUnreadable);
        }),
      );
    });

    it('refuses a sealed value with any one character changed', () => {
      const sealed = vault.seal('AN7654321', 'account-1');
      fc.assert(
        fc.property(fc.nat(sealed.length - 1), fc.constantFrom(...'AQgw_-.9x='), (at, character) => {
          fc.pre(sealed[at] !== character);
          const altered = sealed.slice(0, at) + character + sealed.slice(at + 1);
          expect(() => vault.open(altered, 'account-1')).toThrow(SealedDataUnreadable);
        }),
      );
    });

    it('refuses a value sealed under another key', () => {
      const sealed = new CryptoVault(newKeyRing()).seal('ID1234567', 'account-1');
      expect(() => vault.open(sealed, 'account-1')).toThrow(SealedDataUnreadable);
    });

    it.each([
      '',
      'v1',
      'v1..',
      'v2.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA',
      'v1.AAAA.AAAAAAAAAAAAAAAAAAAAAA',
      'ID1234567',
    ])('refuses the malformed value %j', (sealed) => {
      expect(() => vault.open(sealed, 'account-1')).toThrow(SealedDataUnreadable);
    });
  });

  describe('Method: lookupKey', () => {
    it('is the HMAC-SHA256 of kind, NUL and value under the lookup key, in hex', () => {
      // Prepare
      const keyRing = { lookupKey: Buffer.alloc(32, 1), dataKey: Buffer.alloc(32, 2) };

      // Act
      const key = new CryptoVault(keyRing).lookupKey('phone', '+996700123456');

      // Assess: computed independently (Python hmac) for this key and message
      expect(key).toBe('dc30d14e98537f6e59c5150eba93986015ef77181a4baf516aec0f3c5bdf95fc');
    });

    it('is deterministic, and differs across kinds and keys', () => {
      const other = new CryptoVault(newKeyRing());
      fc.assert(
        fc.property(anyText, (value) => {
          expect(vault.lookupKey('pin', value)).toBe(vault.lookupKey('pin', value));
          expect(vault.lookupKey('pin', value)).not.toBe(vault.lookupKey('passport', value));
          expect(vault.lookupKey('pin', value)).not.toBe(other.lookupKey('pin', value));
          expect(vault.lookupKey('pin', value)).toMatch(/^[0-9a-f]{64}$/);
        }),
      );
    });

    it.each(['', 'Phone', 'pin\0x', 'a b'])('refuses the kind %j', (kind) => {
      expect(() => vault.lookupKey(kind, '+996700123456')).toThrow(RangeError);
    });
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new CryptoVault({ lookupKey: randomBytes(16), dataKey: randomBytes(32) })).toThrow(
      RangeError,
    );
    expect(() => new CryptoVault({ lookupKey: randomBytes(32), dataKey: randomBytes(31) })).toThrow(
      RangeError,
    );
  });
});
