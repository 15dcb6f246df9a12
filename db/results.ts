// The stored result of a completed run (spec §4 shape).
import type { Db } from './open';

export function getResult<T = unknown>(db: Db, runId: number): T | null {
  const r = db.prepare('SELECT result FROM results WHERE run_id = ?').pluck().get(runId) as string | undefined;
  return r === undefined ? null : (JSON.parse(r) as T);
}
