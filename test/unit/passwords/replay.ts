import fc from 'fast-check';
import type { RandomBytes } from '../../../functions/domain/passwords';

/** A byte source that hands out `bytes` in order and fails loudly when a test under-supplied it. */
export function replay(bytes: readonly number[]): RandomBytes {
  let next = 0;
  return (size) => {
    if (next + size > bytes.length) throw new Error(`replay ran out after ${bytes.length} bytes`);
    next += size;
    return Uint8Array.from(bytes.slice(next - size, next));
  };
}

/** Any byte source fast-check can shrink: bytes drawn from its own seeded generator. */
export const anyRandomBytes: fc.Arbitrary<RandomBytes> = fc
  .infiniteStream(fc.integer({ min: 0, max: 255 }))
  .map((stream) => (size) => Uint8Array.from(stream.take(size)));
