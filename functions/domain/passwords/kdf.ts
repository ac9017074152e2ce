import { scrypt, timingSafeEqual } from 'node:crypto';
import { normalizePassword } from './normalize';
import { formatScryptPhc, parseScryptPhc, type ScryptParams } from './phc';
import { secureRandomBytes, type RandomBytes } from './random';

/**
 * Security rules: passwords are stored with a memory-hard KDF at or above the OWASP Password Storage Cheat
 * Sheet's minimum for scrypt, N = 2^17, r = 8, p = 1 (128 MiB and roughly a third of a second per hash).
 * Raising these makes {@link needsRehash} true for older hashes, which are then replaced at the next
 * successful login.
 */
export const CURRENT_SCRYPT_PARAMS: ScryptParams = { ln: 17, r: 8, p: 1 };

export const SALT_BYTES = 16;
export const KEY_BYTES = 32;

/**
 * The memory scrypt needs, as OpenSSL counts it against `maxmem`: the `p` blocks of `128·r` bytes plus the
 * `N + 2` blocks of the working array. Node's default `maxmem` (32 MiB) is below the current parameters'
 * 128 MiB.
 */
export const scryptMemoryBytes = ({ ln, r, p }: ScryptParams): number => 128 * r * (2 ** ln + p + 2);

/** Options of {@link hashPassword}; both only for tests and for the upgrade path. */
export interface HashPasswordOptions {
  /** The parameters to hash with; {@link CURRENT_SCRYPT_PARAMS} unless testing an upgrade. */
  readonly params?: ScryptParams;
  /** Where the salt comes from; node:crypto unless a test replays its own. */
  readonly random?: RandomBytes;
}

const deriveKey = (
  password: string,
  salt: Uint8Array,
  keyLength: number,
  params: ScryptParams,
): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const options = { N: 2 ** params.ln, r: params.r, p: params.p, maxmem: scryptMemoryBytes(params) };
    scrypt(normalizePassword(password), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });

/**
 * Hashes a password for storage with scrypt and a fresh 16-byte salt.
 *
 * @returns a PHC string, e.g. `$scrypt$ln=17,r=8,p=1$<salt>$<key>` (standard base64 without padding)
 */
export async function hashPassword(password: string, options: HashPasswordOptions = {}): Promise<string> {
  const { params = CURRENT_SCRYPT_PARAMS, random = secureRandomBytes } = options;
  const salt = Buffer.from(random(SALT_BYTES));
  const hash = await deriveKey(password, salt, KEY_BYTES, params);
  return formatScryptPhc({ params, salt, hash });
}

/**
 * Checks a password against a stored hash, with the parameters the hash names (that is what lets old hashes
 * keep working after the parameters are raised), comparing the keys in constant time.
 *
 * @throws `MalformedPasswordHash` when `phc` is not a valid scrypt PHC string
 */
export async function verifyPassword(password: string, phc: string): Promise<boolean> {
  const stored = parseScryptPhc(phc);
  const derived = await deriveKey(password, stored.salt, stored.hash.length, stored.params);
  return timingSafeEqual(derived, stored.hash);
}

/**
 * Whether a hash that just verified should be replaced by one made now: true when any of its parameters, its
 * salt or its key is below `current`'s.
 *
 * @throws `MalformedPasswordHash` when `phc` is not a valid scrypt PHC string
 */
export function needsRehash(phc: string, current: ScryptParams = CURRENT_SCRYPT_PARAMS): boolean {
  const { params, salt, hash } = parseScryptPhc(phc);
  return (
    params.ln < current.ln ||
    params.r < current.r ||
    params.p < current.p ||
    salt.length < SALT_BYTES ||
    hash.length < KEY_BYTES
  );
}

/**
 * A hash with the current parameters that no password matches (its key is all zeros; finding a password that
 * derives it means breaking scrypt).
 */
export const DUMMY_PASSWORD_HASH = formatScryptPhc({
  params: CURRENT_SCRYPT_PARAMS,
  salt: Buffer.alloc(SALT_BYTES, 0x5a),
  hash: Buffer.alloc(KEY_BYTES),
});

/**
 * Spends the time of a real password check when there is no account to check against, so that a login for an
 * unknown phone takes as long as one with a wrong password and the response time does not tell which phones
 * are registered (HTTP API: `invalid_credentials` for both).
 *
 * @returns always `false`
 */
export async function verifyAgainstDummyHash(password: string): Promise<false> {
  await verifyPassword(password, DUMMY_PASSWORD_HASH);
  return false;
}
