// One live shard worker seen from the main thread: a comlink proxy plus the bookkeeping
// comlink lacks. A comlink call to a thread that died never settles, so every call is
// tracked here and rejected with WorkerDiedError when the thread throws, exits, answers
// a call with an error, or leaves a call unanswered past the timeout (a hung thread).
import type { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { ShardWorkerApi, ShardWorkerData } from './types';
import { launchWorker, type HeapLimits } from './workerLaunch';

export class WorkerDiedError extends Error {
  constructor(readonly shard: number, readonly reason: string) {
    super(`shard ${shard} worker failed: ${reason}`);
    this.name = 'WorkerDiedError';
  }
}

type Method = keyof ShardWorkerApi;
type Result<K extends Method> = ReturnType<ShardWorkerApi[K]>;
type Pending = { reject: (e: Error) => void; timer: NodeJS.Timeout | null };

export type WorkerHandleOptions = {
  entry: URL | string;
  data: ShardWorkerData;
  heap: HeapLimits;
  callTimeoutMs: number;
  /**
   * Called once, when the worker is found dead (never after terminate()); `outOfMemory`
   * when its heap reached the old generation cap.
   */
  onDeath: (reason: string, outOfMemory: boolean) => void;
};

export class WorkerHandle {
  readonly shard: number;
  private readonly worker: Worker;
  private readonly remote: Comlink.Remote<ShardWorkerApi>;
  private readonly pending = new Set<Pending>();
  private deathReason: string | null = null;
  private terminated = false;

  constructor(private readonly opts: WorkerHandleOptions) {
    this.shard = opts.data.shard;
    this.worker = launchWorker(opts.entry, opts.data, opts.heap);
    this.remote = Comlink.wrap<ShardWorkerApi>(nodeEndpoint(this.worker));
    // Without an 'error' listener a worker's uncaught exception would crash the main thread.
    this.worker.on('error', (err) =>
      this.die(`uncaught ${describeError(err)}`, (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'),
    );
    this.worker.on('exit', (code) => this.die(`the thread exited (code ${code})`));
  }

  get alive(): boolean {
    return this.deathReason === null && !this.terminated;
  }

  call<K extends Method>(method: K, ...args: Parameters<ShardWorkerApi[K]>): Promise<Result<K>> {
    if (!this.alive) return Promise.reject(new WorkerDiedError(this.shard, this.deathReason ?? 'the worker was terminated'));
    return new Promise<Result<K>>((resolve, reject) => {
      const entry: Pending = { reject, timer: null };
      if (this.opts.callTimeoutMs > 0 && Number.isFinite(this.opts.callTimeoutMs)) {
        entry.timer = setTimeout(() => this.die(`no answer to ${method}() within ${this.opts.callTimeoutMs} ms`), this.opts.callTimeoutMs);
        entry.timer.unref();
      }
      this.pending.add(entry);
      const fn = this.remote[method] as unknown as (...a: unknown[]) => Promise<Result<K>>;
      fn(...args).then(
        (value) => {
          if (!this.pending.delete(entry)) return; // already rejected by die()
          if (entry.timer) clearTimeout(entry.timer);
          resolve(value);
        },
        (err: unknown) => {
          // The worker's code threw inside the call: its state may be half-updated, so
          // the thread is not trusted any more; die() rejects this call with the others.
          this.die(`${method}() threw ${describeError(err)}`);
        },
      );
    });
  }

  /** Stops the thread for good (no onDeath); pending calls are rejected. */
  async terminate(): Promise<void> {
    if (this.terminated) return;
    this.terminated = true;
    this.rejectAll(this.deathReason ?? 'the runtime was closed');
    await this.worker.terminate();
  }

  private die(reason: string, outOfMemory = false): void {
    if (this.deathReason !== null || this.terminated) return;
    this.deathReason = reason;
    this.rejectAll(reason);
    void this.worker.terminate();
    this.opts.onDeath(reason, outOfMemory);
  }

  private rejectAll(reason: string): void {
    const err = new WorkerDiedError(this.shard, reason);
    for (const p of this.pending) {
      if (p.timer) clearTimeout(p.timer);
      p.reject(err);
    }
    this.pending.clear();
  }
}

function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}
