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
import { workerData } from 'node:worker_threads';
import { serveThread } from '../../engine/threads/server';
import { openDatabase } from '../open';
import { createApplier } from './apply';
import { claimRun, deleteRun } from '../runs';
import type { CheckpointMessage, CheckpointPartsMessage, WriterRequest, WriterWorkerApi, WriterWorkerEvents } from './protocol';
import { decodeMerged } from '../../engine/runtime/checkpointDelta';

/** Snapshot rows written per transaction while events keep coming. */
const SNAPSHOT_SLICE = 2000;

const db = openDatabase((workerData as { file: string }).file, { check: 'none' });
const applier = createApplier(db);

/** The answer to one write call: the new run's id for a create, null for the others. */
type Answer = { resolve: (created: number | null) => void; reject: (e: unknown) => void };
/** Requests as the transaction handles them (checkpoint parts already decoded), each with its answer. */
type QueuedRequest = Exclude<WriterRequest, CheckpointPartsMessage>;
type Queued = { m: QueuedRequest; answer: Answer };
let queue: Queued[] = [];
let scheduled = false;
/** Checkpoints whose snapshots are not all written yet, oldest first; `next` is the next row. */
const pendingCheckpoints: { m: CheckpointMessage; answer: Answer; next: number }[] = [];
/** Set once a commit failed: every write from then on is refused with it. */
let failure: unknown = null;

/** Checkpoints completed by the transaction in progress (answered with it). */
let completed: Answer[] = [];

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
      completed.push(c.answer);
      pendingCheckpoints.shift();
    }
  }
}

const commit = db.transaction((batch: Queued[]) => {
  let rows = 0;
  const created = new Map<Answer, number>();
  for (const { m, answer } of batch) {
    if (m.kind === 'events') rows += applier.events(m);
    else if (m.kind === 'checkpoint') pendingCheckpoints.push({ m, answer, next: 0 });
    else {
      // Anything that ends or changes a run comes after the checkpoints before it, whole.
      writePendingSnapshots(Infinity);
      if (m.kind === 'finish') applier.finish(m);
      else if (m.kind === 'create') created.set(answer, applier.create(m));
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

/** Lets the answers just settled be posted, then closes the channel (the thread then ends). */
function closeAfterAnswers(): void {
  db.close();
  setImmediate(() => server.close());
}

function flush(): void {
  scheduled = false;
  const batch = queue;
  queue = [];
  if (batch.length === 0 && pendingCheckpoints.length === 0) return;
  completed = [];
  try {
    const { rows, created } = commit(batch);
    server.notify('committed', { batches: batch.length, rows });
    // Checkpoints still being written (deferred) are answered by the commit that completes them.
    for (const { m, answer } of batch) if (m.kind !== 'checkpoint') answer.resolve(created.get(answer) ?? null);
    for (const answer of completed) answer.resolve(null);
    if (batch.at(-1)?.m.kind === 'close') {
      closeAfterAnswers();
      return;
    }
    // Snapshots left to write: go on in the next turn, after any message that came meanwhile.
    if (pendingCheckpoints.length > 0) schedule();
  } catch (err) {
    failure = err;
    for (const { answer } of batch) answer.reject(err);
    for (const { answer } of pendingCheckpoints.splice(0)) answer.reject(err);
    closeAfterAnswers();
  }
}

/** The shards' encoded parts as one checkpoint message, rows in id order (merged). */
function decodedCheckpoint(m: CheckpointPartsMessage): CheckpointMessage {
  const { parts, ...rest } = m;
  const entries = decodeMerged(parts);
  const p = entries.map((s) => s.p);
  const snapshot = entries.map((s) => s.json);
  return { ...rest, kind: 'checkpoint', p, snapshot };
}

const server = serveThread<WriterWorkerApi, WriterWorkerEvents>({
  ready: () => undefined,
  write: (m) =>
    new Promise<number | null>((resolve, reject) => {
      if (failure !== null) {
        reject(failure);
        return;
      }
      queue.push({ m: m.kind === 'checkpoint-parts' ? decodedCheckpoint(m) : m, answer: { resolve, reject } });
      schedule();
    }),
});
