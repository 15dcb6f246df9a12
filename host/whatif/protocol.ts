// The what-if pool's channel (host/whatif/pool.ts to whatif.worker.ts, through engine/threads): its requests and notifications.
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

export type WhatIfWorkerApi = {
  /** Simulates task `id` in memory; the outcome's arrays are moved, not copied. */
  run(id: number, task: RunTask): RunOutcome;
};

export type WhatIfWorkerEvents = {
  /** Share of task `id` done so far (0 to 1). */
  progress: { id: number; fraction: number };
};
