// The simulation's stream writes out xoroshiro128+ and uniformFloat64 for speed; every
// stored simulation depends on them giving pure-rand's numbers, draw for draw.
import { describe, expect, it } from 'vitest';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { deriveStream, streamState } from '../../../engine/sim/random';

/** pure-rand itself, started from the same state. */
function pureRandStream(seed: number, index: number): () => number {
  const rng = xoroshiro128plusFromState(streamState(seed, index));
  return () => uniformFloat64(rng);
}

describe('random streams', () => {
  it("draw pure-rand's xoroshiro128+ uniform numbers, draw for draw", () => {
    for (const [seed, index] of [
      [0, 0],
      [1, -1],
      [1, 1999],
      [42, -2],
      [2 ** 40 + 3, 7],
      [Number.MAX_SAFE_INTEGER, 123_456],
    ]) {
      const ours = deriveStream(seed, index);
      const theirs = pureRandStream(seed, index);
      for (let k = 0; k < 5000; k++) expect(ours.next(), `seed ${seed}, index ${index}, draw ${k}`).toBe(theirs());
    }
  });

  it('keep to [0, 1) and derived draws to their ranges', () => {
    const s = deriveStream(9, 3);
    for (let k = 0; k < 10_000; k++) {
      const u = s.next();
      expect(u >= 0 && u < 1).toBe(true);
      const b = s.below(7);
      expect(Number.isInteger(b) && b >= 0 && b < 7).toBe(true);
      expect(Number.isFinite(s.normal())).toBe(true);
    }
  });
});
