// Reading the event log of a run.
import { cached } from './statements';
import type { Db } from './open';

export type StoredEvent = {
  seq: number;
  line: number;
  t: number | null;
  p: string | null;
  type: string | null;
  raw: string;
  rejection: string | null;
};

/** Events with seq in [fromSeq, toSeq], in order, read in pages so memory stays flat. */
export function* iterateEvents(db: Db, runId: number, fromSeq = 1, toSeq = Number.MAX_SAFE_INTEGER, page = 5000): Generator<StoredEvent> {
  const stmt = cached(db, 'SELECT seq, line, t, p, type, raw, rejection FROM events WHERE run_id = ? AND seq >= ? AND seq <= ? ORDER BY seq LIMIT ?');
  let next = fromSeq;
  for (;;) {
    const rows = stmt.all(runId, next, toSeq, page) as StoredEvent[];
    for (const r of rows) yield r;
    if (rows.length < page) return;
    next = rows[rows.length - 1].seq + 1;
  }
}

/**
 * One participant's events with seq in (afterSeq, toSeq], in order. Scans that range of
 * the log (the primary key), so keep it short: callers start at a checkpoint.
 */
export function participantEvents(db: Db, runId: number, p: string, afterSeq: number, toSeq: number): StoredEvent[] {
  return cached(db, 'SELECT seq, line, t, p, type, raw, rejection FROM events WHERE run_id = ? AND seq > ? AND seq <= ? AND p = ? ORDER BY seq').all(
    runId,
    afterSeq,
    toSeq,
    p,
  ) as StoredEvent[];
}

/**
 * The events of some participants with seq in (afterSeq, toSeq], in order: one scan of that
 * range, filtered inside SQLite (the range is at most a checkpoint interval; materialising
 * every row of it in JavaScript to keep a few costs several times more).
 */
export function participantsEvents(db: Db, runId: number, ids: readonly string[], afterSeq: number, toSeq: number): StoredEvent[] {
  return cached(
    db,
    'SELECT seq, line, t, p, type, raw, rejection FROM events WHERE run_id = ? AND seq > ? AND seq <= ? AND p IN (SELECT value FROM json_each(?)) ORDER BY seq',
  ).all(runId, afterSeq, toSeq, JSON.stringify(ids)) as StoredEvent[];
}

export function getEvent(db: Db, runId: number, seq: number): StoredEvent | null {
  return (cached(db, 'SELECT seq, line, t, p, type, raw, rejection FROM events WHERE run_id = ? AND seq = ?').get(runId, seq) as StoredEvent | undefined) ?? null;
}

export function maxSeq(db: Db, runId: number): number {
  return (cached(db, 'SELECT coalesce(max(seq), 0) FROM events WHERE run_id = ?').pluck().get(runId) as number) ?? 0;
}
