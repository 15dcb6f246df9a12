// Messages between the what-if pool (host/whatif/pool.ts) and its run workers.
import type { Hunt } from '../../engine/hunt/schema';
import type { Profile } from '../../engine/sim/profile';
import type { RunOutcome } from '../../engine/whatif/run-in-memory';

/** One simulated run, in memory: everything that determines its outcome. */
export type RunTask = { hunt: Hunt; profiles: Profile[]; participants: number; seed: number };

export type PoolRequest = { id: number; task: RunTask };

export type PoolReply =
  | { id: number; kind: 'progress'; fraction: number }
  | { id: number; kind: 'done'; outcome: RunOutcome }
  | { id: number; kind: 'failed'; message: string };
