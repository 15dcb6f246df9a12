// Seeded random streams for the simulation. Every participant draws from its own
// stream, derived from the run seed and its index alone, so what participant i does
// never depends on how many others there are, on the order they are generated in,
// or on the number of worker threads. The generator is xoroshiro128+ exactly as
// pure-rand writes it (the one fast-check uses), and a uniform number is made from two
// of its outputs as pure-rand's uniformFloat64 makes it; we only choose its 128-bit
// starting state. Both are written out here, in the stream itself, because a
// simulation draws a few million numbers a second and the calls through pure-rand's
// generator object cost a tenth of a what-if run (test/engine/sim/random.test.ts
// checks the numbers are pure-rand's, draw for draw).

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
  const [s01, s00, s11, s10] = streamState(seed, index);
  return new RandomStream(s01, s00, s11, s10);
}

/** The 128-bit starting state of that stream, as pure-rand's xoroshiro128plusFromState takes it. */
export function streamState(seed: number, index: number): [number, number, number, number] {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 0x1_0000_0000) >>> 0;
  const base = mix(mix(lo, hi), index | 0);
  const state: [number, number, number, number] = [mix(base, 1), mix(base, 2), mix(base, 3), mix(base, 4)];
  // xoroshiro's state must not be all zeros (it would only ever produce zeros).
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  return state;
}

/** One seeded uniform stream in [0, 1) for tools that need repeatable numbers (benchmark workloads, test logs). */
export function seededUniform(seed: number): () => number {
  const stream = deriveStream(seed, 0);
  return () => stream.next();
}

/** 2^-26 and 2^-53: a uniform number is 26 bits of one output and 27 of the next (pure-rand's uniformFloat64). */
const SCALE_26 = 1.4901161193847656e-8;
const SCALE_53 = 1.1102230246251565e-16;

/** The draws the simulation needs, on one xoroshiro128+ state (pure-rand's order of the four 32-bit words). */
export class RandomStream {
  constructor(
    private s01: number,
    private s00: number,
    private s11: number,
    private s10: number,
  ) {}

  /** The generator's next 32-bit output (pure-rand's XoroShiro128Plus.next). */
  private next32(): number {
    const s00 = this.s00;
    const s01 = this.s01;
    const out = (s00 + this.s10) | 0;
    const a0 = this.s10 ^ s00;
    const a1 = this.s11 ^ s01;
    this.s00 = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
    this.s01 = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    this.s10 = (a1 << 5) ^ (a0 >>> 27);
    this.s11 = (a0 << 5) ^ (a1 >>> 27);
    return out;
  }

  /** Uniform in [0, 1), a multiple of 2^-53. */
  next(): number {
    const high = this.next32() & 0x3ffffff;
    const low = this.next32() & 0x7ffffff;
    return high * SCALE_26 + low * SCALE_53;
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
