// A what-if run worker: simulates the runs it is handed, one at a time, in memory,
// and sends each outcome back (its arrays moved, not copied).
import { serveThread } from '../../engine/threads/server';
import { withTransfer } from '../../engine/threads/protocol';
import { runInMemory } from '../../engine/whatif/run-in-memory';
import { forkInMemory } from '../../engine/whatif/fork';
import type { WhatIfWorkerApi, WhatIfWorkerEvents } from './protocol';

const server = serveThread<WhatIfWorkerApi, WhatIfWorkerEvents>({
  run(id, task) {
    const settings = { participants: task.participants, seed: task.seed, profiles: task.profiles };
    const outcome = task.fork
      ? forkInMemory(task.hunt, settings, task.fork)
      : runInMemory(task.hunt, settings, { byProfile: task.byProfile, onProgress: (fraction) => server.notify('progress', { id, fraction }) });
    return withTransfer(outcome, [outcome.scores.buffer as ArrayBuffer, outcome.finishTimes.buffer as ArrayBuffer]);
  },
});
