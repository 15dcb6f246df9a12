// The durable run pipeline shared by ingest and resume:
//   lines (main thread, file order) -> LogFront -> ShardedRuntime (W workers, bounded
//   in flight) -> verdicts -> writer thread (one transaction per group of whole batches).
// The main thread only parses, checks and hands over: it never waits on SQLite.
// Every `checkpointEvery` events the runtime's delta of changed participants is
// written after the events it covers, so a checkpoint never runs ahead of the log.
import { performance } from 'node:perf_hooks';
import { hasValidEnvelope, isBlankLine, LogFront } from '../../engine/log/front';
import type { HuntEvent, ParticipantResult, RejectionReason, ReplayResult } from '../../engine/log/types';
import type { ShardedRuntime } from '../../engine/runtime/shardedRuntime';
import type { StatusCounts } from '../../engine/runtime/types';
import type { Db } from '../../db/open';
import type { DbWriter } from '../../db/writer/client';
import { BatchColumns } from './columns';
import { packStrings } from '../../engine/runtime/packedStrings';
import { loadRejections, REJECTED_IN_LOG } from '../../db/results';
import { openDatabase } from '../../db/open';
import type { BuiltLines, LineStream } from './source';

export type PipelineProgress = {
  runId: number;
  processed: number;
  line: number;
  virtualTime: number;
  eventsPerSec: number;
  applied: number;
  rejected: number;
  participants: number;
  /** Status counts at the last checkpoint (null before the first). */
  counts: StatusCounts | null;
};

export type PipelineOptions = {
  batchSize: number;
  checkpointEvery: number;
  signal?: AbortSignal;
  onProgress?: (p: PipelineProgress) => void;
  progressEveryMs?: number;
  /** For benchmarks: called after each commit with the read times of its events. */
  onCommitted?: (readAt: Float64Array, length: number, committedAt: number) => void;
  /** Writer messages not yet committed before the pipeline waits (the tuning profile's, host/tuning.ts). */
  maxWriterInFlight: number;
  /** Batches with verdicts pending or not yet handed to the writer before reading pauses (the tuning profile's). */
  maxOutputBacklog: number;
  /** Send a partial batch at the end of every item the source hands over (a live feed), not only when full or stalled. */
  flushEachItem?: boolean;
  /** The hunt's `format`: which event types the log knows (check 3). Default "hunt/1". */
  huntFormat?: string;
  /**
   * The verdict of line `seq` when its source already judged it with the same rules (a
   * live hunt judges every line on the main thread to answer at once); undefined when not
   * known. A batch whose verdicts are all known goes to the writer without waiting for the
   * participant workers (one thread round trip less per line); the workers' verdicts are
   * compared when they come, and a difference fails the run.
   */
  knownVerdict?: (seq: number) => RejectionReason | null | undefined;
};

/** Where a pipeline starts: zero for a new run, the committed state for a resume. */
export type PipelineStart = {
  seq: number;
  line: number;
  applied: number;
  rejected: number;
  participants: number;
  clock: number;
  lastCheckpointSeq: number;
};

type LineCheck = {
  envelope: { t: number; p: string; type: string } | null;
  event: HuntEvent | null;
  reason: RejectionReason | null;
};

export type PipelineEnd = { status: 'completed' | 'cancelled'; result: ReplayResult | null };

/** How long a partial batch may wait for its source before it is processed anyway. */
const STALL_FLUSH_MS = 100;

export class RunPipeline {
  readonly front: LogFront;
  private seq: number;
  private lineNo: number;
  private applied: number;
  private rejected: number;
  private participants: number;
  private nextCheckpointAt: number;
  private counts: StatusCounts | null = null;
  /** Output stage: batches and checkpoints, handled strictly in log order. */
  private outbox: Promise<void> = Promise.resolve();
  private outboxDepth = 0;
  private readonly outputDone: Promise<void>[] = [];
  private failure: unknown = null;
  private readonly writes: Promise<number>[] = [];
  private checkpointWritten: Promise<number> = Promise.resolve(0);
  /** The workers' verdicts of batches written with the source's (knownVerdict), compared so far. */
  private verified: Promise<void> = Promise.resolve();

  constructor(
    private readonly runId: number,
    private readonly huntId: string,
    private readonly db: Db,
    private readonly writer: DbWriter,
    private readonly runtime: ShardedRuntime,
    private readonly opts: PipelineOptions,
    start: PipelineStart,
  ) {
    this.front = new LogFront(opts.huntFormat);
    this.seq = start.seq;
    this.lineNo = start.line;
    this.applied = start.applied;
    this.rejected = start.rejected;
    this.participants = start.participants;
    this.front.clock = start.clock;
    const k = opts.checkpointEvery;
    this.nextCheckpointAt = (Math.floor(start.lastCheckpointSeq / k) + 1) * k;
    if (this.nextCheckpointAt <= start.seq) this.nextCheckpointAt = (Math.floor(start.seq / k) + 1) * k;
  }

  /**
   * Feeds already-committed lines again after a restore (resume): they go through the
   * front and the runtime, and their verdicts must equal the stored ones, but nothing is written.
   */
  async replayCommitted(rows: Iterable<{ seq: number; line: number; raw: string; rejection: string | null }>): Promise<void> {
    let batch: { seq: number; stored: string | null; event: LineCheck }[] = [];
    const flush = async () => {
      const events = batch.filter((b) => b.event.event).map((b) => ({ seq: b.seq, line: 0, event: b.event.event! }));
      const verdicts = events.length > 0 ? await this.runtime.submit(events) : [];
      const bySeq = new Map(verdicts.map((v) => [v.seq, v.rejection]));
      for (const b of batch) {
        const got = b.event.event ? (bySeq.get(b.seq) ?? null) : b.event.reason;
        if (got !== b.stored) {
          throw new Error(`resume diverged from the stored log at seq ${b.seq}: stored ${b.stored ?? 'applied'}, replay gave ${got ?? 'applied'}`);
        }
        this.count(b.event.envelope?.type ?? null, got);
      }
      batch = [];
    };
    for (const row of rows) {
      if (row.seq !== this.seq + 1) throw new Error(`the stored log has a gap: seq ${row.seq} after ${this.seq}`);
      this.seq = row.seq;
      this.lineNo = row.line;
      batch.push({ seq: row.seq, stored: row.rejection, event: this.check(row.raw) });
      if (batch.length >= this.opts.batchSize) await flush();
    }
    await flush();
  }

  /** Reads lines to the end (or until cancelled), then finishes the run. */
  async run(lines: LineStream): Promise<PipelineEnd> {
    const { batchSize, signal } = this.opts;
    const measure = this.opts.onCommitted !== undefined;
    const progressEvery = this.opts.progressEveryMs ?? 250;
    const started = performance.now();
    const startSeq = this.seq;
    let lastProgress = started;
    let cols = new BatchColumns(this.seq + 1, batchSize, measure);
    let cancelled = false;
    // Dispatches run one after another, in log order, whoever starts them.
    let dispatched: Promise<void> = Promise.resolve();
    const send = (full: BatchColumns): Promise<void> => (dispatched = dispatched.then(() => this.dispatch(full)));
    // A source can stall with a partial batch held back (a paused or single-stepped
    // simulation, a slow live feed): after STALL_FLUSH_MS without a new line, the
    // partial batch goes out, so what was read is processed and committed.
    // Progress is throttled while lines flow; a stall also reports what was read since
    // the last report, so a single step of a paused simulation shows at once.
    let waitingSince = -1;
    let reportedSeq = this.seq;
    const stallTimer = setInterval(() => {
      const now = performance.now();
      if (waitingSince < 0 || now - waitingSince < STALL_FLUSH_MS) return;
      if (cols.length > 0) {
        const partial = cols;
        cols = new BatchColumns(this.seq + 1, batchSize, measure);
        send(partial).catch(() => undefined); // surfaced by the loop's next await of `dispatched`
      }
      if (this.opts.onProgress && this.seq !== reportedSeq) {
        reportedSeq = this.seq;
        lastProgress = now;
        this.opts.onProgress(this.progress(((this.seq - startSeq) * 1000) / Math.max(1, now - started)));
      }
    }, STALL_FLUSH_MS);
    stallTimer.unref?.();

    try {
      reading: for await (const item of lines) {
        waitingSince = -1;
        // A source hands over one line or several at once (a simulation's chunk): one
        // await per chunk instead of one per line.
        const many = typeof item !== 'string';
        const count = many ? item.length : 1;
        // Lines their source built come with their envelopes: no parse here (the workers parse them).
        const built = many ? (item as Partial<BuiltLines>).envelopes : undefined;
        for (let k = 0; k < count; k++) {
          const text = many ? item[k] : item;
          this.lineNo++;
          if (built) {
            this.seq++;
            const t = built.t[k];
            const type = built.type[k];
            cols.add(this.lineNo, text, t, built.p[k], type, this.front.acceptBuilt(t, type), measure ? performance.now() : 0);
          } else {
            // Almost every line starts with '{': skip the blank-line test for those.
            if (text.charCodeAt(0) !== 0x7b && isBlankLine(text)) continue;
            this.seq++;
            const { envelope, event, reason } = this.check(text);
            cols.add(this.lineNo, text, envelope ? envelope.t : NaN, envelope ? envelope.p : null, envelope ? envelope.type : null, reason, measure ? performance.now() : 0, event ?? undefined);
          }
          if (cols.length === batchSize) {
            const full = cols;
            cols = new BatchColumns(this.seq + 1, batchSize, measure);
            await send(full);
            if (signal?.aborted) {
              cancelled = true;
              break reading;
            }
            const now = performance.now();
            if (this.opts.onProgress && now - lastProgress >= progressEvery) {
              lastProgress = now;
              reportedSeq = this.seq;
              this.opts.onProgress(this.progress(((this.seq - startSeq) * 1000) / (now - started)));
            }
          }
        }
        // A live feed hands over what arrived while the last batch was on its way: it goes
        // out now, as one batch, instead of waiting for more lines or the stall flush.
        if (this.opts.flushEachItem && cols.length > 0) {
          const partial = cols;
          cols = new BatchColumns(this.seq + 1, batchSize, measure);
          await send(partial);
        }
        waitingSince = performance.now();
      }
    } finally {
      clearInterval(stallTimer);
    }
    if (cols.length > 0) await send(cols);
    await dispatched;
    await this.drain();
    if (cancelled || signal?.aborted) {
      await this.writer.post({ kind: 'finish', runId: this.runId, status: 'cancelled', error: null, result: null, activeMs: performance.now() - started });
      return { status: 'cancelled', result: null };
    }
    const endTime = this.front.clock;
    await this.runtime.finalize(endTime);
    const participants: ParticipantResult[] = await this.runtime.results();
    await this.writer.flush();
    // The rejected lines are the log's rejected rows: the stored result refers to them, and
    // the result returned reads them on first use (a long run has millions; most callers
    // only want the counts).
    const file = this.db.name;
    const runId = this.runId;
    let rejected: ReplayResult['rejected'] | null = null;
    const result: ReplayResult = {
      hunt: this.huntId,
      events: this.seq,
      applied: this.applied,
      get rejected() {
        return (rejected ??= readRejections(file, runId));
      },
      set rejected(list) {
        rejected = list;
      },
      endTime,
      participants,
    };
    await this.writer.post({
      kind: 'finish',
      runId: this.runId,
      status: 'completed',
      error: null,
      result: JSON.stringify({ hunt: result.hunt, events: result.events, applied: result.applied, rejected: REJECTED_IN_LOG, endTime, participants }),
      activeMs: performance.now() - started,
    });
    this.opts.onProgress?.(this.progress(((this.seq - startSeq) * 1000) / Math.max(1, performance.now() - started)));
    return { status: 'completed', result };
  }

  /** Wall time spent so far is recorded by the caller on failure. */
  progress(eventsPerSec: number): PipelineProgress {
    return {
      runId: this.runId,
      processed: this.seq,
      line: this.lineNo,
      virtualTime: this.front.clock,
      eventsPerSec,
      applied: this.applied,
      rejected: this.rejected,
      participants: this.participants,
      counts: this.counts,
    };
  }

  private check(text: string): LineCheck {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    const verdict = this.front.acceptValue(value);
    const envelope = hasValidEnvelope(value) ? value : null;
    return verdict.ok ? { envelope, event: verdict.event, reason: null } : { envelope, event: null, reason: verdict.reason };
  }

  private count(type: string | null, rejection: string | null): void {
    if (rejection === null) {
      this.applied++;
      if (type === 'join') this.participants++;
    } else this.rejected++;
  }

  /** Hands a full batch to the runtime (waits only for backpressure) and queues its output. */
  private async dispatch(cols: BatchColumns): Promise<void> {
    if (this.failure) throw this.failure;
    const sent = cols.shardEvents.length > 0 ? await this.runtime.enqueue(cols.shardEvents) : { verdicts: Promise.resolve([]) };
    sent.verdicts.catch(() => undefined); // surfaced through the output stage, or moot after an earlier failure
    const known = this.knownVerdicts(cols);
    if (known) this.verifyKnown(known, sent.verdicts);
    const clock = this.front.clock;
    this.queue(async () => {
      const verdicts = known ?? (await sent.verdicts).map((v) => v.rejection);
      for (let k = 0; k < verdicts.length; k++) cols.rejection[cols.shardIndex[k]] = verdicts[k];
      for (let i = 0; i < cols.length; i++) this.count(cols.type[i], cols.rejection[i]);
      const committed = this.writer.post({
        kind: 'events',
        runId: this.runId,
        seq0: cols.seq0,
        line: cols.line,
        t: cols.t,
        p: packStrings(cols.p),
        type: packStrings(cols.type),
        raw: packStrings(cols.raw),
        rejection: cols.rejection,
        applied: this.applied,
        rejected: this.rejected,
        participants: this.participants,
        lastLine: cols.lastLine,
        clock,
      });
      const readAt = cols.readAt;
      const n = cols.length;
      if (readAt && this.opts.onCommitted) {
        const cb = this.opts.onCommitted;
        committed.then((at) => cb(readAt, n, at), () => undefined);
      }
      await this.limitWrites(committed);
    });
    if (cols.lastSeq >= this.nextCheckpointAt) {
      this.nextCheckpointAt = (Math.floor(cols.lastSeq / this.opts.checkpointEvery) + 1) * this.opts.checkpointEvery;
      // The runtime answers for every batch sent so far: every event through cols.lastSeq
      // that reached the participants (its throughSeq is the last of those; lines the log
      // checks rejected after it change no participant).
      const delta = this.runtime.checkpoint();
      const counts = this.runtime.statusCounts();
      const line = cols.lastLine;
      const lastSent = cols.shardEvents.length > 0 ? cols.shardEvents[cols.shardEvents.length - 1].seq : 0;
      // Queued after this batch's events, so the checkpoint goes to the writer after the
      // events it covers. The output stage does not wait for the workers to serialise it:
      // later batches' events go out meanwhile (a checkpoint behind the log's end is fine,
      // one ahead of it never happens). One checkpoint is pending at a time.
      this.queue(async () => {
        // The run's counters as of this batch (the output stage counts in log order).
        const { applied, rejected, participants } = this;
        const previous = this.checkpointWritten;
        this.checkpointWritten = Promise.all([delta, counts, previous]).then(([cp, c]) => {
          if (cp.throughSeq > cols.lastSeq || cp.throughSeq < lastSent) {
            throw new Error(`runtime checkpoint covers seq ${cp.throughSeq}, expected the batch ending at ${cols.lastSeq}`);
          }
          this.counts = c;
          // The writer spreads a checkpoint's snapshots over its next commits.
          return this.writer.post({
            kind: 'checkpoint-parts',
            runId: this.runId,
            seq: cols.lastSeq,
            line,
            clock,
            applied,
            rejected,
            participants,
            counts: c,
            parts: cp.parts,
          });
        });
        this.checkpointWritten.catch((err: unknown) => {
          this.failure ??= err;
        });
      });
    }
    // Keep the output stage close behind the input: bounded memory, and latency is
    // what is in flight divided by the throughput.
    while (this.outboxDepth > this.opts.maxOutputBacklog) await this.oldestOutput;
    if (this.failure) throw this.failure;
  }

  /** The source's verdicts of a batch's participant events, when it knows every one (knownVerdict). */
  private knownVerdicts(cols: BatchColumns): (RejectionReason | null)[] | null {
    const known = this.opts.knownVerdict;
    if (!known) return null;
    const out: (RejectionReason | null)[] = [];
    for (const e of cols.shardEvents) {
      const v = known(e.seq);
      if (v === undefined) return null;
      out.push(v);
    }
    return out;
  }

  /** The workers' verdicts must be the source's: a difference is a bug in one of them, and fails the run. */
  private verifyKnown(known: (RejectionReason | null)[], verdicts: Promise<{ seq: number; rejection: RejectionReason | null }[]>): void {
    const checked = verdicts.then((vs) => {
      for (let k = 0; k < vs.length; k++) {
        if (vs[k].rejection !== known[k]) throw new Error(`line ${vs[k].seq}: the participants' rules give ${vs[k].rejection ?? 'applied'}, the source judged it ${known[k] ?? 'applied'}`);
      }
    });
    this.verified = Promise.all([this.verified, checked]).then(() => undefined);
    this.verified.catch((err: unknown) => {
      this.failure ??= err;
    });
  }

  /** Resolves when the oldest queued output step is done. */
  private get oldestOutput(): Promise<void> {
    return this.outputDone[0] ?? Promise.resolve();
  }

  private queue(step: () => Promise<void>): void {
    this.outboxDepth++;
    const done = this.outbox.then(async () => {
      try {
        if (!this.failure) await step();
      } catch (err) {
        this.failure ??= err;
      } finally {
        this.outboxDepth--;
        this.outputDone.shift();
      }
    });
    this.outputDone.push(done);
    this.outbox = done;
  }

  /** Waits while too many writer messages are uncommitted. */
  private async limitWrites(p: Promise<number>): Promise<void> {
    this.writes.push(p);
    p.catch(() => undefined);
    while (this.writes.length > this.opts.maxWriterInFlight) await this.writes.shift();
  }

  private async drain(): Promise<void> {
    await this.outbox;
    await this.verified.catch(() => undefined);
    await this.checkpointWritten.catch(() => undefined);
    if (this.failure) throw this.failure;
  }
}

/** A completed run's rejected lines, read from its database with a connection of their own. */
function readRejections(file: string, runId: number): ReplayResult['rejected'] {
  const db = openDatabase(file, { readonly: true, check: 'none' });
  try {
    return loadRejections(db, runId) as ReplayResult['rejected'];
  } finally {
    db.close();
  }
}
