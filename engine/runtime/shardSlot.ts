// One shard of the runtime, seen from the main thread: the worker that currently holds
// the shard, plus what is needed to rebuild that worker if it dies:
//   - `base`: the latest checkpointed snapshot (JSON) of each participant of the shard;
//   - `tail`: every call sent since that checkpoint, in order (batches, finalize, and the
//     calls still waiting for an answer).
// Both live in the main thread on purpose: whatever the worker held dies with it.
// A new worker loads `base` and receives the tail again; calls that were answered before
// are only re-applied (their answers are checked against the first ones), calls still
// pending get their answers from the new worker. Workers apply calls strictly in order
// and the rules are deterministic, so the rebuilt shard is identical to the lost one.
import type { ShardWorkerApi, ShardWorkerData, InjectedFault, StoredSnapshot } from './types';
import type { LineBatch } from '../batch/lineBatch';
import { decodeDelta, encodeDelta, type CheckpointDelta } from './checkpointDelta';
import { WorkerHandle } from './workerHandle';
import { compareCodePoints } from '../replay/order';

/** Delta entries decoded into the base per turn of the event loop. */
const FOLD_SLICE = 2000;

type Method = keyof ShardWorkerApi;
type Result<K extends Method> = ReturnType<ShardWorkerApi[K]>;

type Op = {
  method: Method;
  args: unknown[];
  /** Changes the shard's state: kept in the tail until a checkpoint covers it. */
  mutates: boolean;
  /** Events carried (applyBatch), for the tail bound. */
  events: number;
  /** checkpoint ops only: true when the caller asked for it (it gets the whole delta since its previous one). */
  report: boolean;
  settled: boolean;
  /** First answer of a mutating op, to check a replay against. */
  answer: unknown;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
};

export type ShardSlotContext = {
  entry: URL | string;
  hunt: unknown;
  youngGenerationMb: number;
  /** Old generation cap of the first worker (MB; undefined: V8's own); doubled for a worker replacing one that reached it. */
  oldGenerationMb: number | undefined;
  callTimeoutMs: number;
  maxRestarts: number;
  maxTailEvents: number;
  fault: InjectedFault | null;
  batchDelayMs: number;
  onWorkerFailure: (shard: number, error: string) => void;
};

export class ShardSlot {
  private handle: WorkerHandle | null = null;
  private generation = 0;
  private live = false;
  private readonly base = new Map<string, string>();
  /**
   * Checkpoint deltas received but not yet folded into `base`: they are decoded a slice per
   * turn of the event loop (a whole delta at 100k participants is tens of thousands of new
   * strings, and decoding it at once made a garbage-collection pause every waiting event
   * paid for). Folded at once when the base is needed (a worker to rebuild).
   */
  private unfolded: { delta: CheckpointDelta; next: number }[] = [];
  private foldScheduled = false;
  private tail: Op[] = [];
  private tailEvents = 0;
  private internalCheckpointPending = false;
  /** Participants checkpointed internally (tail bound) and not yet reported to the caller. */
  private readonly unreported = new Set<string>();
  private failuresWithoutProgress = 0;
  private broken: Error | null = null;
  private closed = false;
  private readyWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  /** Worker replacements so far. */
  restarts = 0;
  /** Old generation cap of the current worker (MB; undefined: V8's own). */
  oldGenerationMb: number | undefined;

  constructor(
    readonly shard: number,
    private readonly ctx: ShardSlotContext,
  ) {
    this.oldGenerationMb = ctx.oldGenerationMb;
  }

  /** Decodes up to `budget` entries of the unfolded deltas into `base`, oldest first. */
  private fold(budget: number): void {
    while (this.unfolded.length > 0 && budget > 0) {
      const u = this.unfolded[0];
      const to = Math.min(u.delta.p.length, u.next + budget);
      for (const s of decodeDelta(u.delta, u.next, to)) this.base.set(s.p, s.json);
      budget -= to - u.next;
      u.next = to;
      if (u.next === u.delta.p.length) this.unfolded.shift();
    }
  }

  private foldSoon(): void {
    if (this.foldScheduled) return;
    this.foldScheduled = true;
    setImmediate(() => {
      this.foldScheduled = false;
      this.fold(FOLD_SLICE);
      if (this.unfolded.length > 0) this.foldSoon();
    });
  }

  /** Starts the first worker with `states` as the checkpointed base; resolves when it is ready. */
  start(states: StoredSnapshot[]): Promise<void> {
    for (const s of states) this.base.set(s.p, s.json);
    const ready = new Promise<void>((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
    void this.spawnAndLoad();
    return ready;
  }

  /** Sends a call to the shard's worker, in order with every other call; survives worker failures. */
  run<K extends Method>(method: K, ...args: Parameters<ShardWorkerApi[K]>): Promise<Result<K>> {
    return this.push(method, args, false) as Promise<Result<K>>;
  }

  /**
   * The participants changed since the previous call of this method, with their snapshots
   * now checkpointed in this slot's base. Covers every call sent before it.
   */
  checkpointDelta(): Promise<CheckpointDelta> {
    return this.push('checkpoint', [], true) as Promise<CheckpointDelta>;
  }

  /** Stops the worker; calls not yet answered are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.rejectAll(new Error(`the sharded runtime was closed (shard ${this.shard})`));
    await this.handle?.terminate();
  }

  /** Number of events held for recovery (since the last checkpoint). */
  get heldEvents(): number {
    return this.tailEvents;
  }

  private push(method: Method, args: unknown[], report: boolean): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error(`the sharded runtime is closed (shard ${this.shard})`));
    if (this.broken) return Promise.reject(this.broken);
    const mutates = method === 'applyBatch' || method === 'finalize';
    const events = method === 'applyBatch' ? (args[0] as LineBatch).length : 0;
    const promise = new Promise<unknown>((resolve, reject) => {
      const op: Op = { method, args, mutates, events, report, settled: false, answer: undefined, resolve, reject };
      this.tail.push(op);
      this.tailEvents += events;
      if (this.live) this.send(op);
    });
    if (method === 'applyBatch' && this.tailEvents >= this.ctx.maxTailEvents && !this.internalCheckpointPending) {
      // Bound the recovery tail even when the caller never checkpoints.
      this.internalCheckpointPending = true;
      this.push('checkpoint', [], false).catch(() => undefined);
    }
    return promise;
  }

  private send(op: Op): void {
    const handle = this.handle;
    if (!handle) return;
    const call = handle.call as (m: Method, ...a: unknown[]) => Promise<unknown>;
    call.call(handle, op.method, ...op.args).then(
      (value) => this.settle(op, value),
      // A failed call means the worker died: onDeath rebuilds it and re-sends the op.
      () => undefined,
    );
  }

  private settle(op: Op, value: unknown): void {
    if (op.settled) {
      if (op.mutates && !sameAnswer(op.answer, value)) {
        this.fail(new Error(`shard ${this.shard}: replaying ${op.method}() after a worker failure gave a different answer (non-deterministic rules?)`));
      }
      return;
    }
    op.settled = true;
    this.failuresWithoutProgress = 0;
    if (op.mutates) {
      op.answer = value;
      op.resolve(value);
      return;
    }
    if (op.method === 'checkpoint') {
      op.resolve(this.absorbCheckpoint(op, value as CheckpointDelta));
      return;
    }
    this.tail.splice(this.tail.indexOf(op), 1);
    op.resolve(value);
  }

  /** Moves a checkpoint's snapshots into the base (folded soon) and drops the tail it covers. */
  private absorbCheckpoint(op: Op, delta: CheckpointDelta): CheckpointDelta {
    const at = this.tail.indexOf(op);
    if (at < 0) {
      // An earlier checkpoint's answer came after a later one's: the base would take older
      // snapshots over newer ones. Workers answer checkpoints in order (ShardState); never
      // go on from a wrong base (after close() the tail is empty and nothing goes on anyway).
      if (!this.closed) this.fail(new Error(`shard ${this.shard}: a checkpoint was answered after a later one`));
      return delta;
    }
    if (delta.p.length > 0) {
      this.unfolded.push({ delta, next: 0 });
      this.foldSoon();
    }
    // The worker answers in order, so every op before this checkpoint has been answered.
    this.tail = this.tail.slice(at + 1);
    this.tailEvents = this.tail.reduce((n, o) => n + o.events, 0);
    if (!op.report) {
      this.internalCheckpointPending = false;
      for (const p of delta.p) this.unreported.add(p);
      return delta;
    }
    if (this.unreported.size === 0) return delta;
    // Rare (the tail bound checkpointed internally since the caller's last checkpoint): the
    // caller gets every participant changed since then, from the base.
    for (const p of delta.p) this.unreported.add(p);
    this.fold(Infinity);
    const all = [...this.unreported].sort(compareCodePoints).map((p) => ({ p, json: this.base.get(p) as string }));
    this.unreported.clear();
    return encodeDelta(all);
  }

  private async spawnAndLoad(): Promise<void> {
    const generation = this.generation++;
    const data: ShardWorkerData = {
      hunt: this.ctx.hunt,
      shard: this.shard,
      // Injected faults hit the first worker of a shard only, so the replacement can recover.
      fault: generation === 0 && this.ctx.fault?.shard === this.shard ? this.ctx.fault : null,
      batchDelayMs: this.ctx.batchDelayMs,
    };
    const handle = new WorkerHandle({
      entry: this.ctx.entry,
      data,
      heap: { youngGenerationMb: this.ctx.youngGenerationMb, oldGenerationMb: this.oldGenerationMb },
      callTimeoutMs: this.ctx.callTimeoutMs,
      onDeath: (reason, outOfMemory) => this.onDeath(handle, reason, outOfMemory),
    });
    this.handle = handle;
    this.live = false;
    try {
      this.fold(Infinity);
      await handle.call('load', [...this.base].map(([p, json]) => ({ p, json })));
    } catch {
      return; // this worker died while loading: onDeath has started another attempt
    }
    if (this.handle !== handle || this.closed || this.broken) return;
    this.live = true;
    // Synchronous loop: nothing can be pushed or settled in between, so order holds.
    for (const op of [...this.tail]) this.send(op);
    for (const w of this.readyWaiters) w.resolve();
    this.readyWaiters = [];
  }

  private onDeath(handle: WorkerHandle, reason: string, outOfMemory: boolean): void {
    if (handle !== this.handle || this.closed || this.broken) return;
    this.live = false;
    // The shard outgrew the cap: the replacement gets twice as much (the cap only keeps V8
    // from growing heaps far beyond what they hold; it must never stop a run).
    if (outOfMemory && this.oldGenerationMb !== undefined) this.oldGenerationMb *= 2;
    this.restarts++;
    this.failuresWithoutProgress++;
    this.ctx.onWorkerFailure(this.shard, reason);
    if (this.failuresWithoutProgress > this.ctx.maxRestarts) {
      this.fail(new Error(`shard ${this.shard}: the worker failed ${this.failuresWithoutProgress} times in a row without progress; last failure: ${reason}`));
      return;
    }
    void this.spawnAndLoad();
  }

  private fail(err: Error): void {
    if (this.broken) return;
    this.broken = err;
    this.live = false;
    this.rejectAll(err);
    void this.handle?.terminate();
  }

  private rejectAll(err: Error): void {
    for (const op of this.tail) if (!op.settled) op.reject(err);
    this.tail = [];
    this.tailEvents = 0;
    for (const w of this.readyWaiters) w.reject(err);
    this.readyWaiters = [];
  }
}

function sameAnswer(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return false;
}
