// A what-if run worker: simulates the runs it is handed, one at a time, in memory,
// and sends each outcome back (its arrays moved, not copied).
import { parentPort } from 'node:worker_threads';
import { runInMemory } from '../../engine/whatif/run-in-memory';
import { forkInMemory } from '../../engine/whatif/fork';
import type { PoolReply, PoolRequest } from './protocol';

const port = parentPort!;
port.on('message', ({ id, task }: PoolRequest) => {
  let reply: PoolReply;
  try {
    const settings = { participants: task.participants, seed: task.seed, profiles: task.profiles };
    const outcome = task.fork
      ? forkInMemory(task.hunt, settings, task.fork)
      : runInMemory(task.hunt, settings, { byProfile: task.byProfile, onProgress: (fraction) => port.postMessage({ id, kind: 'progress', fraction } satisfies PoolReply) });
    reply = { id, kind: 'done', outcome };
    port.postMessage(reply, [outcome.scores.buffer as ArrayBuffer, outcome.finishTimes.buffer as ArrayBuffer]);
  } catch (err) {
    reply = { id, kind: 'failed', message: err instanceof Error ? err.message : String(err) };
    port.postMessage(reply);
  }
});
