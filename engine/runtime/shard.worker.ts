// Entry module of a shard worker thread: one ShardState served on its channel (engine/threads). Kept a
// single static entry (no dynamic imports) so a bundler can build it on its own.
// The fault and delay hooks are driven by workerData and exist for the runtime's tests.
import { workerData } from 'node:worker_threads';
import { serveThread } from '../threads/server';
import { withTransfer, type Handlers } from '../threads/protocol';
import type { Hunt } from '../hunt/schema';
import { batchEvents, ShardState } from './shardState';
import { deltaTransferables, encodeDelta } from './checkpointDelta';
import type { InjectedFault, ShardWorkerApi, ShardWorkerData } from './types';
import type { LineBatch } from '../batch/lineBatch';

const data = workerData as ShardWorkerData;
const state = new ShardState(data.hunt as Hunt);
let batches = 0;

/** Participants serialised between two turns of the event loop while a checkpoint is written. */
const CHECKPOINT_SLICE = 2000;
/** Lets the messages that arrived meanwhile (later batches) be handled first. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Fails part-way through a batch (half its events applied), the way a real crash would:
 * the thread never answers this call nor processes another one.
 */
function injectFault(fault: InjectedFault, batch: LineBatch): Promise<never> {
  const events = batchEvents(batch);
  for (const e of events.slice(0, Math.floor(events.length / 2))) state.apply(e);
  const message = `injected fault (${fault.kind}) at batch ${batches} of shard ${data.shard}`;
  switch (fault.kind) {
    case 'throw':
      throw new Error(message);
    case 'uncaught':
      // Thrown outside the channel's handler, before the thread takes its next message.
      process.nextTick(() => {
        throw new Error(message);
      });
      return new Promise<never>(() => undefined);
    case 'exit':
      process.exit(70);
      break;
    case 'hang':
    case 'miscount':
      break;
  }
  // Busy until terminated: a hung thread answers nothing more.
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
}

// applyBatch may return a never-settling promise when a fault is injected (tests only).
const api: Handlers<ShardWorkerApi> = {
  load: (states) => state.load(states),
  applyBatch(events, joins) {
    batches++;
    if (data.batchDelayMs > 0) sleepSync(data.batchDelayMs);
    if (data.fault && batches === data.fault.atBatch) {
      if (data.fault.kind === 'miscount') return state.applyBatch(events, joins).slice(1);
      return injectFault(data.fault, events);
    }
    return state.applyBatch(events, joins);
  },
  finalize: (endTime) => state.finalize(endTime),
  checkpoint: async () => {
    const delta = encodeDelta(await state.checkpointInSlices(CHECKPOINT_SLICE, nextTurn));
    return withTransfer(delta, deltaTransferables(delta));
  },
  results: () => state.results(),
  inspect: (p) => state.inspect(p),
  statusCounts: () => state.statusCounts(),
  pendingCounts: () => state.pendingCounts(),
};

serveThread<ShardWorkerApi>(api);
