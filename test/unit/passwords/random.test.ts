import fc from 'fast-check';
import { randomIntBelow } from '../../../functions/domain/passwords';
import { anyRandomBytes, replay } from './replay';

/** Runs `randomIntBelow` once for every possible draw of `size` bytes and counts what each draw gave. */
function countOverAllDraws(bound: number, size: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (let draw = 0; draw < 256 ** size; draw++) {
    const bytes = Array.from({ length: size }, (_, i) => Math.floor(draw / 256 ** (size - 1 - i)) % 256);
    try {
      const value = randomIntBelow(bound, replay(bytes));
      counts.set(value, (counts.get(value) ?? 0) + 1);
    } catch {
      // the draw was rejected and a second one asked for: not counted, as it would not be in production
    }
  }
  return counts;
}

describe('uniform random integers', () => {
  it('give every value below the bound equally often over all one-byte draws (no modulo bias)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), (bound) => {
        const counts = countOverAllDraws(bound, 1);
        expect(counts.size).toBe(bound);
        expect(new Set(counts.values())).toEqual(new Set([Math.floor(256 / bound)]));
      }),
      { numRuns: 30 },
    );
  });

  it('give every value below the bound equally often over all two-byte draws', () => {
    const counts = countOverAllDraws(1000, 2);
    expect(counts.size).toBe(1000);
    expect(new Set(counts.values())).toEqual(new Set([65]));
  });

  it('draw again when a draw falls in the incomplete last block', () => {
    expect(randomIntBelow(23, replay([253, 255, 24]))).toBe(1);
    expect(randomIntBelow(1_000_000, replay([0xf4, 0x24, 0x00, 0x00, 0x00, 0x2a]))).toBe(42);
  });

  it('stay below the bound for any byte source', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 32 }), anyRandomBytes, (bound, random) => {
        const value = randomIntBelow(bound, random);
        expect(Number.isInteger(value) && value >= 0 && value < bound).toBe(true);
      }),
    );
  });

  it('refuse a bound that is not a positive integer up to 2^32', () => {
    for (const bound of [0, -1, 1.5, 2 ** 32 + 1, Number.NaN])
      expect(() => randomIntBelow(bound)).toThrow(RangeError);
  });
});
