import { randomBytes } from 'node:crypto';

/**
 * A source of cryptographically strong random bytes. Injected wherever secrets are made, so tests can replay
 * a fixed sequence; production uses {@link secureRandomBytes}.
 */
export type RandomBytes = (size: number) => Uint8Array;

/** node:crypto's CSPRNG. */
export const secureRandomBytes: RandomBytes = (size) => randomBytes(size);

const MAX_BOUND = 2 ** 32;

/**
 * Draws a uniformly random integer in `[0, bound)`.
 *
 * Takes the fewest whole bytes that cover `bound` and rejects draws from the incomplete last block, so no
 * value is likelier than another (no modulo bias): for `bound` 23, a byte of 253 or more is drawn again; for
 * 1 000 000, three bytes worth 16 000 000 or more.
 */
export function randomIntBelow(bound: number, random: RandomBytes = secureRandomBytes): number {
  if (!Number.isInteger(bound) || bound < 1 || bound > MAX_BOUND) {
    throw new RangeError(`bound must be an integer from 1 to 2^32, got ${bound}`);
  }
  let size = 1;
  while (256 ** size < bound) size += 1;
  const range = 256 ** size;
  const limit = range - (range % bound);
  for (;;) {
    const draw = random(size).reduce((value, byte) => value * 256 + byte, 0);
    if (draw < limit) return draw % bound;
  }
}
