// Time series of a running simulation, for the live charts. Bounded: when full,
// every other point is dropped, so a 100k-participant run never grows the charts'
// data past MAX_POINTS however long it runs.
import type { RunProgress } from '../../api/contract';

export const MAX_POINTS = 2000;

export type Series = {
  /** Virtual time (s) */
  t: number[];
  throughput: number[];
  active: number[];
  finished: number[];
};

export const emptySeries = (): Series => ({ t: [], throughput: [], active: [], finished: [] });

/** Appends a progress sample; a sample at the same virtual time replaces the last one. Returns a new Series. */
export function appendProgress(s: Series, p: RunProgress, max = MAX_POINTS): Series {
  const n = s.t.length;
  const done = p.finished + p.timedOut + p.quit;
  if (n > 0 && p.virtualTime < s.t[n - 1]) return s; // stale message after a restart
  const same = n > 0 && s.t[n - 1] === p.virtualTime;
  const cut = same ? n - 1 : n;
  let next: Series = {
    t: [...s.t.slice(0, cut), p.virtualTime],
    throughput: [...s.throughput.slice(0, cut), p.eventsPerSec],
    active: [...s.active.slice(0, cut), p.active],
    finished: [...s.finished.slice(0, cut), done],
  };
  if (next.t.length > max) next = halve(next);
  return next;
}

/** Keeps every other point, always keeping the newest. */
export function halve(s: Series): Series {
  const keep = (a: number[]) => a.filter((_, i) => i % 2 === (a.length - 1) % 2);
  return { t: keep(s.t), throughput: keep(s.throughput), active: keep(s.active), finished: keep(s.finished) };
}
