import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/open';
import { latestSnapshotsJson, newestSnapshotsJson } from '../../db/checkpoints';
import { tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
let db: Db;
beforeEach(() => {
  tmp = tempDir();
  db = openDatabase(join(tmp.dir, 'cp.db'));
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

/** Checkpoint rows at the given seqs (participants: how many had joined), and snapshots as [seq, p]. */
function store(runId: number, checkpoints: [number, number][], snapshots: [number, string][]): void {
  const cp = db.prepare(`INSERT INTO checkpoints (run_id, seq, line, clock, applied, rejected, participants, counts) VALUES (?, ?, ?, 0, 0, 0, ?, '{}')`);
  for (const [seq, joined] of checkpoints) cp.run(runId, seq, seq, joined);
  const snap = db.prepare('INSERT INTO snapshots (run_id, seq, p, snapshot) VALUES (?, ?, ?, ?)');
  for (const [seq, p] of snapshots) snap.run(runId, seq, p, JSON.stringify({ p, seq }));
}

/** One participant's newest snapshot at or before the checkpoint at atSeq, as stored. */
const newestOf = (runId: number, p: string, atSeq: number) => newestSnapshotsJson(db, runId, [p], atSeq).get(p);
/** What store() wrote for p at seq. */
const stored = (p: string, seq: number) => ({ seq, json: JSON.stringify({ p, seq }) });

describe('finding snapshots without an index by participant', () => {
  beforeEach(() => {
    // a joins before 10, b before 20, c before 30; seq 40 has snapshots but no row yet (being written).
    store(1, [[10, 1], [20, 2], [30, 3]], [[10, 'a'], [20, 'a'], [20, 'b'], [30, 'c'], [40, 'a'], [40, 'b']]);
    store(2, [[10, 2]], [[10, 'a'], [10, 'b']]); // another run, never mixed in
  });

  it('gives each participant its newest snapshot at or before the checkpoint, searching back from it', () => {
    expect(newestOf(1, 'a', 30)).toEqual(stored('a', 20));
    expect(newestOf(1, 'a', 10)).toEqual(stored('a', 10));
    expect(newestOf(1, 'c', 20)).toBeUndefined();
    const page = newestSnapshotsJson(db, 1, ['c', 'a', 'b', 'zz', 'a'], 30);
    expect([...page].map(([p, s]) => [p, s.seq]).sort()).toEqual([['a', 20], ['b', 20], ['c', 30]]);
  });

  it('ignores the snapshots of a checkpoint whose row is not written yet', () => {
    expect(newestOf(1, 'a', 45)).toEqual(stored('a', 20));
    expect(newestSnapshotsJson(db, 1, ['a', 'b'], 45).get('b')?.seq).toBe(20);
  });

  it('restores a whole run at a checkpoint: every participant that had joined, newest first found, sorted by id', () => {
    expect(latestSnapshotsJson(db, 1, 30).map((s) => [s.p, s.seq])).toEqual([['a', 20], ['b', 20], ['c', 30]]);
    expect(latestSnapshotsJson(db, 1, 20).map((s) => [s.p, s.seq])).toEqual([['a', 20], ['b', 20]]);
    expect(latestSnapshotsJson(db, 1, 5)).toEqual([]);
    expect(latestSnapshotsJson(db, 2, 10).map((s) => s.p)).toEqual(['a', 'b']);
  });
});
