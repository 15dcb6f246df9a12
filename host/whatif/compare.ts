// `compare`: two designs, the same simulated participants. Runs k of A and B use seed
// S + k (the same profile deal and participant streams), all in memory on the pool,
// then the paired comparison (engine/whatif/compare.ts) with its bootstrap seeded by S.
import type { Hunt } from '../../engine/hunt/schema';
import { checkProfilesAgainstHunt, type Profile } from '../../engine/sim/profile';
import { checkSettings } from '../../engine/sim/simulation';
import { compareRuns, type Comparison } from '../../engine/whatif/compare';
import { requireValidHunt } from '../sim/run';
import { runTasks, type PoolOptions } from './pool';
import type { RunTask } from './protocol';

export const MAX_RUNS = 10_000;

export type CompareOptions = Omit<PoolOptions, 'onDone'> & {
  a: Hunt;
  b: Hunt;
  profiles: Profile[];
  participants: number;
  runs: number;
  seed: number;
  resamples?: number;
};

export function checkRuns(runs: number): void {
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS) throw new Error(`runs: must be a whole number from 1 to ${MAX_RUNS} (got ${runs})`);
}

export async function compareDesigns(o: CompareOptions): Promise<Comparison> {
  const a = requireValidHunt(o.a);
  const b = requireValidHunt(o.b);
  checkRuns(o.runs);
  checkSettings({ participants: o.participants, seed: o.seed + o.runs - 1, profiles: o.profiles });
  checkProfilesAgainstHunt(o.profiles, new Set(a.steps.map((s) => s.id)), 'profiles (design A)');
  checkProfilesAgainstHunt(o.profiles, new Set(b.steps.map((s) => s.id)), 'profiles (design B)');
  // A and B of one seed next to each other, so pairs complete together.
  const tasks: RunTask[] = [];
  for (let k = 0; k < o.runs; k++) {
    // The comparison reads only whole-run figures: no by-profile summaries.
    const common = { profiles: o.profiles, participants: o.participants, seed: o.seed + k, byProfile: false };
    tasks.push({ hunt: a, ...common }, { hunt: b, ...common });
  }
  const outcomes = await runTasks(tasks, o);
  return compareRuns(
    outcomes.filter((_, i) => i % 2 === 0),
    outcomes.filter((_, i) => i % 2 === 1),
    { seed: o.seed, resamples: o.resamples },
  );
}
