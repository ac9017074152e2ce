import fc from 'fast-check';
import {
  CURRENT_SCRYPT_PARAMS,
  DUMMY_PASSWORD_HASH,
  formatScryptPhc,
  hashPassword,
  MalformedPasswordHash,
  needsRehash,
  parseScryptPhc,
  scryptMemoryBytes,
  verifyAgainstDummyHash,
  verifyPassword,
  type ScryptParams,
} from '../../../functions/domain/passwords';

/**
 * Parameters cheap enough (1 MiB, a few milliseconds) for property runs; the logic does not depend on the
 * cost.
 */
const CHEAP: ScryptParams = { ln: 10, r: 8, p: 1 };
const PHC_LAYOUT = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

describe('password storage with scrypt (Security rules)', () => {
  describe('at the current parameters', () => {
    let phc: string;
    beforeAll(async () => {
      phc = await hashPassword('correct horse battery staple');
    });

    it('uses at least the OWASP minimum N=2^17, r=8, p=1', () => {
      expect(2 ** CURRENT_SCRYPT_PARAMS.ln).toBeGreaterThanOrEqual(2 ** 17);
      expect(CURRENT_SCRYPT_PARAMS.r).toBeGreaterThanOrEqual(8);
      expect(CURRENT_SCRYPT_PARAMS.p).toBeGreaterThanOrEqual(1);
    });

    it('stores a PHC string with the parameters, a 16-byte salt and a 32-byte key, unpadded base64', () => {
      const [, ln, r, p, salt, key] = PHC_LAYOUT.exec(phc)!;
      expect({ ln: Number(ln), r: Number(r), p: Number(p) }).toEqual(CURRENT_SCRYPT_PARAMS);
      expect(Buffer.from(salt, 'base64')).toHaveLength(16);
      expect(Buffer.from(key, 'base64')).toHaveLength(32);
      expect(`${salt}${key}`).not.toContain('=');
    });

    it('verifies the password it was made from', async () => {
      await expect(verifyPassword('correct horse battery staple', phc)).resolves.toBe(true);
    });

    it('refuses any other password', async () => {
      await expect(verifyPassword('correct horse battery stapler', phc)).resolves.toBe(false);
    });

    it('needs no rehash', () => {
      expect(needsRehash(phc)).toBe(false);
    });
  });

  it('verifies a password against its own hash and refuses every other password', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        async (password, other) => {
          fc.pre(password.normalize('NFKC') !== other.normalize('NFKC'));
          const phc = await hashPassword(password, { params: CHEAP });
          expect(await verifyPassword(password, phc)).toBe(true);
          expect(await verifyPassword(other, phc)).toBe(false);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('salts every hash afresh: one password never gives the same hash twice', async () => {
    const [first, second] = await Promise.all([
      hashPassword('same password', { params: CHEAP }),
      hashPassword('same password', { params: CHEAP }),
    ]);
    expect(first).not.toBe(second);
  });

  it('treats a password typed with composed or decomposed letters as the same password', async () => {
    const composed = 'Кыргызстаным-й';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    await expect(verifyPassword(decomposed, await hashPassword(composed, { params: CHEAP }))).resolves.toBe(
      true,
    );
  });

  it('reads hashes written by other scrypt implementations (RFC 7914 test vector)', async () => {
    const rfc7914 = formatScryptPhc({
      params: { ln: 14, r: 8, p: 1 },
      salt: Buffer.from('SodiumChloride'),
      hash: Buffer.from(
        '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2' +
          'd5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887',
        'hex',
      ),
    });
    await expect(verifyPassword('pleaseletmein', rfc7914)).resolves.toBe(true);
  });

  it('budgets memory exactly as OpenSSL counts it: 128 MiB and a little for the current parameters', () => {
    expect(scryptMemoryBytes(CURRENT_SCRYPT_PARAMS)).toBe(128 * 8 * (2 ** 17 + 1 + 2));
  });

  describe('upgrading parameters', () => {
    it('verifies a hash made with older parameters, and asks for it to be rehashed', async () => {
      const older = await hashPassword('my old password', { params: { ln: 14, r: 8, p: 1 } });
      await expect(verifyPassword('my old password', older)).resolves.toBe(true);
      expect(needsRehash(older)).toBe(true);
    });

    it.each([
      [{ ln: 16, r: 8, p: 1 }, true],
      [{ ln: 17, r: 4, p: 1 }, true],
      [{ ln: 17, r: 8, p: 1 }, false],
      [{ ln: 18, r: 8, p: 1 }, false],
      [{ ln: 17, r: 8, p: 2 }, false],
    ])('asks for a rehash of a hash made with %o: %s', (params, expected) => {
      const phc = formatScryptPhc({ params, salt: Buffer.alloc(16, 1), hash: Buffer.alloc(32, 2) });
      expect(needsRehash(phc)).toBe(expected);
    });

    it('asks for a rehash when the salt or key is shorter than now', () => {
      const params = CURRENT_SCRYPT_PARAMS;
      expect(needsRehash(formatScryptPhc({ params, salt: Buffer.alloc(8, 1), hash: Buffer.alloc(32) }))).toBe(
        true,
      );
      expect(
        needsRehash(formatScryptPhc({ params, salt: Buffer.alloc(16, 1), hash: Buffer.alloc(16) })),
      ).toBe(true);
    });

    it('measures against the parameters it is given', async () => {
      const phc = await hashPassword('password for tomorrow', { params: CHEAP });
      expect(needsRehash(phc, CHEAP)).toBe(false);
      expect(needsRehash(phc, { ...CHEAP, ln: CHEAP.ln + 1 })).toBe(true);
    });
  });

  describe('malformed stored hashes', () => {
    const salt = 'AAAAAAAAAAAAAAAAAAAAAA';
    const key = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    it.each([
      ['empty', ''],
      ['a bcrypt hash', '$2b$12$abcdefghijklmnopqrstuuN8Jq9yjVK/7JYhY1n3l3Y1bD6k3a8Ru'],
      ['a missing parameter', `$scrypt$ln=17,r=8$${salt}$${key}`],
      ['N = 2^40, which would exhaust memory', `$scrypt$ln=40,r=8,p=1$${salt}$${key}`],
      ['an r beyond bounds', `$scrypt$ln=17,r=99,p=1$${salt}$${key}`],
      ['ln = 0', `$scrypt$ln=0,r=8,p=1$${salt}$${key}`],
      ['padded base64', `$scrypt$ln=17,r=8,p=1$${salt}==$${key}`],
      ['non-canonical base64 (unused bits set)', `$scrypt$ln=17,r=8,p=1$${salt}$${key.slice(0, -1)}B`],
      ['a 3-byte salt', `$scrypt$ln=17,r=8,p=1$AAAA$${key}`],
      ['a trailing newline', `$scrypt$ln=17,r=8,p=1$${salt}$${key}\n`],
    ])('are refused with MalformedPasswordHash: %s', async (_description, phc) => {
      expect(() => parseScryptPhc(phc)).toThrow(MalformedPasswordHash);
      expect(() => needsRehash(phc)).toThrow(MalformedPasswordHash);
      await expect(verifyPassword('anything', phc)).rejects.toThrow(MalformedPasswordHash);
    });

    it('never put the hash into the error message', () => {
      const phc = `$scrypt$ln=40,r=8,p=1$${salt}$${key}`;
      expect(() => parseScryptPhc(phc)).toThrow(
        expect.objectContaining({ message: expect.not.stringContaining(key) }),
      );
    });
  });

  describe('dummy hash for unknown logins', () => {
    it('costs what a real hash costs: it has the current parameters', () => {
      expect(parseScryptPhc(DUMMY_PASSWORD_HASH).params).toEqual(CURRENT_SCRYPT_PARAMS);
      expect(needsRehash(DUMMY_PASSWORD_HASH)).toBe(false);
    });

    it('matches no password', async () => {
      await expect(verifyAgainstDummyHash('')).resolves.toBe(false);
    });
  });
});
