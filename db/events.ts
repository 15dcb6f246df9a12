// Reading the event log of a run.
import { cached } from './statements';
import type { Db } from './open';
import type { StoredEvent } from '../engine/log/runs';

const COLUMNS = 'seq, line, t, p, type, raw, rejection';

export type { StoredEvent };

/** Events with seq in [fromSeq, toSeq], in order, read in pages so memory stays flat. */
export function* iterateEvents(db: Db, runId: number, fromSeq = 1, toSeq = Number.MAX_SAFE_INTEGER, page = 5000): Generator<StoredEvent> {
  const stmt = cached(db, `SELECT ${COLUMNS} FROM events WHERE run_id = ? AND seq >= ? AND seq <= ? ORDER BY seq LIMIT ?`);
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
  return cached(db, `SELECT ${COLUMNS} FROM events WHERE run_id = ? AND seq > ? AND seq <= ? AND p = ? ORDER BY seq`).all(
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
    `SELECT ${COLUMNS} FROM events WHERE run_id = ? AND seq > ? AND seq <= ? AND p IN (SELECT value FROM json_each(?)) ORDER BY seq`,
  ).all(runId, afterSeq, toSeq, JSON.stringify(ids)) as StoredEvent[];
}

export function getEvent(db: Db, runId: number, seq: number): StoredEvent | null {
  return (cached(db, `SELECT ${COLUMNS} FROM events WHERE run_id = ? AND seq = ?`).get(runId, seq) as StoredEvent | undefined) ?? null;
}

export function maxSeq(db: Db, runId: number): number {
  return (cached(db, 'SELECT coalesce(max(seq), 0) FROM events WHERE run_id = ?').pluck().get(runId) as number) ?? 0;
}

/** Up to `limit` events from seq `fromSeq` on, optionally of one participant (scans forward). */
export function eventsFrom(db: Db, runId: number, fromSeq: number, limit: number, participant?: string): StoredEvent[] {
  if (participant === undefined) {
    return cached(db, `SELECT ${COLUMNS} FROM events WHERE run_id = ? AND seq >= ? ORDER BY seq LIMIT ?`).all(runId, fromSeq, limit) as StoredEvent[];
  }
  return cached(db, `SELECT ${COLUMNS} FROM events WHERE run_id = ? AND seq >= ? AND p = ? ORDER BY seq LIMIT ?`).all(runId, fromSeq, participant, limit) as StoredEvent[];
}

/**
 * The nearest event from fromSeq (inclusive) in a direction that is rejected, or that is
 * the given participant's.
 */
export function findEvent(db: Db, runId: number, fromSeq: number, direction: 1 | -1, what: { rejection: true } | { p: string }): StoredEvent | null {
  const where = 'rejection' in what ? 'rejection IS NOT NULL' : 'p = @p';
  const order = direction === 1 ? 'seq >= @from ORDER BY seq ASC' : 'seq <= @from ORDER BY seq DESC';
  const found = cached(db, `SELECT ${COLUMNS} FROM events WHERE run_id = @run AND ${where} AND ${order} LIMIT 1`).get({
    run: runId,
    from: fromSeq,
    ...('p' in what ? { p: what.p } : {}),
  }) as StoredEvent | undefined;
  return found ?? null;
}

/** The next (direction 1) or previous (-1) rejected event from fromSeq (exclusive). */
export function nextRejection(db: Db, runId: number, fromSeq: number, direction: 1 | -1): StoredEvent | null {
  return findEvent(db, runId, fromSeq + direction, direction, { rejection: true });
}

/** What a line's time counts for: lines rejected as going back in time do not move the clock. */
const USABLE_T = `t IS NOT NULL AND (rejection IS NULL OR rejection <> 'time-backwards')`;

/** The log clock after event seq: the t of the last line that passed checks 1 and 2 (0 before any). */
export function clockAt(db: Db, runId: number, seq: number): number {
  const t = cached(db, `SELECT t FROM events WHERE run_id = ? AND seq <= ? AND ${USABLE_T} ORDER BY seq DESC LIMIT 1`)
    .pluck()
    .get(runId, seq) as number | undefined;
  return t ?? 0;
}

/** The first event whose time moves the log clock, or undefined. */
export function firstTimedEvent(db: Db, runId: number): { seq: number; t: number } | undefined {
  return cached(db, `SELECT seq, t FROM events WHERE run_id = ? AND ${USABLE_T} ORDER BY seq LIMIT 1`).get(runId) as { seq: number; t: number } | undefined;
}

/** The smallest and largest time that moves the log clock (null without one). */
export function timeBounds(db: Db, runId: number): { lo: number | null; hi: number | null } {
  return cached(db, `SELECT min(t) AS lo, max(t) AS hi FROM events WHERE run_id = ? AND ${USABLE_T}`).get(runId) as { lo: number | null; hi: number | null };
}

/** Every event's [t, rejection], in seq order, streamed. */
export function iterateTimes(db: Db, runId: number): Iterable<[number | null, string | null]> {
  return db.prepare('SELECT t, rejection FROM events WHERE run_id = ? ORDER BY seq').raw(true).iterate(runId) as Iterable<[number | null, string | null]>;
}

/** Rejected events with seq in [from, to], counted over the partial index of rejections. */
export function rejectedBetween(db: Db, runId: number, from: number, to: number): number {
  return cached(db, 'SELECT count(*) FROM events INDEXED BY events_rejected WHERE run_id = ? AND rejection IS NOT NULL AND seq >= ? AND seq <= ?')
    .pluck()
    .get(runId, from, to) as number;
}

/** Events, applied events and applied joins with seq in (afterSeq, toSeq]. */
export function countsBetween(db: Db, runId: number, afterSeq: number, toSeq: number): { events: number; applied: number; joins: number } {
  const r = cached(
    db,
    `SELECT count(*) AS n, sum(rejection IS NULL) AS applied, sum(rejection IS NULL AND type = 'join') AS joins
     FROM events WHERE run_id = ? AND seq > ? AND seq <= ?`,
  ).get(runId, afterSeq, toSeq) as { n: number; applied: number | null; joins: number | null };
  return { events: r.n, applied: r.applied ?? 0, joins: r.joins ?? 0 };
}

/** Ids of the participants who had joined by seq, sorted (code-point order), a page of them. */
export function joinedParticipants(db: Db, runId: number, seq: number, limit: number, offset: number): string[] {
  return cached(
    db,
    `SELECT p FROM events INDEXED BY events_joins WHERE run_id = ? AND type = 'join' AND rejection IS NULL AND seq <= ?
     ORDER BY p LIMIT ? OFFSET ?`,
  )
    .pluck()
    .all(runId, seq, limit, offset) as string[];
}

/**
 * P's last applied `submit` on `step` at or before toSeq, or null. Scans back from toSeq
 * (the log has no index by participant): a submission awaiting judgement is usually recent.
 */
export function lastAppliedSubmit(db: Db, runId: number, p: string, step: string, toSeq: number): StoredEvent | null {
  const found = cached(
    db,
    `SELECT ${COLUMNS} FROM events WHERE run_id = ? AND seq <= ? AND p = ? AND type = 'submit' AND rejection IS NULL AND json_extract(raw, '$.step') = ? ORDER BY seq DESC LIMIT 1`,
  ).get(runId, toSeq, p, step) as StoredEvent | undefined;
  return found ?? null;
}
