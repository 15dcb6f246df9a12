// The figures a sweep's plot or heat map can show: every figure a point has (the same
// keys as compare), plus, per step, the share who never solved it (for a place: never
// triggered its geofence), which is 1 − its solved share.
import type { PointResult } from '../../api/whatIf';

export type SweepMetric = { key: string; label: string; unit: 'share' | 'seconds' | 'points' | 'per-participant' };

const NEVER = 'never/';
const HEADLINE: SweepMetric[] = [
  { key: 'finishRate', label: 'finish rate', unit: 'share' },
  { key: 'finishTime.p50', label: 'median finish time', unit: 'seconds' },
  { key: 'score.p50', label: 'median score', unit: 'points' },
  { key: 'hintsPerParticipant', label: 'hints per participant', unit: 'per-participant' },
];

export function sweepMetrics(points: PointResult[]): SweepMetric[] {
  const first = points.find((p) => p.ok);
  if (!first || !first.ok) return HEADLINE;
  const out: SweepMetric[] = first.metrics.map((m) => ({ key: m.key, label: m.key === 'finishTime.p50' ? 'median finish time' : m.label, unit: m.unit }));
  for (const m of first.metrics) if (m.step !== undefined && m.key.endsWith('/solved')) out.push({ key: `${NEVER}${m.step}`, label: `${m.step}: never solved (never triggered)`, unit: 'share' });
  return out;
}

/** A point's value of the figure; null while it has none (not done, invalid, or no value). */
export function pointValue(p: PointResult | undefined, key: string): { mean: number | null; lo: number | null; hi: number | null } | null {
  if (!p || !p.ok) return null;
  if (key.startsWith(NEVER)) {
    const solved = p.metrics.find((m) => m.key === `step/${key.slice(NEVER.length)}/solved`);
    if (!solved || solved.mean === null) return { mean: null, lo: null, hi: null };
    return { mean: 1 - solved.mean, lo: solved.ci ? 1 - solved.ci.hi : null, hi: solved.ci ? 1 - solved.ci.lo : null };
  }
  const m = p.metrics.find((x) => x.key === key);
  return m ? { mean: m.mean, lo: m.ci?.lo ?? null, hi: m.ci?.hi ?? null } : { mean: null, lo: null, hi: null };
}

/**
 * The values of FROM..TO:STEP, to lay out the grid before its points come: each from its
 * index, as the host computes them (engine/whatif/sweep.ts parseVary; a test keeps the two equal).
 */
export function axisValues(a: { from: number; to: number; step: number }): number[] {
  const count = Math.floor((a.to - a.from) / a.step + 1e-9) + 1;
  return Array.from({ length: count }, (_, i) => Math.round((a.from + i * a.step) * 1e9) / 1e9);
}
