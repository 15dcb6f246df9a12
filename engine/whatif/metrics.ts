// The figures a what-if compares, taken from one run's summary: finish, quit and
// timeout rates; score and finish-time quantiles; hints; and per step the funnel
// (shares of all participants who reached, solved, failed or got stuck there), its
// median time and its hints; for hunt/2, bonus uptake and judging waits. Counts become shares of the run's participants so runs
// and designs of different sizes compare.
import type { AnalyticsSummary } from '../analytics/summary';

export type MetricUnit = 'share' | 'seconds' | 'points' | 'per-participant';

export type MetricInfo = {
  /** Stable key, e.g. `finishRate`, `score.p50`, `step/cathedral/solved`. */
  key: string;
  label: string;
  unit: MetricUnit;
  /** The step the metric is about, when it is a per-step one. */
  step?: string;
};

/** One run's figures by key; null where a run has no value (nobody finished, nobody solved the step). */
export type RunMetrics = Map<string, number | null>;

const share = (count: number, of: number) => (of === 0 ? 0 : count / of);

/** Every metric of a run summary, in report order. */
export function runMetrics(s: AnalyticsSummary): { info: MetricInfo[]; values: RunMetrics } {
  const info: MetricInfo[] = [];
  const values: RunMetrics = new Map();
  const add = (m: MetricInfo, v: number | null) => {
    info.push(m);
    values.set(m.key, v);
  };
  const n = s.participants;
  add({ key: 'finishRate', label: 'finish rate', unit: 'share' }, s.finishRate);
  add({ key: 'quitRate', label: 'quit rate', unit: 'share' }, share(s.statuses.quit, n));
  add({ key: 'timedOutRate', label: 'timed-out rate', unit: 'share' }, share(s.statuses.timed_out, n));
  for (const q of ['p10', 'p50', 'p90'] as const) add({ key: `score.${q}`, label: `score ${q}`, unit: 'points' }, s.score[q]);
  for (const q of ['p10', 'p50', 'p90'] as const) add({ key: `finishTime.${q}`, label: `finish time ${q}`, unit: 'seconds' }, s.finishTime[q]);
  add({ key: 'hintsPerParticipant', label: 'hints per participant', unit: 'per-participant' }, s.hintsPerParticipant);
  for (const f of s.funnel) {
    const step = f.step;
    add({ key: `step/${step}/reached`, label: `${step}: reached`, unit: 'share', step }, share(f.reached, n));
    add({ key: `step/${step}/solved`, label: `${step}: solved`, unit: 'share', step }, share(f.solved, n));
    add({ key: `step/${step}/failed`, label: `${step}: failed`, unit: 'share', step }, share(f.failed, n));
    add({ key: `step/${step}/stuck`, label: `${step}: stuck`, unit: 'share', step }, share(f.stuck, n));
    add({ key: `step/${step}/medianTimeSec`, label: `${step}: median time`, unit: 'seconds', step }, f.medianTimeSec);
    add({ key: `step/${step}/hints`, label: `${step}: hints`, unit: 'per-participant', step }, share(f.hints, n));
  }
  // hunt/2: bonus uptake and the organiser's judging, the figures its profile knobs move.
  if (s.bonus) add({ key: 'bonus.share', label: 'solved a bonus step', unit: 'share' }, s.bonus.share);
  if (s.judging) {
    for (const q of ['p50', 'p90'] as const) add({ key: `judging.waitSec.${q}`, label: `judging wait ${q}`, unit: 'seconds' }, s.judging.waitSec[q]);
  }
  return { info, values };
}
