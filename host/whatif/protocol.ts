// Messages between the what-if pool (host/whatif/pool.ts) and its run workers.
import type { Hunt } from '../../engine/hunt/schema';
import type { Profile } from '../../engine/sim/profile';
import type { RunOutcome } from '../../engine/whatif/run-in-memory';
import type { ForkPlan } from '../../engine/whatif/fork';

/** One simulated run, in memory: everything that determines its outcome (a fork: the run it starts from, and the plan). */
export type RunTask = {
  hunt: Hunt;
  profiles: Profile[];
  participants: number;
  seed: number;
  fork?: ForkPlan;
  /** false: the outcome's summary without its by-profile part (runInMemory's option; a fork always has it). */
  byProfile?: boolean;
};

export type PoolRequest = { id: number; task: RunTask };

export type PoolReply =
  | { id: number; kind: 'progress'; fraction: number }
  | { id: number; kind: 'done'; outcome: RunOutcome }
  | { id: number; kind: 'failed'; message: string };
