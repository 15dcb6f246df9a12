// The starting thread's end of a worker's channel (protocol.ts): typed calls whose
// replies are matched by sequence number, the worker's notifications, and the worker's
// death, which rejects every call still waiting with an error that names the worker.
// A channel owns its worker's 'message', 'error' and 'exit' events: nothing else
// listens to them (an 'error' listener is what keeps a worker's uncaught exception from
// crashing this thread).
import type { Worker } from 'node:worker_threads';
import {
  isFromWorker,
  RemoteError,
  type Args,
  type FromWorker,
  type NoEvents,
  type Result,
  type ThreadApi,
  type ThreadEvents,
  type Transferable,
} from './protocol';

/** How a worker ended when nobody asked it to (terminate() is not a death). */
export type ThreadDeath =
  | { kind: 'error'; error: Error; outOfMemory: boolean }
  | { kind: 'exit'; code: number };

export function describeDeath(d: ThreadDeath): string {
  return d.kind === 'error' ? `uncaught ${d.error.name}: ${d.error.message}` : `the thread exited (code ${d.code})`;
}

/** A call that reached a dead or stopped worker, or that was waiting when it died. */
export class ThreadDiedError extends Error {
  constructor(
    readonly thread: string,
    readonly reason: string,
  ) {
    super(`the ${thread} worker thread stopped: ${reason}`);
    this.name = 'ThreadDiedError';
  }
}

/** A call with a timeout that the worker did not answer in time (the worker itself goes on). */
export class CallTimeoutError extends Error {
  constructor(
    readonly thread: string,
    readonly method: string,
    readonly timeoutMs: number,
  ) {
    super(`no answer to ${method}() within ${timeoutMs} ms (${thread} worker)`);
    this.name = 'CallTimeoutError';
  }
}

export type CallOptions = {
  /** Reject with CallTimeoutError when the reply takes longer (ms); none when absent or not finite. */
  timeoutMs?: number;
  /** Buffers among the arguments to move to the worker instead of copying them. */
  transfer?: readonly Transferable[];
};

export type ClientOptions = {
  /** Names the worker in every error ("the writer worker thread stopped: ..."). */
  name: string;
  /** The error for calls waiting when the worker dies, and for calls made after; default ThreadDiedError. */
  deathError?: (death: ThreadDeath) => Error;
  /**
   * Keep the process alive only while a call is waiting (worker.ref() while busy,
   * unref() when idle): for long-lived helpers that must never hold the process open.
   */
  refWhileBusy?: boolean;
};

type Pending = { method: string; resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout | null };
type Listener = (payload: never) => void;

export class ThreadClient<A extends ThreadApi<A>, E extends ThreadEvents<E> = NoEvents> {
  readonly name: string;
  private nextSeq = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<keyof E, Listener[]>();
  private readonly deathListeners: ((death: ThreadDeath) => void)[] = [];
  /** Set once: calls from then on reject with it. */
  private stopped: Error | null = null;
  /** Resolves once the thread has ended, however it ended. */
  readonly exited: Promise<void>;

  constructor(
    readonly worker: Worker,
    private readonly opts: ClientOptions,
  ) {
    this.name = opts.name;
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    if (opts.refWhileBusy) worker.unref();
    worker.on('message', (m: unknown) => this.onMessage(m));
    worker.on('error', (error: Error) => this.die({ kind: 'error', error, outOfMemory: (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' }));
    worker.on('exit', (code: number) => this.die({ kind: 'exit', code }));
  }

  /** Calls waiting for a reply. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** False once the worker died or was stopped. */
  get alive(): boolean {
    return this.stopped === null;
  }

  call<K extends keyof A & string>(method: K, ...args: Args<A, K>): Promise<Result<A, K>> {
    return this.callWith({}, method, ...args);
  }

  callWith<K extends keyof A & string>(options: CallOptions, method: K, ...args: Args<A, K>): Promise<Result<A, K>> {
    if (this.stopped) return Promise.reject(this.stopped);
    const seq = this.nextSeq++;
    return new Promise<Result<A, K>>((resolve, reject) => {
      const entry: Pending = { method, resolve: resolve as (v: unknown) => void, reject, timer: null };
      const ms = options.timeoutMs;
      if (ms !== undefined && ms > 0 && Number.isFinite(ms)) {
        entry.timer = setTimeout(() => {
          if (this.pending.delete(seq)) this.settled(entry, () => reject(new CallTimeoutError(this.name, method, ms)));
        }, ms);
        entry.timer.unref();
      }
      this.pending.set(seq, entry);
      if (this.opts.refWhileBusy && this.pending.size === 1) this.worker.ref();
      try {
        this.worker.postMessage({ rpc: 'call', seq, method, args }, options.transfer);
      } catch (err) {
        // Arguments that cannot be cloned: nothing was sent.
        this.pending.delete(seq);
        this.settled(entry, () => reject(err as Error));
      }
    });
  }

  /** A one-way request: the worker runs `method` and sends no reply (an error there is the worker's uncaught error). */
  tell<K extends keyof A & string>(method: K, ...args: Args<A, K>): void {
    if (this.stopped) return;
    this.worker.postMessage({ rpc: 'call', seq: 0, method, args });
  }

  /** Listens to one of the worker's notifications. */
  on<K extends keyof E & string>(event: K, listener: (payload: E[K]) => void): this {
    const list = this.listeners.get(event) ?? [];
    list.push(listener as Listener);
    this.listeners.set(event, list);
    return this;
  }

  /** Called once if the worker dies (uncaught error or exit) before terminate() or fail(). */
  onDeath(listener: (death: ThreadDeath) => void): this {
    this.deathListeners.push(listener);
    return this;
  }

  /**
   * Gives up on the worker: every waiting call, and every later one, rejects with `error`;
   * the thread is stopped. Death listeners are not called (the caller knows why).
   */
  fail(error: Error): Promise<void> {
    this.stop(error);
    return this.worker.terminate().then(() => undefined);
  }

  /** Stops the worker; waiting calls reject with ThreadDiedError ("terminated"). */
  terminate(): Promise<void> {
    return this.fail(this.stopped ?? new ThreadDiedError(this.name, 'the worker was terminated'));
  }

  private onMessage(m: unknown): void {
    if (!isFromWorker(m)) {
      this.stop(new ThreadDiedError(this.name, `it sent a message outside its channel (${describeMessage(m)})`));
      void this.worker.terminate();
      return;
    }
    this.deliver(m);
  }

  private deliver(m: FromWorker): void {
    if (m.rpc === 'event') {
      for (const l of this.listeners.get(m.event as keyof E) ?? []) (l as (p: unknown) => void)(m.payload);
      return;
    }
    const entry = this.pending.get(m.seq);
    if (!entry) return; // timed out, or rejected by fail()
    this.pending.delete(m.seq);
    if (m.ok) this.settled(entry, () => entry.resolve(m.value));
    else this.settled(entry, () => entry.reject(new RemoteError(this.name, entry.method, m.error)));
  }

  private settled(entry: Pending, settle: () => void): void {
    if (entry.timer) clearTimeout(entry.timer);
    if (this.opts.refWhileBusy && this.pending.size === 0) this.worker.unref();
    settle();
  }

  private die(death: ThreadDeath): void {
    if (this.stopped) return;
    this.stop(this.opts.deathError?.(death) ?? new ThreadDiedError(this.name, describeDeath(death)));
    for (const l of this.deathListeners) l(death);
  }

  private stop(error: Error): void {
    if (this.stopped) return;
    this.stopped = error;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) this.settled(p, () => p.reject(error));
  }
}

function describeMessage(m: unknown): string {
  try {
    return JSON.stringify(m)?.slice(0, 80) ?? String(m);
  } catch {
    return String(m);
  }
}
