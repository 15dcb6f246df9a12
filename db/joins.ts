// When participants joined a run: the event number of each one's applied join.
import { cached } from './statements';
import type { Db } from './open';

/** The seq of participant p's applied join in a run, or null if p never joined it (uses the events_joins index). */
export function joinSeqOf(db: Db, runId: number, p: string): number | null {
  const seq = cached(db, `SELECT seq FROM events INDEXED BY events_joins WHERE run_id = ? AND p = ? AND type = 'join' AND rejection IS NULL ORDER BY seq LIMIT 1`)
    .pluck()
    .get(runId, p) as number | undefined;
  return seq ?? null;
}

/** How many joins were applied in a run before event `seq` (hunt/2's J, §3.6; uses the events_joins index). */
export function joinsAppliedBefore(db: Db, runId: number, seq: number): number {
  return cached(db, `SELECT count(*) FROM events INDEXED BY events_joins WHERE run_id = ? AND type = 'join' AND rejection IS NULL AND seq < ?`)
    .pluck()
    .get(runId, seq) as number;
}
