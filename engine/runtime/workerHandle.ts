// One live shard worker seen from the main thread: its channel (engine/threads) plus the
// shard's own rule for failures. A thread that throws, exits, answers a call with an
// error, or leaves a call unanswered past the timeout (a hung thread) is not trusted any
// more: every waiting call is rejected with WorkerDiedError and the runtime is told once.
import type { ShardWorkerApi, ShardWorkerData } from './types';
import { launchWorker, type HeapLimits } from './workerLaunch';
import { CallTimeoutError, describeDeath, ThreadClient } from '../threads/client';
import type { Args, Result } from '../threads/protocol';

export class WorkerDiedError extends Error {
  constructor(readonly shard: number, readonly reason: string) {
    super(`shard ${shard} worker failed: ${reason}`);
    this.name = 'WorkerDiedError';
  }
}

type Method = keyof ShardWorkerApi & string;

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
  private readonly channel: ThreadClient<ShardWorkerApi>;
  private deathReason: string | null = null;
  private terminated = false;

  constructor(private readonly opts: WorkerHandleOptions) {
    this.shard = opts.data.shard;
    this.channel = new ThreadClient<ShardWorkerApi>(launchWorker(opts.entry, opts.data, opts.heap), {
      name: `shard ${this.shard}`,
      deathError: (d) => new WorkerDiedError(this.shard, describeDeath(d)),
    });
    this.channel.onDeath((d) => this.die(describeDeath(d), d.kind === 'error' && d.outOfMemory));
  }

  get alive(): boolean {
    return this.deathReason === null && !this.terminated;
  }

  call<K extends Method>(method: K, ...args: Args<ShardWorkerApi, K>): Promise<Result<ShardWorkerApi, K>> {
    if (!this.alive) return Promise.reject(new WorkerDiedError(this.shard, this.deathReason ?? 'the worker was terminated'));
    return this.channel.callWith({ timeoutMs: this.opts.callTimeoutMs }, method, ...args).catch((err: unknown) => {
      if (err instanceof CallTimeoutError) this.die(`no answer to ${method}() within ${err.timeoutMs} ms`);
      // The worker's code threw inside the call: its state may be half-updated, so the
      // thread is not trusted any more; die() rejects this call with the others.
      else if (!(err instanceof WorkerDiedError)) this.die(`${method}() threw ${describeError(err)}`);
      throw err instanceof WorkerDiedError ? err : new WorkerDiedError(this.shard, this.deathReason ?? describeError(err));
    });
  }

  /** Stops the thread for good (no onDeath); pending calls are rejected. */
  async terminate(): Promise<void> {
    if (this.terminated) return;
    this.terminated = true;
    await this.channel.fail(new WorkerDiedError(this.shard, this.deathReason ?? 'the runtime was closed'));
  }

  private die(reason: string, outOfMemory = false): void {
    if (this.deathReason !== null || this.terminated) return;
    this.deathReason = reason;
    // Rejects every waiting call and stops the thread.
    void this.channel.fail(new WorkerDiedError(this.shard, reason));
    this.opts.onDeath(reason, outOfMemory);
  }
}

function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}
