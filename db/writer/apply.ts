// What the writer thread does with each message, inside the transaction of a commit.
// Kept apart from the thread plumbing so it can be tested and reused synchronously.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../open';
import type { CheckpointMessage, CreateRunMessage, EventsMessage, FinishMessage } from './protocol';
import { saveHuntVersion } from '../hunts';
import { createRun } from '../runs';
import { saveResult } from '../results';
import { checkLineBatch, lineTexts, participantAt, typeAt, verdictAt } from '../../engine/batch/lineBatch';

export type Applier = {
  events(m: EventsMessage): number;
  /** A whole checkpoint: its snapshots, then its summary row. */
  checkpoint(m: CheckpointMessage): void;
  /** Snapshots from..to-1 of a checkpoint (a checkpoint may be written over several transactions)... */
  snapshots(m: CheckpointMessage, from: number, to: number): void;
  /** ...and its summary row, last: a checkpoint exists for readers once this row does. */
  checkpointRow(m: CheckpointMessage): void;
  finish(m: FinishMessage): void;
  create(m: CreateRunMessage): number;
};

/**
 * Rows per INSERT statement for events and snapshots: one call into SQLite for many rows
 * instead of one per row (the crossing from JavaScript, not SQLite's work, was the larger
 * part of the writer thread's time). The parameters go in as arguments (`run(...params)`),
 * not as one array, which better-sqlite3 reads element by element through V8's API.
 */
const ROWS_PER_INSERT = 32;

function multiRowInsert(db: Db, head: string, columns: number): Statement<unknown[]> {
  const tuple = `(${new Array(columns).fill('?').join(', ')})`;
  return db.prepare<unknown[]>(`${head} VALUES ${new Array(ROWS_PER_INSERT).fill(tuple).join(', ')}`);
}

export function createApplier(db: Db): Applier {
  const insertEvent = db.prepare('INSERT INTO events (run_id, seq, line, t, p, type, raw, rejection) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insertEvents = multiRowInsert(db, 'INSERT INTO events (run_id, seq, line, t, p, type, raw, rejection)', 8);
  const eventParams = new Array<unknown>(ROWS_PER_INSERT * 8);
  const updateRun = db.prepare(
    `UPDATE runs SET events = ?, applied = ?, rejected = ?, participants = ?, last_line = ?, clock = ? WHERE id = ?`,
  );
  const insertCheckpoint = db.prepare(
    `INSERT INTO checkpoints (run_id, seq, line, clock, applied, rejected, participants, counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSnapshot = db.prepare('INSERT OR REPLACE INTO snapshots (run_id, p, seq, snapshot) VALUES (?, ?, ?, ?)');
  const insertSnapshots = multiRowInsert(db, 'INSERT OR REPLACE INTO snapshots (run_id, p, seq, snapshot)', 4);
  const snapshotParams = new Array<unknown>(ROWS_PER_INSERT * 4);
  const maxSeq = db.prepare('SELECT events FROM runs WHERE id = ?').pluck();
  const finishRun = db.prepare(
    `UPDATE runs SET status = ?, error = ?, finished_ms = ?, active_ms = active_ms + ? WHERE id = ?`,
  );

  return {
    events(m) {
      const b = checkLineBatch(m.lines, `events message for run ${m.runId}`);
      const n = b.length;
      if (n === 0) return 0;
      // SQLite's text of each line from its bytes (decoded once for the whole batch when it is ASCII).
      const raw = lineTexts(b);
      // Columns in locals (a property load per row of a batch object would be megamorphic).
      const { seq, line, t: ts } = b;
      let i = 0;
      for (; i + ROWS_PER_INSERT <= n; i += ROWS_PER_INSERT) {
        for (let k = 0, at = 0; k < ROWS_PER_INSERT; k++) {
          const j = i + k;
          const t = ts[j];
          eventParams[at++] = m.runId;
          eventParams[at++] = seq[j];
          eventParams[at++] = line[j];
          eventParams[at++] = Number.isNaN(t) ? null : t;
          eventParams[at++] = participantAt(b, j);
          eventParams[at++] = typeAt(b, j);
          eventParams[at++] = raw[j];
          eventParams[at++] = verdictAt(b, j);
        }
        insertEvents.run(...eventParams);
      }
      for (; i < n; i++) {
        const t = ts[i];
        insertEvent.run(m.runId, seq[i], line[i], Number.isNaN(t) ? null : t, participantAt(b, i), typeAt(b, i), raw[i], verdictAt(b, i));
      }
      updateRun.run(seq[n - 1], m.applied, m.rejected, m.participants, m.lastLine, m.clock, m.runId);
      return n;
    },
    checkpoint(m) {
      this.snapshots(m, 0, m.p.length);
      this.checkpointRow(m);
    },
    snapshots(m, from, to) {
      let i = from;
      for (; i + ROWS_PER_INSERT <= to; i += ROWS_PER_INSERT) {
        for (let k = 0, at = 0; k < ROWS_PER_INSERT; k++) {
          snapshotParams[at++] = m.runId;
          snapshotParams[at++] = m.p[i + k];
          snapshotParams[at++] = m.seq;
          snapshotParams[at++] = m.snapshot[i + k];
        }
        insertSnapshots.run(...snapshotParams);
      }
      for (; i < to; i++) insertSnapshot.run(m.runId, m.p[i], m.seq, m.snapshot[i]);
    },
    checkpointRow(m) {
      // Never let a checkpoint run ahead of the log it summarises.
      const committed = maxSeq.get(m.runId) as number;
      if (m.seq > committed) throw new Error(`checkpoint at seq ${m.seq} is ahead of the log (${committed} events stored)`);
      insertCheckpoint.run(m.runId, m.seq, m.line, m.clock, m.applied, m.rejected, m.participants, JSON.stringify(m.counts));
    },
    create(m) {
      const huntVersion = saveHuntVersion(db, m.hunt);
      return createRun(db, { ...m.run, huntVersion });
    },
    finish(m) {
      finishRun.run(m.status, m.error, Date.now(), m.activeMs, m.runId);
      if (m.result !== null) saveResult(db, m.runId, m.result);
    },
  };
}
