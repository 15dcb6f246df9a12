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
  /** Row r, column j: the run pair that draw j of resample r takes. */
  readonly picks: Uint32Array;

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
    const runs = this.runs;
    // The values in a typed array (null: not present), so the resampling loop reads plain doubles.
    const value = new Float64Array(runs);
    const present = new Uint8Array(runs);
    let presentCount = 0;
    for (let j = 0; j < runs; j++) {
      const d = diffs[j];
      if (d === null || d === undefined) continue;
      value[j] = d;
      present[j] = 1;
      presentCount++;
    }
    if (presentCount < 2) return null;
    const picks = this.picks;
    const means = new Float64Array(this.resamples);
    let kept = 0;
    let plain = true;
    for (let r = 0, at = 0; r < this.resamples; r++, at += runs) {
      let sum = 0;
      let count = 0;
      for (let j = 0; j < runs; j++) {
        const pick = picks[at + j];
        if (present[pick] === 0) continue;
        sum += value[pick];
        count++;
      }
      if (count === 0) continue;
      const m = sum / count;
      // NaN or −0 would order differently under a comparison than under a typed-array sort.
      if (m !== m || (m === 0 && 1 / m < 0)) plain = false;
      means[kept++] = m;
    }
    const tail = (1 - this.level) / 2;
    const resampled = means.subarray(0, kept);
    if (!plain) {
      const sorted = resampled.sort();
      return { lo: quantile(sorted, tail)!, hi: quantile(sorted, 1 - tail)! };
    }
    return { lo: selectQuantile(resampled, tail), hi: selectQuantile(resampled, 1 - tail) };
  }
}

/**
 * `quantile(sorted, q)` (engine/analytics/stats.ts) without sorting: the two ranks it
 * interpolates between are selected (the values are reordered). Precondition: at
 * least one value, no NaN and no −0, where selecting and sorting agree exactly.
 */
export function selectQuantile(values: Float64Array, q: number): number {
  const n = values.length;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  selectRank(values, lo);
  let next = values[lo];
  if (lo + 1 < n) {
    // Everything after rank lo is at least values[lo]: the next rank is their smallest.
    next = values[lo + 1];
    for (let i = lo + 2; i < n; i++) if (values[i] < next) next = values[i];
  }
  const v = values[lo];
  return round(v + (next - v) * (pos - lo));
}

/** Reorders `a` so that a[k] is its k-th smallest value, smaller ones before and larger after (Wirth's selection). */
function selectRank(a: Float64Array, k: number): void {
  let l = 0;
  let r = a.length - 1;
  while (l < r) {
    const x = a[k];
    let i = l;
    let j = r;
    do {
      while (a[i] < x) i++;
      while (x < a[j]) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) l = i;
    if (k < i) r = j;
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
