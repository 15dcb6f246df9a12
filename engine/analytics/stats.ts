// Small statistics helpers shared by the run summary and the Monte Carlo spread.

/** Growable Float64 list: 8 bytes a value, so 100k participants × 20 steps stay small. */
export class NumberList {
  private data = new Float64Array(64);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  sorted(): Float64Array {
    return this.data.slice(0, this.length).sort();
  }
}

/**
 * The q-quantile (0 ≤ q ≤ 1) of sorted values, interpolating linearly between the
 * two nearest ranks (the usual "type 7" definition); null for no values.
 */
export function quantile(sorted: ArrayLike<number>, q: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return round(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo));
}

export function mean(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return round(s / values.length);
}

/** Rounds to 3 decimals: summaries are read by people and compared as JSON. */
export function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

export type Histogram = { from: number; to: number; count: number }[];

/**
 * `buckets` equal-width bins from the smallest to the largest value, or over `range`
 * (values need not be sorted then; two histograms over one range overlay bin for bin).
 */
export function histogram(sorted: ArrayLike<number>, buckets = 10, range?: { min: number; max: number }): Histogram {
  const n = sorted.length;
  if (n === 0 && range === undefined) return [];
  const min = range ? range.min : sorted[0];
  const max = range ? range.max : sorted[n - 1];
  if (min === max) return [{ from: round(min), to: round(max), count: n }];
  const width = (max - min) / buckets;
  const out = Array.from({ length: buckets }, (_, i) => ({ from: round(min + i * width), to: round(i === buckets - 1 ? max : min + (i + 1) * width), count: 0 }));
  for (let i = 0; i < n; i++) out[Math.max(0, Math.min(buckets - 1, Math.floor((sorted[i] - min) / width)))].count++;
  return out;
}

export type Distribution = { p10: number | null; p50: number | null; p90: number | null; histogram: Histogram };

export function distribution(values: NumberList): Distribution {
  const s = values.sorted();
  return { p10: quantile(s, 0.1), p50: quantile(s, 0.5), p90: quantile(s, 0.9), histogram: histogram(s) };
}
