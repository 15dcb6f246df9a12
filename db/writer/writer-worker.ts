// The writer thread: owns the read-write connection of a run pipeline. Messages
// that arrive while a commit is in progress are coalesced into the next
// transaction, so a commit always holds whole batches and the thread keeps up by
// committing more per transaction when it falls behind.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../open';
import { createApplier } from './apply';
import { claimRun, deleteRun } from '../runs';
import type { WriterReply, WriterRequest } from './protocol';

if (!parentPort) throw new Error('writer-worker must run in a worker thread');
const port = parentPort;

const db = openDatabase((workerData as { file: string }).file, { check: 'none' });
// The writer touches the index pages of a growing log: give it a larger cache than readers.
db.pragma('cache_size = -32768');
const applier = createApplier(db);
let queue: WriterRequest[] = [];
let scheduled = false;

const reply = (m: WriterReply) => port.postMessage(m);

const commit = db.transaction((batch: WriterRequest[]) => {
  let rows = 0;
  const created: [number, number][] = [];
  for (const m of batch) {
    if (m.kind === 'events') rows += applier.events(m);
    else if (m.kind === 'checkpoint') applier.checkpoint(m);
    else if (m.kind === 'finish') applier.finish(m);
    else if (m.kind === 'create') created.push([m.id, applier.create(m)]);
    else if (m.kind === 'claim') claimRun(db, m.runId);
    else if (m.kind === 'delete') deleteRun(db, m.runId);
  }
  return { rows, created };
});

function flush(): void {
  scheduled = false;
  const batch = queue;
  queue = [];
  if (batch.length === 0) return;
  try {
    const { rows, created } = commit(batch);
    const last = batch[batch.length - 1];
    reply({ kind: 'committed', upTo: last.id, batches: batch.length, rows, created });
    if (last.kind === 'close') {
      db.close();
      port.close();
    }
  } catch (err) {
    reply({ kind: 'error', message: (err as Error).message, code: (err as { code?: string }).code ?? null });
    db.close();
    port.close();
  }
}

port.on('message', (m: WriterRequest) => {
  queue.push(m);
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
});
reply({ kind: 'ready' });
