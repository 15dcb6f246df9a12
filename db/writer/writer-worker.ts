// The writer thread: owns the read-write connection of a run pipeline. Messages
// that arrive while a commit is in progress are coalesced into the next
// transaction, so a commit always holds whole batches and the thread keeps up by
// committing more per transaction when it falls behind.
//
// A checkpoint's snapshots (tens of thousands of rows at 100k participants) are written
// a slice per transaction, between event batches, and its summary row with the last
// slice: events never wait behind a whole checkpoint (its pause would be every
// waiting event's commit latency), and a checkpoint is never visible before all of
// its snapshots are. Snapshot rows of a checkpoint cut short by a crash are ignored
// (readers take snapshots at or before a checkpoint's summary row) and replaced when
// the resumed run writes that checkpoint again.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../open';
import { createApplier } from './apply';
import { claimRun, deleteRun } from '../runs';
import type { CheckpointMessage, CheckpointPartsMessage, WriterReply, WriterRequest } from './protocol';
import { decodeMerged } from '../../engine/runtime/checkpointDelta';

/** Snapshot rows written per transaction while events keep coming. */
const SNAPSHOT_SLICE = 2000;

if (!parentPort) throw new Error('writer-worker must run in a worker thread');
const port = parentPort;

const db = openDatabase((workerData as { file: string }).file, { check: 'none' });
const applier = createApplier(db);
/** Requests as the transaction handles them (checkpoint parts already decoded). */
type QueuedRequest = Exclude<WriterRequest, CheckpointPartsMessage>;
let queue: QueuedRequest[] = [];
let scheduled = false;
/** Checkpoints whose snapshots are not all written yet, oldest first; `next` is the next row. */
const pendingCheckpoints: { m: CheckpointMessage; next: number }[] = [];

/** Checkpoint messages completed by the transaction in progress (acknowledged with it). */
let completed: number[] = [];

/** Writes up to `budget` pending snapshot rows, and the summary row of each checkpoint completed. */
function writePendingSnapshots(budget: number): void {
  while (pendingCheckpoints.length > 0 && budget > 0) {
    const c = pendingCheckpoints[0];
    const to = Math.min(c.m.p.length, c.next + budget);
    applier.snapshots(c.m, c.next, to);
    budget -= to - c.next;
    c.next = to;
    if (c.next === c.m.p.length) {
      applier.checkpointRow(c.m);
      completed.push(c.m.id);
      pendingCheckpoints.shift();
    }
  }
}

const reply = (m: WriterReply) => port.postMessage(m);

const commit = db.transaction((batch: QueuedRequest[]) => {
  let rows = 0;
  const created: [number, number][] = [];
  for (const m of batch) {
    if (m.kind === 'events') rows += applier.events(m);
    else if (m.kind === 'checkpoint') pendingCheckpoints.push({ m, next: 0 });
    else {
      // Anything that ends or changes a run comes after the checkpoints before it, whole.
      writePendingSnapshots(Infinity);
      if (m.kind === 'finish') applier.finish(m);
      else if (m.kind === 'create') created.push([m.id, applier.create(m)]);
      else if (m.kind === 'claim') claimRun(db, m.runId);
      else if (m.kind === 'delete') deleteRun(db, m.runId);
    }
  }
  writePendingSnapshots(SNAPSHOT_SLICE);
  return { rows, created };
});

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(flush);
}

function flush(): void {
  scheduled = false;
  const batch = queue;
  queue = [];
  if (batch.length === 0 && pendingCheckpoints.length === 0) return;
  completed = [];
  try {
    const { rows, created } = commit(batch);
    const last = batch.at(-1);
    const deferred = pendingCheckpoints.map((c) => c.m.id);
    reply({ kind: 'committed', upTo: last?.id ?? 0, batches: batch.length, rows, created, deferred, completed });
    if (last?.kind === 'close') {
      db.close();
      port.close();
      return;
    }
    // Snapshots left to write: go on in the next turn, after any message that came meanwhile.
    if (pendingCheckpoints.length > 0) schedule();
  } catch (err) {
    reply({ kind: 'error', message: (err as Error).message, code: (err as { code?: string }).code ?? null });
    db.close();
    port.close();
  }
}

port.on('message', (m: WriterRequest) => {
  queue.push(m.kind === 'checkpoint-parts' ? decodedCheckpoint(m) : m);
  schedule();
});

/** The shards' encoded parts as one checkpoint message, rows in id order (merged). */
function decodedCheckpoint(m: CheckpointPartsMessage): CheckpointMessage {
  const { parts, ...rest } = m;
  const entries = decodeMerged(parts);
  const p = entries.map((s) => s.p);
  const snapshot = entries.map((s) => s.json);
  return { ...rest, kind: 'checkpoint', p, snapshot };
}

reply({ kind: 'ready' });
