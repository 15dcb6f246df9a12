// Seeded random streams for the simulation. Every participant draws from its own
// stream, derived from the run seed and its index alone, so what participant i does
// never depends on how many others there are, on the order they are generated in,
// or on the number of worker threads. The generator is pure-rand's xoroshiro128+
// (the one fast-check uses); we only choose its 128-bit starting state.
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** Largest accepted seed: any whole number a JSON file or command line can carry exactly. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

// murmur3's 32-bit finaliser: every input bit affects every output bit, so the
// states of neighbouring indices (0, 1, 2, ...) look unrelated.
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

function mix(a: number, b: number): number {
  return fmix32(Math.imul(a ^ 0x9e3779b9, 0x5bd1e995) ^ fmix32(b + 0x7f4a7c15));
}

/**
 * The stream of `index` in the run `seed` (index -1 and below are reserved for
 * run-level draws such as the profile assignment).
 */
export function deriveStream(seed: number, index: number): RandomStream {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 0x1_0000_0000) >>> 0;
  const base = mix(mix(lo, hi), index | 0);
  const state: number[] = [mix(base, 1), mix(base, 2), mix(base, 3), mix(base, 4)];
  // xoroshiro's state must not be all zeros (it would only ever produce zeros).
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  return new RandomStream(xoroshiro128plusFromState(state));
}

/** One seeded uniform stream in [0, 1) for tools that need repeatable numbers (benchmark workloads, test logs). */
export function seededUniform(seed: number): () => number {
  const stream = deriveStream(seed, 0);
  return () => stream.next();
}

/** The draws the simulation needs, on top of one pure-rand generator. */
export class RandomStream {
  constructor(private readonly rng: RandomGenerator) {}

  /** Uniform in [0, 1). */
  next(): number {
    return uniformFloat64(this.rng);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p >= 1 ? true : p <= 0 ? false : this.next() < p;
  }

  /** A whole number in [0, n). */
  below(n: number): number {
    return Math.min(n - 1, Math.floor(this.next() * n));
  }

  /** Standard normal (Box–Muller; the second value is dropped to keep the stream simple). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1]: log(0) would be -Infinity
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and spread (the sigma of the underlying normal). */
  logNormal(median: number, spread: number): number {
    return spread === 0 ? median : median * Math.exp(spread * this.normal());
  }
}
