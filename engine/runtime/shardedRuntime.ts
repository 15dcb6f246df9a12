// The scaled-out participant level: participants sharded over W worker threads by a
// stable hash of their id, one ParticipantTable per worker, the thread channel (engine/threads) for the calls,
// events sent in batches with a bound on the batches in flight (backpressure), and
// worker failures repaired from the last checkpoint plus the calls sent since
// (see ShardSlot). Events must come in log order, after the log-level checks (LogFront).
import { availableParallelism } from 'node:os';
import type { Hunt } from '../hunt/schema';
import type { ParticipantResult, RejectionReason } from '../log/types';
import { compareCodePoints } from '../replay/order';
import { BoundedQueue } from '../flow/boundedQueue';
import { ShardSlot } from './shardSlot';
import { decodeMerged } from './checkpointDelta';
import { shardOf } from './shardHash';
import type {
  BatchVerdicts,
  ParticipantSnapshot,
  ParticipantSnapshotInput,
  ParticipantView,
  RestoreOptions,
  RuntimeCheckpoint,
  RuntimeOptions,
  ShardVerdict,
  StatusCounts,
} from './types';
import { defaultWorkerEntry } from './workerLaunch';
import { participantAt, selectRows, typeAt, VERDICT_PENDING, type LineBatch } from '../batch/lineBatch';

const DEFAULTS = {
  callTimeoutMs: 120_000,
  maxRestarts: 3,
  maxTailEvents: 50_000,
  youngGenerationMb: 32,
};

/**
 * The default old generation cap (MB) of a shard expected to hold `participants`
 * participants of a hunt with `steps` steps; undefined (V8's own limit) when that is
 * unknown. A participant (its actor snapshot, its state with three numbers a step, its
 * checkpoint bookkeeping) holds about 0.5 KB + 0.04 KB a step live. The cap is three times
 * that plus a fixed base: with much less, V8 collects so often that a durable ingest
 * slows down (docs/performance.md, "Sharded runtime"). A simulation, whose generator thread shares the memory
 * budget, passes a tighter cap of its own (host/sim/heap.ts). Too tight a cap only costs
 * time: a worker that reaches it is replaced with twice the cap.
 */
export function defaultOldGenerationMb(participants: number, steps = 20): number | undefined {
  if (!(participants > 0)) return undefined;
  return 64 + Math.ceil((3 * participants * (0.5 + 0.04 * steps)) / 1024);
}

/**
 * A batch sent to the workers: `answer` settles when every shard answered, `verdicts`
 * (what the caller gets) in submission order, after every earlier batch's.
 */
class Flight {
  readonly answer: Promise<BatchVerdicts>;
  readonly verdicts: Promise<BatchVerdicts>;
  private begin!: (sent: Promise<BatchVerdicts>) => void;
  resolve!: (v: BatchVerdicts) => void;
  reject!: (err: unknown) => void;

  constructor() {
    this.answer = new Promise<Promise<BatchVerdicts>>((r) => (this.begin = r)).then((sent) => sent);
    this.verdicts = new Promise<BatchVerdicts>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  start(sent: Promise<BatchVerdicts>): void {
    this.begin(sent);
  }
}

export class ShardedRuntime {
  /**
   * Batches in flight, in submission order (the bound is maxInFlightBatches): a batch
   * holds its place until its verdicts and every earlier batch's are handed out. A batch
   * that fails fails the queue: every later batch and call gets that first error.
   */
  private readonly flights: BoundedQueue<Flight>;
  /** Seq of the last event accepted by enqueue() (checked synchronously, so order errors surface at once). */
  private lastQueuedSeq: number;
  /** Seq of the last event sent to the workers. */
  private lastSentSeq: number;
  private closed = false;

  /**
   * For a hunt with rotation groups only (null otherwise, so other hunts pay nothing): the
   * participants whose join was sent, in order. A join's J (hunt-v2 §3.6: the joins applied
   * before it in the whole log) is the size of this set when it arrives, a count no shard can
   * make alone; it travels beside the batch to the participant's shard. A join is applied
   * exactly when its participant is new (check 5 is the only participant check of a join).
   */
  private readonly joined: Set<string> | null;

  private constructor(
    private readonly slots: ShardSlot[],
    maxInFlightBatches: number,
    throughSeq: number,
    joined: Set<string> | null,
  ) {
    this.joined = joined;
    this.flights = new BoundedQueue<Flight>(maxInFlightBatches);
    this.lastQueuedSeq = throughSeq;
    this.lastSentSeq = throughSeq;
    void this.handOutInOrder();
  }

  /** The consumer of `flights`: hands each batch's verdicts out once it and every earlier batch are answered. */
  private async handOutInOrder(): Promise<void> {
    for (;;) {
      let next;
      try {
        next = await this.flights.next();
      } catch {
        return; // the queue failed: failFlights settled every batch not handed out
      }
      if (next.kind === 'end') return;
      if (next.kind !== 'item') continue;
      const flight = next.item;
      try {
        flight.resolve(await flight.answer);
      } catch (err) {
        flight.reject(err);
        this.failFlights(err);
      }
    }
  }

  /** Fails the flights with `err` (unless an earlier error did): the batches not handed out get the first error. */
  private failFlights(err: unknown): void {
    for (const flight of this.flights.fail(err)) flight.reject(this.flights.error);
  }

  /** Starts W workers with no participants. `hunt` must be valid. */
  static start(hunt: Hunt, opts: RuntimeOptions): Promise<ShardedRuntime> {
    return ShardedRuntime.restore(hunt, [], opts);
  }

  /**
   * Starts W workers holding the given participant states (e.g. the newest snapshot of each
   * participant with seq ≤ S, loaded from a store). Works for any W: states are re-sharded by hash.
   */
  static async restore(hunt: Hunt, states: ParticipantSnapshotInput[], opts: RestoreOptions): Promise<ShardedRuntime> {
    const workers = opts.workers ?? availableParallelism();
    if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be a whole number ≥ 1 (got ${workers})`);
    const inFlight = opts.maxInFlightBatches;
    if (!Number.isInteger(inFlight) || inFlight < 1) throw new RangeError(`maxInFlightBatches must be a whole number ≥ 1 (got ${inFlight}); a run takes it from its tuning profile`);
    const throughSeq = opts.throughSeq ?? 0;
    const perShard: { p: string; json: string }[][] = Array.from({ length: workers }, () => []);
    const seen = new Map<string, number>();
    states.forEach((s, i) => {
      if (typeof s?.p !== 'string' || s.p === '') throw new TypeError(`restore: state ${i} has no participant id (p)`);
      if (seen.has(s.p)) throw new TypeError(`restore: participant "${s.p}" is given twice (states ${seen.get(s.p)} and ${i})`);
      seen.set(s.p, i);
      const json = typeof s.json === 'string' ? s.json : JSON.stringify(s.snapshot);
      if (json === undefined) throw new TypeError(`restore: state ${i} (participant "${s.p}") has neither json nor snapshot`);
      perShard[shardOf(s.p, workers)].push({ p: s.p, json });
    });
    const onFailure = opts.onWorkerFailure;
    const slots = perShard.map(
      (_, shard) =>
        new ShardSlot(shard, {
          entry: opts.workerEntry ?? defaultWorkerEntry(),
          // A plain copy: the hunt object may carry getters or prototypes a structured clone rejects.
          hunt: JSON.parse(JSON.stringify(hunt)) as unknown,
          youngGenerationMb: opts.youngGenerationMb ?? DEFAULTS.youngGenerationMb,
          oldGenerationMb:
            opts.oldGenerationMb ??
            defaultOldGenerationMb(Math.max(perShard[shard].length, Math.ceil((opts.expectedParticipants ?? 0) / workers)), hunt.steps.length),
          callTimeoutMs: opts.callTimeoutMs ?? DEFAULTS.callTimeoutMs,
          maxRestarts: opts.maxRestarts ?? DEFAULTS.maxRestarts,
          maxTailEvents: opts.maxTailEvents ?? DEFAULTS.maxTailEvents,
          fault: opts.testing?.fault ?? null,
          batchDelayMs:
            opts.testing?.delayShard === undefined || opts.testing.delayShard === shard ? (opts.testing?.batchDelayMs ?? 0) : 0,
          onWorkerFailure: (s, error) => onFailure?.({ shard: s, error }),
        }),
    );
    // Restored states are every participant joined so far (each join changes its participant, so every checkpoint has it).
    const joined = hasRotationGroups(hunt) ? new Set(seen.keys()) : null;
    const runtime = new ShardedRuntime(slots, opts.maxInFlightBatches, throughSeq, joined);
    try {
      await Promise.all(slots.map((slot, shard) => slot.start(perShard[shard])));
    } catch (err) {
      await runtime.close();
      throw err;
    }
    return runtime;
  }

  /** Number of worker threads (shards). */
  get workers(): number {
    return this.slots.length;
  }

  /** Batches sent and not yet answered. */
  get inFlight(): number {
    return this.flights.inFlight;
  }

  /** The most batches ever in flight at once (never above maxInFlightBatches). */
  get peakInFlight(): number {
    return this.flights.peakInFlight;
  }

  /** Worker threads replaced after a failure so far. */
  get restarts(): number {
    return this.slots.reduce((n, s) => n + s.restarts, 0);
  }

  /** Events kept in memory for rebuilding failed workers (since each shard's last checkpoint). */
  get heldEvents(): number {
    return this.slots.reduce((n, s) => n + s.heldEvents, 0);
  }

  /** Seq of the last event sent to the workers. */
  get throughSeq(): number {
    return this.lastSentSeq;
  }

  /**
   * Sends a batch once fewer than maxInFlightBatches are outstanding, and resolves as soon
   * as it is sent: a producer that awaits this is held back when the workers fall behind,
   * while keeping up to maxInFlightBatches batches in flight. `verdicts` resolves with the
   * verdicts of the batch's pending rows in row order; successive batches' verdicts resolve
   * in submission order.
   * The rows of `batch` whose verdict is VERDICT_PENDING are the events for the participants
   * (they passed the log checks); each shard receives a compact copy of its own rows.
   */
  async enqueue(batch: LineBatch): Promise<{ verdicts: Promise<BatchVerdicts> }> {
    this.assertOpen();
    this.checkOrder(batch);
    const flight = new Flight();
    // Handled at once, in whatever order the batches are answered: a failed batch fails
    // the flights (the first error), and handOutInOrder() settles every batch with it.
    flight.answer.then(undefined, (err: unknown) => this.failFlights(err));
    // False once close() closed the queue while this batch waited for room.
    if (!(await this.flights.push(flight)) || this.closed) {
      flight.start(Promise.reject(new Error('ShardedRuntime is closed')));
      throw new Error('ShardedRuntime is closed');
    }
    flight.start(this.sendOrReject(batch));
    return { verdicts: flight.verdicts };
  }

  /** Sends a batch (waiting while maxInFlightBatches are outstanding) and resolves with its verdicts in seq order, each with its seq. */
  async submit(batch: LineBatch): Promise<ShardVerdict[]> {
    const seqs: number[] = [];
    for (let i = 0; i < batch.length; i++) if (batch.verdict[i] === VERDICT_PENDING) seqs.push(batch.seq[i]);
    const rejections = await (await this.enqueue(batch)).verdicts;
    return rejections.map((rejection, k) => ({ seq: seqs[k], rejection }));
  }

  /** Applies every deadline ≤ endTime to every participant (after all batches sent before). */
  async finalize(endTime: number): Promise<void> {
    this.assertOpen();
    await Promise.all(this.slots.map((s) => s.run('finalize', endTime)));
  }

  /** Every participant's result, sorted by id in code-point order. */
  async results(): Promise<ParticipantResult[]> {
    this.assertOpen();
    const parts = await Promise.all(this.slots.map((s) => s.run('results')));
    if (parts.length === 1) return parts[0];
    return parts.flat().sort((a, b) => compareCodePoints(a.id, b.id));
  }

  async inspect(participant: string): Promise<ParticipantView | null> {
    this.assertOpen();
    return this.slots[shardOf(participant, this.slots.length)].run('inspect', participant);
  }

  async statusCounts(): Promise<StatusCounts> {
    this.assertOpen();
    const parts = await Promise.all(this.slots.map((s) => s.run('statusCounts')));
    const total: StatusCounts = { active: 0, finished: 0, timed_out: 0, quit: 0 };
    for (const part of parts) for (const k of Object.keys(total) as (keyof StatusCounts)[]) total[k] += part[k];
    return total;
  }

  /** hunt/2: pending judged steps per participant, only those with any, sorted by id. */
  async pendingCounts(): Promise<Map<string, number>> {
    this.assertOpen();
    const parts = await Promise.all(this.slots.map((s) => s.run('pendingCounts')));
    const all = parts.flatMap((m) => [...m]).sort((a, b) => compareCodePoints(a[0], b[0]));
    return new Map(all);
  }

  /**
   * The persisted snapshot of every participant changed since the previous checkpoint
   * (sorted by id), covering every batch sent so far. Also lets the runtime drop the events
   * it kept for rebuilding a failed worker. `throughSeq` defaults to the seq of the last
   * event sent; a caller whose later lines were all rejected before reaching the runtime
   * (by LogFront) may pass the seq of its last line instead, so a resume starts after them.
   * Call it when no enqueue() is waiting for a slot.
   */
  async checkpoint(throughSeq?: number): Promise<RuntimeCheckpoint> {
    this.assertOpen();
    if (throughSeq !== undefined) {
      const last = Math.max(this.lastSentSeq, this.lastQueuedSeq);
      if (!Number.isInteger(throughSeq) || throughSeq < last) {
        throw new RangeError(`ShardedRuntime.checkpoint: throughSeq ${throughSeq} is before seq ${last}, already submitted`);
      }
      this.lastQueuedSeq = this.lastSentSeq = throughSeq;
    }
    const covered = this.lastSentSeq;
    const parts = await Promise.all(this.slots.map((s) => s.checkpointDelta()));
    let changed: ParticipantSnapshot[] | null = null;
    return {
      throughSeq: covered,
      parts,
      // Decoded only for a caller that reads it (the durable pipeline hands the parts to its
      // writer as they are). Each shard's list comes sorted from its worker, so this merges.
      get changed() {
        return (changed ??= decodeMerged(parts).map((s) => snapshotEntry(s.p, s.json)));
      },
    };
  }

  /** Terminates every worker thread. Calls still pending are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.flights.close();
    await Promise.all(this.slots.map((s) => s.close()));
  }

  /** send(), with an error thrown while splitting the batch (a malformed batch) as its rejection. */
  private sendOrReject(batch: LineBatch): Promise<BatchVerdicts> {
    try {
      return this.send(batch);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private send(batch: LineBatch): Promise<BatchVerdicts> {
    const w = this.slots.length;
    // Each shard's rows, in order (made at the batch's size: lists grown by push were reallocated several times a batch).
    const rows = Array.from({ length: w }, () => new Int32Array(batch.length));
    const rowCount = new Int32Array(w);
    const joins: number[][] | null = this.joined && Array.from({ length: w }, () => []);
    // The shard of each participant in the batch's string table, hashed once per batch.
    const shardOfName = new Int32Array(batch.stringEnds.length).fill(-1);
    // The shard of each pending row, in row order.
    const shardOfEvent = new Int32Array(batch.length);
    let events = 0;
    let lastSeq = 0;
    // Columns in locals (a property load per row of a batch object would be megamorphic).
    const { verdict, participant, seq } = batch;
    for (let i = 0; i < batch.length; i++) {
      if (verdict[i] !== VERDICT_PENDING) continue;
      const name = participant[i];
      if (name < 0) throw new Error(`ShardedRuntime: the event at seq ${seq[i]} has no participant`);
      let shard = shardOfName[name];
      if (shard < 0) shard = shardOfName[name] = w === 1 ? 0 : shardOf(participantAt(batch, i)!, w);
      rows[shard][rowCount[shard]++] = i;
      shardOfEvent[events++] = shard;
      lastSeq = seq[i];
      if (joins && typeAt(batch, i) === 'join') {
        const p = participantAt(batch, i)!;
        // A repeated join is rejected by its shard (duplicate-join); its index is never read.
        joins[shard].push(this.joined!.has(p) ? -1 : this.joined!.size);
        this.joined!.add(p);
      }
    }
    if (events === 0) return Promise.resolve([]);
    this.lastSentSeq = lastSeq;
    const answers = rows.map((all, shard) => {
      const part = all.subarray(0, rowCount[shard]);
      if (part.length === 0) return Promise.resolve([] as (RejectionReason | null)[]);
      // Copied once per shard (also when it has every row: the caller moves the batch on to
      // the writer). The slot keeps its copy until a checkpoint covers it, to rebuild a failed
      // worker, so the copy is cloned to the worker (its typed arrays copied), not moved.
      const slice = selectRows(batch, part);
      return joins ? this.slots[shard].run('applyBatch', slice, joins[shard]) : this.slots[shard].run('applyBatch', slice);
    });
    return Promise.all(answers).then((parts) => {
      parts.forEach((part, shard) => {
        // A wrong count would shift every later verdict of the batch onto another event.
        if (part.length !== rowCount[shard]) throw new Error(`ShardedRuntime: shard ${shard} answered ${part.length} verdicts for the ${rowCount[shard]} events it was sent (seq ${seq[0]}–${lastSeq})`);
      });
      // One shard had every row: its answer is the batch's, in order.
      const whole = parts.find((part) => part.length === events);
      if (whole) return whole;
      const next = new Uint32Array(w);
      const out: BatchVerdicts = new Array(events);
      for (let k = 0; k < events; k++) {
        const shard = shardOfEvent[k];
        out[k] = parts[shard][next[shard]++];
      }
      return out;
    });
  }

  private checkOrder(batch: LineBatch): void {
    let last = this.lastQueuedSeq;
    const { verdict, seq: seqs } = batch;
    for (let i = 0; i < batch.length; i++) {
      if (verdict[i] !== VERDICT_PENDING) continue;
      const seq = seqs[i];
      if (!(seq > last)) {
        throw new RangeError(`ShardedRuntime: events must be submitted in log order, but seq ${seq} comes after seq ${last}`);
      }
      last = seq;
    }
    this.lastQueuedSeq = last;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('ShardedRuntime is closed');
  }
}

/** Whether the hunt has rotation groups, whose rules need each join's global index. */
function hasRotationGroups(hunt: Hunt): boolean {
  return hunt.format === 'hunt/2' && (hunt.groups?.length ?? 0) > 0;
}

/** A checkpoint entry whose parsed `snapshot` is computed only if someone reads it. */
function snapshotEntry(p: string, json: string): ParticipantSnapshot {
  let parsed: unknown;
  let done = false;
  return {
    p,
    json,
    get snapshot(): unknown {
      if (!done) {
        parsed = JSON.parse(json);
        done = true;
      }
      return parsed;
    },
  };
}
