// Paired bootstrap confidence intervals over runs. A what-if runs both sides with the
// same seeds (common random numbers), so run k of A and run k of B played the same
// participants: the unit that is resampled is the pair of runs, and the same
// resampled pairs serve every metric. Seeded, so a report is reproducible to the digit.
import { deriveStream } from '../sim/random';
import { quantile, round } from '../analytics/stats';

export type Interval = { lo: number; hi: number };

export type BootstrapSettings = {
  /** Seed of the resampling (the comparison's seed). */
  seed: number;
  /** Resamples; default 2,000. */
  resamples?: number;
  /** Confidence level; default 0.95. */
  level?: number;
};

export const DEFAULT_RESAMPLES = 2000;
export const DEFAULT_LEVEL = 0.95;

/** The stream reserved for resampling (simulation streams use participant indices ≥ 0, the profile deal -1). */
const BOOTSTRAP_STREAM = -2;

/** Which run pairs each resample draws: `resamples` rows of `runs` indices. */
export class PairResamples {
  readonly resamples: number;
  readonly level: number;
  private readonly picks: Uint32Array;

  constructor(
    readonly runs: number,
    s: BootstrapSettings,
  ) {
    this.resamples = s.resamples ?? DEFAULT_RESAMPLES;
    this.level = s.level ?? DEFAULT_LEVEL;
    const rng = deriveStream(s.seed, BOOTSTRAP_STREAM);
    this.picks = new Uint32Array(this.resamples * runs);
    for (let i = 0; i < this.picks.length; i++) this.picks[i] = rng.below(runs);
  }

  /**
   * The percentile interval of the mean of `diffs` (one per run pair; null where a pair
   * has no value, left out of every resample that draws it). Null when fewer than two
   * pairs have a value: one pair says nothing about the spread.
   */
  meanInterval(diffs: readonly (number | null)[]): Interval | null {
    if (diffs.filter((d) => d !== null).length < 2) return null;
    const means = new Float64Array(this.resamples);
    let kept = 0;
    for (let r = 0; r < this.resamples; r++) {
      let sum = 0;
      let count = 0;
      for (let j = 0; j < this.runs; j++) {
        const d = diffs[this.picks[r * this.runs + j]];
        if (d === null) continue;
        sum += d;
        count++;
      }
      if (count > 0) means[kept++] = sum / count;
    }
    const sorted = means.subarray(0, kept).sort();
    const tail = (1 - this.level) / 2;
    return { lo: quantile(sorted, tail)!, hi: quantile(sorted, 1 - tail)! };
  }
}

/** The mean of the values present, rounded like every summary figure; null when none is. */
export function meanOf(values: readonly (number | null)[]): number | null {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (v === null) continue;
    sum += v;
    count++;
  }
  return count === 0 ? null : round(sum / count);
}

/** A difference is called only when its interval excludes zero. */
export function verdictOf(ci: Interval | null): 'higher' | 'lower' | null {
  if (ci === null) return null;
  if (ci.lo > 0) return 'higher';
  if (ci.hi < 0) return 'lower';
  return null;
}
