// Monte Carlo: how much the headline figures move from one seed to the next.
import { mean, quantile } from './stats';
import type { AnalyticsSummary } from './summary';

export type Spread = { mean: number | null; p5: number | null; p95: number | null; min: number | null; max: number | null };

export type MonteCarloSpread = {
  runs: number;
  seeds: number[];
  finishRate: Spread;
  /** Of each run's median finish time (runs where nobody finished are left out). */
  medianFinishSec: Spread;
  medianScore: Spread;
};

function spread(values: number[]): Spread {
  const s = Float64Array.from(values).sort();
  return { mean: mean(s), p5: quantile(s, 0.05), p95: quantile(s, 0.95), min: s.length ? s[0] : null, max: s.length ? s[s.length - 1] : null };
}

export function monteCarloSpread(runs: { seed: number; summary: AnalyticsSummary }[]): MonteCarloSpread {
  return {
    runs: runs.length,
    seeds: runs.map((r) => r.seed),
    finishRate: spread(runs.map((r) => r.summary.finishRate)),
    medianFinishSec: spread(runs.map((r) => r.summary.finishTime.p50).filter((v): v is number => v !== null)),
    medianScore: spread(runs.map((r) => r.summary.score.p50).filter((v): v is number => v !== null)),
  };
}
