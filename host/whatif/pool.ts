// Runs many in-memory simulations on worker threads (one per core by default). Each
// result depends only on its task, and results are returned by task index, so the
// answer is the same for any number of workers; only the time changes. Cancelling
// (the signal) stops every worker at once.
import { availableParallelism } from 'node:os';
import { startWorker, workerEntry } from '../../engine/threads/worker';
import type { RunOutcome } from '../../engine/whatif/run-in-memory';
import { generatorHeapMb, SIMULATION_YOUNG_GENERATION_MB } from '../tuning';
import { ThreadClient, type ThreadDeath } from '../../engine/threads/client';
import { RemoteError } from '../../engine/threads/protocol';
import type { RunTask, WhatIfWorkerApi, WhatIfWorkerEvents } from './protocol';

export type PoolOptions = {
  /** Worker threads; default one per core (never more than there are tasks). */
  workers?: number;
  signal?: AbortSignal;
  /** Task `index` is done; tasks finish in any order. */
  onDone?: (index: number, outcome: RunOutcome) => void;
  /** Share of all the work done (0 to 1), counting runs in progress by their participants. */
  onProgress?: (fraction: number) => void;
};

const WORKER_ENTRY = workerEntry(import.meta.url, 'whatif.worker');

export async function runTasks(tasks: RunTask[], opts: PoolOptions = {}): Promise<RunOutcome[]> {
  opts.signal?.throwIfAborted();
  if (tasks.length === 0) return [];
  const count = Math.max(1, Math.min(opts.workers ?? availableParallelism(), tasks.length));
  const maxParticipants = Math.max(...tasks.map((t) => t.participants));
  const maxSteps = Math.max(...tasks.map((t) => t.hunt.steps.length));
  const results: (RunOutcome | undefined)[] = new Array(tasks.length);
  const partial = new Float64Array(tasks.length);
  let finished = 0;
  let next = 0;
  const workers: ThreadClient<WhatIfWorkerApi, WhatIfWorkerEvents>[] = [];
  const report = () => {
    if (!opts.onProgress) return;
    let sum = 0;
    for (const f of partial) sum += f;
    opts.onProgress(sum / tasks.length);
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (err: unknown) => reject(err);
      const onAbort = () => fail(opts.signal!.reason);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      const feed = (w: ThreadClient<WhatIfWorkerApi, WhatIfWorkerEvents>) => {
        if (next >= tasks.length) return;
        const id = next++;
        w.call('run', id, tasks[id]).then(
          (outcome) => {
            results[id] = outcome;
            partial[id] = 1;
            finished++;
            try {
              opts.onDone?.(id, outcome);
              report();
            } catch (err) {
              fail(err);
              return;
            }
            if (finished === tasks.length) {
              opts.signal?.removeEventListener('abort', onAbort);
              resolve();
            } else feed(w);
          },
          (err: unknown) => fail(err instanceof RemoteError ? new Error(`run with seed ${tasks[id].seed}: ${err.message}`) : err),
        );
      };
      const died = (d: ThreadDeath) => (d.kind === 'error' ? d.error : new Error(`a simulation worker stopped (exit code ${d.code})`));
      for (let i = 0; i < count; i++) {
        // Bundled from source: a pool of short-lived runs pays tsx's per-module costs in every worker.
        const worker = startWorker(WORKER_ENTRY, {
          bundle: true,
          resourceLimits: { maxOldGenerationSizeMb: generatorHeapMb(maxParticipants, maxSteps) + 32, maxYoungGenerationSizeMb: SIMULATION_YOUNG_GENERATION_MB },
        });
        const w = new ThreadClient<WhatIfWorkerApi, WhatIfWorkerEvents>(worker, { name: 'what-if run', deathError: died });
        workers.push(w);
        // A worker that dies while others still run fails the whole set, even between its tasks.
        w.onDeath((d) => {
          if (finished < tasks.length) fail(died(d));
        });
        w.on('progress', (p) => {
          partial[p.id] = p.fraction;
          try {
            report();
          } catch (err) {
            fail(err);
          }
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results as RunOutcome[];
}
