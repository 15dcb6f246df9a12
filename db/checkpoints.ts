// Reading checkpoints: the summary row at a seq and each participant's newest snapshot.
import { cached } from './statements';
import type { Db } from './open';
import type { StatusCounts } from './writer/protocol';

export type CheckpointRow = {
  seq: number;
  line: number;
  clock: number;
  applied: number;
  rejected: number;
  participants: number;
  counts: StatusCounts;
};

type RawCheckpoint = Omit<CheckpointRow, 'counts'> & { counts: string };

const toRow = (r: RawCheckpoint): CheckpointRow => ({ ...r, counts: JSON.parse(r.counts) as StatusCounts });

/** The newest checkpoint at or before seq (null when none). */
export function checkpointAtOrBefore(db: Db, runId: number, seq: number): CheckpointRow | null {
  const r = cached(db, 'SELECT seq, line, clock, applied, rejected, participants, counts FROM checkpoints WHERE run_id = ? AND seq <= ? ORDER BY seq DESC LIMIT 1')
    .get(runId, seq) as RawCheckpoint | undefined;
  return r ? toRow(r) : null;
}

export function listCheckpoints(db: Db, runId: number): CheckpointRow[] {
  return (cached(db, 'SELECT seq, line, clock, applied, rejected, participants, counts FROM checkpoints WHERE run_id = ? ORDER BY seq').all(runId) as RawCheckpoint[]).map(toRow);
}

/** One participant's newest snapshot with seq <= atSeq. */
export function snapshotAtOrBefore(db: Db, runId: number, p: string, atSeq: number): { seq: number; snapshot: unknown } | null {
  const r = cached(db, 'SELECT seq, snapshot FROM snapshots INDEXED BY snapshots_by_participant WHERE run_id = ? AND p = ? AND seq <= ? ORDER BY seq DESC LIMIT 1')
    .get(runId, p, atSeq) as { seq: number; snapshot: string } | undefined;
  return r ? { seq: r.seq, snapshot: JSON.parse(r.snapshot) } : null;
}

/** Every participant's newest snapshot with seq <= atSeq (for restoring a whole run), streamed. */
export function* latestSnapshots(db: Db, runId: number, atSeq: number): Generator<{ p: string; seq: number; snapshot: unknown }> {
  // Ordered by participant then seq (index snapshots_by_participant): keep the last of each run of p.
  // Not cached: an iterating statement is busy until the loop ends.
  const stmt = db.prepare('SELECT p, seq, snapshot FROM snapshots WHERE run_id = ? AND seq <= ? ORDER BY p, seq');
  let prev: { p: string; seq: number; snapshot: string } | null = null;
  for (const row of stmt.iterate(runId, atSeq) as Iterable<{ p: string; seq: number; snapshot: string }>) {
    if (prev && prev.p !== row.p) yield { p: prev.p, seq: prev.seq, snapshot: JSON.parse(prev.snapshot) };
    prev = row;
  }
  if (prev) yield { p: prev.p, seq: prev.seq, snapshot: JSON.parse(prev.snapshot) };
}

/** The seq of the newest checkpoint (0 when none). */
export function maxCheckpointSeq(db: Db, runId: number): number {
  return (cached(db, 'SELECT coalesce(max(seq), 0) FROM checkpoints WHERE run_id = ?').pluck().get(runId) as number) ?? 0;
}

export function maxSnapshotSeq(db: Db, runId: number): number {
  return (cached(db, 'SELECT coalesce(max(seq), 0) FROM snapshots WHERE run_id = ?').pluck().get(runId) as number) ?? 0;
}

/**
 * Every participant's newest snapshot (as stored JSON) with seq <= atSeq, for restoring a
 * run. One indexed lookup per participant that had joined by then: O(participants), not
 * O(all snapshots ever written).
 */
export function latestSnapshotsJson(db: Db, runId: number, atSeq: number): { p: string; json: string }[] {
  const joined = cached(db, `SELECT p FROM events INDEXED BY events_joins WHERE run_id = ? AND type = 'join' AND rejection IS NULL AND seq <= ?`)
    .pluck()
    .all(runId, atSeq) as string[];
  const newest = cached(db, 'SELECT snapshot FROM snapshots INDEXED BY snapshots_by_participant WHERE run_id = ? AND p = ? AND seq <= ? ORDER BY seq DESC LIMIT 1').pluck();
  const out: { p: string; json: string }[] = [];
  for (const p of joined) {
    const json = newest.get(runId, p, atSeq) as string | undefined;
    if (json !== undefined) out.push({ p, json });
  }
  return out;
}
