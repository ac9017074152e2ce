import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { DomainError } from '../../domain/errors';
import type { PersonalDataVault } from '../../domain/ports';
import { assertKeyRing, type KeyRing } from './key-ring';

/** A sealed value that was altered, is malformed, or belongs to another context (another account). */
export class SealedDataUnreadable extends DomainError {
  constructor(cause?: unknown) {
    super('sealed_data_unreadable', { cause });
  }
}

const version = 'v1';
const algorithm = 'aes-256-gcm';
const ivLength = 12;
const tagLength = 16;
const lookupKind = /^[a-z][a-z0-9_-]*$/;

/** A lone surrogate does not survive UTF-8: refuse it rather than open something else than was sealed. */
const survivesUtf8 = (text: string): boolean => Buffer.from(text, 'utf8').toString('utf8') === text;

const encode = (bytes: Buffer): string => bytes.toString('base64url');

/** Strict base64url: any other spelling of the same bytes is refused, so that every altered character fails. */
const decode = (text: string | undefined): Buffer => {
  const bytes = Buffer.from(text ?? '', 'base64url');
  if (encode(bytes) !== text) throw new SealedDataUnreadable();
  return bytes;
};

/**
 * Personal data at rest (2.4). `seal` encrypts with AES-256-GCM under a random 12-byte IV, binding `context`
 * (e.g. the account id) as associated data, so a sealed passport number copied into another account does not
 * open there: `v1.<iv>.<ciphertext and tag>`, base64url. `lookupKey` gives the HMAC-SHA256 used for uniqueness
 * and lookups, separated by kind, so that equal values of different kinds do not meet.
 *
 * @example
 * const vault = new CryptoVault(await loadLocalKeyRing(config().dataDir));
 * const sealed = vault.seal('ID1234567', accountId);
 * vault.open(sealed, accountId); // 'ID1234567'
 */
export class CryptoVault implements PersonalDataVault {
  private readonly keyRing: KeyRing;

  constructor(keyRing: KeyRing) {
    assertKeyRing(keyRing);
    this.keyRing = { lookupKey: Buffer.from(keyRing.lookupKey), dataKey: Buffer.from(keyRing.dataKey) };
  }

  seal(plaintext: string, context: string): string {
    if (!survivesUtf8(plaintext) || !survivesUtf8(context)) {
      throw new RangeError('Only well-formed Unicode text can be sealed');
    }
    const iv = randomBytes(ivLength);
    const cipher = createCipheriv(algorithm, this.keyRing.dataKey, iv, { authTagLength: tagLength });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [version, encode(iv), encode(ciphertext)].join('.');
  }

  open(sealed: string, context: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 3 || parts[0] !== version) throw new SealedDataUnreadable();
    const iv = decode(parts[1]);
    const body = decode(parts[2]);
    if (iv.length !== ivLength || body.length < tagLength) throw new SealedDataUnreadable();
    const ciphertext = body.subarray(0, body.length - tagLength);
    const tag = body.subarray(body.length - tagLength);
    try {
      const decipher = createDecipheriv(algorithm, this.keyRing.dataKey, iv, { authTagLength: tagLength });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new SealedDataUnreadable(error);
    }
  }

  lookupKey(kind: string, value: string): string {
    if (!lookupKind.test(kind)) throw new RangeError('A lookup kind is a lower-case word such as "phone"');
    return createHmac('sha256', this.keyRing.lookupKey).update(`${kind}\0${value}`, 'utf8').digest('hex');
  }
}
