// Comparing two designs played by the same simulated participants: run k of A and
// run k of B share their seed, so each participant draws from the same stream in both
// and differences come from the design. Every metric is reported as A, B and B − A
// (means over the run pairs) with a paired bootstrap interval; a difference is called
// only where the interval excludes zero.
import { histogram, round, type Histogram } from '../analytics/stats';
import { meanOf, PairResamples, verdictOf, type BootstrapSettings, type Interval } from './bootstrap';
import { runMetrics, type MetricInfo } from './metrics';
import type { RunOutcome } from './run-in-memory';

export type MetricDifference = MetricInfo & {
  a: number | null;
  b: number | null;
  /** Mean over run pairs of B − A (pairs where either side has no value left out). */
  diff: number | null;
  ci: Interval | null;
  /** Run pairs where both sides have a value. */
  pairs: number;
  /** 'higher': B is higher than A (the interval is above zero); 'lower': below; null: no difference called. */
  verdict: 'higher' | 'lower' | null;
};

/** Two histograms over the same bins, all runs pooled. */
export type Overlay = { a: Histogram; b: Histogram };

export type Comparison = {
  runs: number;
  seeds: number[];
  participants: number;
  resamples: number;
  level: number;
  metrics: MetricDifference[];
  /** Steps one design has and the other does not (compared only where both have them). */
  stepsOnlyInA: string[];
  stepsOnlyInB: string[];
  distributions: { score: Overlay; finishTime: Overlay };
};

const BINS = 20;

/** Precondition: runs of both sides in the same seed order, at least one each. */
export function compareRuns(a: RunOutcome[], b: RunOutcome[], bootstrap: BootstrapSettings): Comparison {
  if (a.length !== b.length || a.length === 0) throw new Error(`compare: both designs need the same number of runs (got ${a.length} and ${b.length})`);
  a.forEach((r, k) => {
    if (r.seed !== b[k].seed) throw new Error(`compare: run ${k + 1} has seed ${r.seed} for A but ${b[k].seed} for B`);
  });
  const ma = a.map((r) => runMetrics(r.summary));
  const mb = b.map((r) => runMetrics(r.summary));
  const keysB = new Set(mb[0].info.map((m) => m.key));
  const keysA = new Set(ma[0].info.map((m) => m.key));
  const resamples = new PairResamples(a.length, bootstrap);
  const metrics: MetricDifference[] = [];
  for (const info of ma[0].info) {
    if (!keysB.has(info.key)) continue;
    const va = ma.map((m) => m.values.get(info.key) ?? null);
    const vb = mb.map((m) => m.values.get(info.key) ?? null);
    const diffs = va.map((x, k) => (x === null || vb[k] === null ? null : vb[k]! - x));
    const ci = resamples.meanInterval(diffs);
    metrics.push({
      ...info,
      a: meanOf(va),
      b: meanOf(vb),
      diff: meanOf(diffs),
      ci,
      pairs: diffs.filter((d) => d !== null).length,
      verdict: verdictOf(ci),
    });
  }
  const stepsOf = (info: MetricInfo[], other: Set<string>) => [...new Set(info.filter((m) => m.step !== undefined && !other.has(m.key)).map((m) => m.step!))];
  return {
    runs: a.length,
    seeds: a.map((r) => r.seed),
    participants: a[0].summary.participants,
    resamples: resamples.resamples,
    level: resamples.level,
    metrics,
    stepsOnlyInA: stepsOf(ma[0].info, keysB),
    stepsOnlyInB: stepsOf(mb[0].info, keysA),
    distributions: {
      score: overlay(a.map((r) => r.scores), b.map((r) => r.scores)),
      finishTime: overlay(a.map((r) => r.finishTimes), b.map((r) => r.finishTimes)),
    },
  };
}

/** Pools each side's values (NaN left out) and bins both over their common range. */
export function overlay(a: Float64Array[], b: Float64Array[]): Overlay {
  const pa = pooled(a);
  const pb = pooled(b);
  let min = Infinity;
  let max = -Infinity;
  for (const v of [pa, pb]) {
    if (v.length === 0) continue;
    min = Math.min(min, v[0]);
    max = Math.max(max, v[v.length - 1]);
  }
  if (min === Infinity) return { a: [], b: [] };
  const range = { min: round(min), max: round(max) };
  return { a: histogram(pa, BINS, range), b: histogram(pb, BINS, range) };
}

function pooled(runs: Float64Array[]): Float64Array {
  const out: number[] = [];
  for (const r of runs) for (const v of r) if (!Number.isNaN(v)) out.push(v);
  return Float64Array.from(out).sort();
}
