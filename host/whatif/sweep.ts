// `sweep`: every point of the grid simulated K times (seeds S..S+K-1 at every point,
// so neighbouring points differ by the parameter, not by luck), in memory on the
// pool. Points are reported as soon as their last run is done; invalid points at once.
import type { Hunt } from '../../engine/hunt/schema';
import type { Profile } from '../../engine/sim/profile';
import { checkSettings } from '../../engine/sim/simulation';
import { grid, pointDesign, summarizePoint, type Axis, type PointResult } from '../../engine/whatif/sweep';
import type { RunOutcome } from '../../engine/whatif/run-in-memory';
import { requireValidHunt } from '../sim/run';
import { checkRuns } from './compare';
import { runTasks, type PoolOptions } from './pool';
import type { RunTask } from './protocol';

export type SweepOptions = Omit<PoolOptions, 'onDone'> & {
  hunt: Hunt;
  profiles: Profile[];
  axes: Axis[];
  participants: number;
  runs: number;
  seed: number;
  /** Each point as it is done (invalid points first, then in the order they finish). */
  onPoint?: (p: PointResult) => void;
};

export type Sweep = { axes: { path: string; values: number[] }[]; participants: number; runs: number; seeds: number[]; points: PointResult[] };

export async function runSweep(o: SweepOptions): Promise<Sweep> {
  const hunt = requireValidHunt(o.hunt);
  checkRuns(o.runs);
  checkSettings({ participants: o.participants, seed: o.seed + o.runs - 1, profiles: o.profiles });
  const points = grid(o.axes);
  const results: (PointResult | undefined)[] = new Array(points.length);
  const tasks: RunTask[] = [];
  const taskPoint: number[] = [];
  for (const point of points) {
    const design = pointDesign(hunt, o.profiles, o.axes, point.values);
    if (!design.ok) {
      results[point.index] = { index: point.index, values: point.values, ok: false, problem: design.problem };
      o.onPoint?.(results[point.index]!);
      continue;
    }
    for (let k = 0; k < o.runs; k++) {
      // A point's figures are whole-run ones: no by-profile summaries.
      tasks.push({ hunt: design.hunt, profiles: design.profiles, participants: o.participants, seed: o.seed + k, byProfile: false });
      taskPoint.push(point.index);
    }
  }
  const done = new Map<number, RunOutcome[]>();
  await runTasks(tasks, {
    ...o,
    onDone: (i, outcome) => {
      const p = taskPoint[i];
      const list = done.get(p) ?? new Array<RunOutcome>(o.runs);
      done.set(p, list);
      list[outcome.seed - o.seed] = outcome;
      if (list.filter(Boolean).length < o.runs) return;
      done.delete(p);
      results[p] = summarizePoint(points[p], list, { seed: o.seed });
      o.onPoint?.(results[p]!);
    },
  });
  return {
    axes: o.axes.map((a) => ({ path: a.path.text, values: a.values })),
    participants: o.participants,
    runs: o.runs,
    seeds: Array.from({ length: o.runs }, (_, k) => o.seed + k),
    points: results as PointResult[],
  };
}
