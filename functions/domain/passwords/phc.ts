import { MalformedPasswordHash } from './errors';

/**
 * scrypt's cost parameters as the PHC string format names them: `N = 2^ln` (CPU and memory cost), `r` (block
 * size) and `p` (parallelism).
 */
export interface ScryptParams {
  readonly ln: number;
  readonly r: number;
  readonly p: number;
}

/** A stored scrypt hash: its parameters, salt and derived key. */
export interface ScryptHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

/**
 * Bounds on what a stored hash may ask for, far above any current setting: a corrupted record must not make a
 * login allocate gigabytes.
 */
const LIMITS = { ln: 22, r: 32, p: 16, minBytes: 8, maxBytes: 64 } as const;

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** PHC's "B64": standard base64 without padding. */
const toB64 = (bytes: Buffer): string => bytes.toString('base64').replace(/=+$/, '');

/** @returns the bytes of a canonical B64 string, or `undefined` (Node's decoder silently skips junk) */
function fromB64(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64');
  return toB64(bytes) === text && bytes.length >= LIMITS.minBytes && bytes.length <= LIMITS.maxBytes
    ? bytes
    : undefined;
}

/**
 * Writes a hash in the PHC string format, self-describing so that parameters can be raised later (Security
 * rules).
 *
 * @example formatScryptPhc(hash) // '$scrypt$ln=17,r=8,p=1$<salt>$<key>'
 */
export const formatScryptPhc = ({ params, salt, hash }: ScryptHash): string =>
  `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${toB64(salt)}$${toB64(hash)}`;

/**
 * Reads a PHC string written by {@link formatScryptPhc}.
 *
 * @throws {@link MalformedPasswordHash} when the string is not one, or its parameters are out of bounds
 */
export function parseScryptPhc(phc: string): ScryptHash {
  const match = PHC.exec(phc);
  if (!match) throw new MalformedPasswordHash();
  const [ln, r, p] = [match[1], match[2], match[3]].map(Number);
  const salt = fromB64(match[4]);
  const hash = fromB64(match[5]);
  const withinLimits = ln >= 1 && ln <= LIMITS.ln && r >= 1 && r <= LIMITS.r && p >= 1 && p <= LIMITS.p;
  if (!salt || !hash || !withinLimits) throw new MalformedPasswordHash();
  return { params: { ln, r, p }, salt, hash };
}
