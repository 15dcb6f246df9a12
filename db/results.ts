// The stored result of a completed run (spec §4 shape).
import type { Db } from './open';

/**
 * Stored in place of a result's `rejected` list: the list is exactly the run's rejected
 * rows of the log, so it is read back from there (index events_rejected) instead of being
 * kept twice. On a long run it has millions of entries; writing it out as one JSON value
 * made the end of a 10M-event run peak at 3.4 GB.
 */
export const REJECTED_IN_LOG = 'in-log';

/** A run's rejected lines in log order, as the result lists them. */
export function loadRejections(db: Db, runId: number): { line: number; reason: string }[] {
  return db.prepare('SELECT line, rejection AS reason FROM events WHERE run_id = ? AND rejection IS NOT NULL ORDER BY seq').all(runId) as {
    line: number;
    reason: string;
  }[];
}

export function getResult<T = unknown>(db: Db, runId: number): T | null {
  const r = db.prepare('SELECT result FROM results WHERE run_id = ?').pluck().get(runId) as string | undefined;
  if (r === undefined) return null;
  const value = JSON.parse(r) as T & { rejected?: unknown };
  if (value !== null && typeof value === 'object' && value.rejected === REJECTED_IN_LOG) value.rejected = loadRejections(db, runId);
  return value;
}
