// The stored result of a completed run (spec §4 shape): an envelope in `results`, its
// participants in `result_participants`, its rejected lines in the log itself.
import type { Db } from './open';
import { cached } from './statements';
import { PARTICIPANTS_IN_TABLE, REJECTED_IN_LOG } from './result-format';
import type { StatusCounts } from '../engine/log/types';

export { REJECTED_IN_LOG, PARTICIPANTS_IN_TABLE };

/** A run's rejected lines in log order, as the result lists them. */
export function loadRejections(db: Db, runId: number): { line: number; reason: string }[] {
  return cached(db, 'SELECT line, rejection AS reason FROM events WHERE run_id = ? AND rejection IS NOT NULL ORDER BY seq').all(runId) as {
    line: number;
    reason: string;
  }[];
}

/** A completed run's participants' results, sorted by id (code-point order = SQLite's binary order of UTF-8). */
export function resultParticipants<T = unknown>(db: Db, runId: number, page: { offset?: number; limit?: number } = {}): T[] {
  const rows = cached(db, 'SELECT result FROM result_participants WHERE run_id = ? ORDER BY p LIMIT ? OFFSET ?')
    .pluck()
    .all(runId, page.limit ?? -1, page.offset ?? 0) as string[];
  return rows.map((r) => JSON.parse(r) as T);
}

/** A completed run's participants by status (counted over an index: no result is parsed), or null without a result. */
export function resultStatusCounts(db: Db, runId: number): StatusCounts | null {
  if (cached(db, 'SELECT 1 FROM results WHERE run_id = ?').pluck().get(runId) === undefined) return null;
  const counts: StatusCounts = { active: 0, finished: 0, timed_out: 0, quit: 0 };
  const rows = cached(db, 'SELECT status, count(*) AS n FROM result_participants WHERE run_id = ? GROUP BY status').all(runId) as { status: keyof StatusCounts; n: number }[];
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

export function getResult<T = unknown>(db: Db, runId: number): T | null {
  const r = cached(db, 'SELECT result FROM results WHERE run_id = ?').pluck().get(runId) as string | undefined;
  if (r === undefined) return null;
  const value = JSON.parse(r) as T & { rejected?: unknown; participants?: unknown };
  if (value !== null && typeof value === 'object') {
    if (value.participants === PARTICIPANTS_IN_TABLE) value.participants = resultParticipants(db, runId);
    if (value.rejected === REJECTED_IN_LOG) value.rejected = loadRejections(db, runId);
  }
  return value;
}

/**
 * Stores a run's result (JSON). Its participants, when it lists them, go to their own
 * table (the envelope keeps a marker in their place); any other value is stored as is.
 */
export function saveResult(db: Db, runId: number, json: string): void {
  const value = JSON.parse(json) as { participants?: unknown } | null;
  cached(db, 'DELETE FROM result_participants WHERE run_id = ?').run(runId);
  if (value !== null && typeof value === 'object' && Array.isArray(value.participants)) {
    const insert = cached(db, 'INSERT INTO result_participants (run_id, p, status, result) VALUES (?, ?, ?, ?)');
    for (const p of value.participants as { id: string; status: string }[]) insert.run(runId, p.id, p.status, JSON.stringify(p));
    value.participants = PARTICIPANTS_IN_TABLE;
    json = JSON.stringify(value);
  }
  cached(db, 'INSERT OR REPLACE INTO results (run_id, result) VALUES (?, ?)').run(runId, json);
}
