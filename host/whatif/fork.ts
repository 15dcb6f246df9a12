// `fork`: a stored simulation regenerated up to event S, then K continuations of the
// original design and K of the edited one with the same continuation streams (common
// random numbers again), compared like two designs. Continuation 0 keeps the recorded
// streams, so the original design's continuation 0 is the stored run itself.
import type { Db } from '../../db/open';
import { getRun } from '../../db/runs';
import { maxSeq } from '../../db/events';
import type { Hunt } from '../../engine/hunt/schema';
import { checkProfilesAgainstHunt, type Profile } from '../../engine/sim/profile';
import { checkForkable } from '../../engine/whatif/fork';
import { compareRuns, type Comparison } from '../../engine/whatif/compare';
import type { AnalyticsSummary } from '../../engine/analytics/summary';
import { requireValidHunt } from '../sim/run';
import { checkRuns } from './compare';
import { storedRunHunt } from './rescore';
import { runTasks, type PoolOptions } from './pool';
import type { RunTask } from './protocol';

export type ForkOptions = Omit<PoolOptions, 'onDone'> & {
  db: Db;
  runId: number;
  /** Events kept (1 to the run's last). */
  at: number;
  hunt?: Hunt;
  profiles?: Profile[];
  runs: number;
};

export type Fork = {
  runId: number;
  at: number;
  participants: number;
  seed: number;
  /** The original design's continuation 0: the stored run's own outcome. */
  original: AnalyticsSummary;
  /** A = the original design's continuations, B = the fork's. */
  comparison: Comparison;
};

type StoredSettings = { participants: number; seed: number; profiles: Profile[] };

export async function forkStoredRun(o: ForkOptions): Promise<Fork> {
  const run = getRun(o.db, o.runId);
  if (!run) throw new Error(`run ${o.runId}: no such run`);
  if (run.kind !== 'simulation') throw new Error(`run ${o.runId} is a ${run.kind}, not a simulation: only a simulation can be continued`);
  const events = maxSeq(o.db, o.runId);
  if (!Number.isInteger(o.at) || o.at < 1 || o.at > events) throw new Error(`--at: must be an event of run ${o.runId}, 1 to ${events} (got ${o.at})`);
  checkRuns(o.runs);
  const settings = run.settings as StoredSettings;
  const hunt = storedRunHunt(o.db, o.runId);
  const next = { hunt: o.hunt ? requireValidHunt(o.hunt) : hunt, profiles: o.profiles ?? settings.profiles };
  checkForkable({ hunt, profiles: settings.profiles }, next);
  checkProfilesAgainstHunt(next.profiles, new Set(next.hunt.steps.map((s) => s.id)), 'profiles');
  const tasks: RunTask[] = [];
  const base = { hunt, profiles: settings.profiles, participants: settings.participants, seed: settings.seed };
  for (let k = 0; k < o.runs; k++) {
    tasks.push({ ...base, fork: { at: o.at, hunt, profiles: settings.profiles, continuation: k } }, { ...base, fork: { at: o.at, ...next, continuation: k } });
  }
  const outcomes = await runTasks(tasks, o);
  const original = outcomes.filter((_, i) => i % 2 === 0);
  return {
    runId: o.runId,
    at: o.at,
    participants: settings.participants,
    seed: settings.seed,
    original: original[0].summary,
    comparison: compareRuns(original, outcomes.filter((_, i) => i % 2 === 1), { seed: settings.seed }),
  };
}
