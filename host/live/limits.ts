// Rate limits of the live host: token buckets keyed by device or by address. The clock is
// the host's monotonic one (performance.now), injectable for tests.
import { performance } from 'node:perf_hooks';

export type Rate = { perSec: number; burst: number };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly rate: Rate,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token for `key`; false when the key is over its rate. */
  take(key: string): boolean {
    const now = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: this.rate.burst, at: now };
      this.buckets.set(key, b);
      // Keys that refilled are dropped now and then, so a stream of new addresses cannot grow the map forever.
      if (this.buckets.size > 10_000) this.sweep(now);
    }
    b.tokens = Math.min(this.rate.burst, b.tokens + ((now - b.at) / 1000) * this.rate.perSec);
    b.at = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Whether `key` is out of tokens now (nothing is taken): a caller that only counts failures asks first. */
  blocked(key: string): boolean {
    const b = this.buckets.get(key);
    if (!b) return false;
    return Math.min(this.rate.burst, b.tokens + ((this.now() - b.at) / 1000) * this.rate.perSec) < 1;
  }

  private sweep(now: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * this.rate.perSec >= this.rate.burst) this.buckets.delete(k);
  }
}

/** The live host's limits; the defaults suit a venue (one address per phone), the benchmark raises the per-address ones. */
export type LiveLimits = {
  /** Actions (socket messages) per device. */
  device: Rate;
  /** Socket messages and HTTP requests per address. */
  address: Rate;
  /** Joins with a wrong code, per address. */
  wrongCodePerAddress: Rate;
  /** Joins with a wrong code from anywhere: beyond this every join waits, so the code cannot be guessed from many addresses. */
  wrongCodeTotal: Rate;
  /** Largest photo, bytes. */
  uploadBytes: number;
};

export const DEFAULT_LIMITS: LiveLimits = {
  device: { perSec: 5, burst: 30 },
  address: { perSec: 20, burst: 60 },
  wrongCodePerAddress: { perSec: 5 / 60, burst: 5 },
  wrongCodeTotal: { perSec: 1, burst: 30 },
  uploadBytes: 4 * 1024 * 1024,
};
