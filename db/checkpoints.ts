// Reading checkpoints: the summary row at a seq and each participant's newest snapshot.
import { cached } from './statements';
import type { Db } from './open';
import type { StatusCounts } from '../engine/log/types';
import { compareCodePoints } from '../engine/replay/order';

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

// Finding a participant's newest snapshot. There is no index on (run, participant): one
// took a random page write per snapshot, and a checkpoint writes thousands of them spread
// over the whole index (the writer thread's largest cost: docs/performance.md). A
// checkpoint holds a snapshot of every participant changed since the one before, so the
// newest snapshot at or before a checkpoint is found by looking the participant up in
// each checkpoint from there back: one primary-key lookup per checkpoint, for all the
// participants sought at once.

/** Each given participant's newest snapshot (as stored JSON) at or before the checkpoint at atSeq. */
export function newestSnapshotsJson(db: Db, runId: number, ids: readonly string[], atSeq: number): Map<string, { seq: number; json: string }> {
  const found = new Map<string, { seq: number; json: string }>();
  let remaining = [...new Set(ids)];
  if (remaining.length === 0) return found;
  const seqs = cached(db, 'SELECT seq FROM checkpoints WHERE run_id = ? AND seq <= ? ORDER BY seq DESC').pluck().all(runId, atSeq) as number[];
  const one = cached(db, 'SELECT p, snapshot FROM snapshots WHERE run_id = ? AND seq = ? AND p = ?');
  const many = cached(db, 'SELECT p, snapshot FROM snapshots WHERE run_id = ? AND seq = ? AND p IN (SELECT value FROM json_each(?))');
  for (const seq of seqs) {
    const rows = (remaining.length === 1 ? one.all(runId, seq, remaining[0]) : many.all(runId, seq, JSON.stringify(remaining))) as { p: string; snapshot: string }[];
    if (rows.length === 0) continue;
    for (const r of rows) found.set(r.p, { seq, json: r.snapshot });
    remaining = remaining.filter((p) => !found.has(p));
    if (remaining.length === 0) break;
  }
  return found;
}

/**
 * Every participant's newest snapshot (as stored JSON) at or before the checkpoint at
 * atSeq, sorted by participant id (code-point order), for restoring a whole run: the
 * checkpoints' snapshots read from there back, newest first, until every participant that
 * had joined by then was seen.
 */
export function latestSnapshotsJson(db: Db, runId: number, atSeq: number): { p: string; seq: number; json: string }[] {
  const joined = (cached(db, 'SELECT participants FROM checkpoints WHERE run_id = ? AND seq <= ? ORDER BY seq DESC LIMIT 1').pluck().get(runId, atSeq) as number | undefined) ?? 0;
  const seen = new Map<string, { p: string; seq: number; json: string }>();
  // Not cached: an iterating statement is busy until the loop ends.
  const stmt = db.prepare('SELECT seq, p, snapshot FROM snapshots WHERE run_id = ? AND seq <= ? ORDER BY seq DESC');
  for (const r of stmt.iterate(runId, atSeq) as Iterable<{ seq: number; p: string; snapshot: string }>) {
    if (!seen.has(r.p)) seen.set(r.p, { p: r.p, seq: r.seq, json: r.snapshot });
    if (seen.size >= joined) break;
  }
  return [...seen.values()].sort((a, b) => compareCodePoints(a.p, b.p));
}

/** The seq of the newest checkpoint (0 when none). */
export function maxCheckpointSeq(db: Db, runId: number): number {
  return (cached(db, 'SELECT coalesce(max(seq), 0) FROM checkpoints WHERE run_id = ?').pluck().get(runId) as number) ?? 0;
}

export function maxSnapshotSeq(db: Db, runId: number): number {
  return (cached(db, 'SELECT coalesce(max(seq), 0) FROM snapshots WHERE run_id = ?').pluck().get(runId) as number) ?? 0;
}
