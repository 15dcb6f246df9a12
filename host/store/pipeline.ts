// The durable run pipeline shared by ingest and resume, as four stages joined by bounded,
// ordered queues (engine/flow/boundedQueue), each in its own module under stages/:
//   read (the source's items) -> check (spec §3.10 checks 1–4, batching) -> runtime
//   (ShardedRuntime, W workers) -> commit (the writer thread, one transaction per group
//   of whole batches; checkpoints after the events they cover).
// A replay, a simulation, a live feed and a resume differ only in their source (a
// resume first feeds its committed lines through check and runtime again, into a verify
// stage). Each queue carries backpressure and the first error of any stage; the stall
// flush is the idle policy of the check stage's input. The main thread only parses,
// checks and hands over: it never waits on SQLite.
import { performance } from 'node:perf_hooks';
import type { ParticipantResult, RejectionReason, ReplayResult } from '../../engine/log/types';
import type { ShardedRuntime } from '../../engine/runtime/shardedRuntime';
import type { StatusCounts } from '../../engine/runtime/types';
import { BoundedQueue } from '../../engine/flow/boundedQueue';
import { runStages } from '../../engine/flow/stages';
import type { Db } from '../../db/open';
import type { DbWriter } from '../../db/writer/client';
import type { RunBatch } from './runBatch';
import { loadRejections, REJECTED_IN_LOG } from '../../db/results';
import { openDatabase } from '../../db/open';
import type { LineStream } from './source';
import { readStage, type LineItem } from './stages/read';
import { checkCommitted, checkStage, LogChecks, type CommittedLine } from './stages/check';
import { CheckpointSchedule, runtimeStage, type RuntimeOutput } from './stages/runtime';
import { awaitCommits, commitStage, writeCheckpoints, type CheckpointToWrite, type PendingCommit } from './stages/commit';
import { verifyStage } from './stages/verify';
import { RunTally } from './stages/tally';
import { idleFlush } from './stages/idleFlush';

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
  /** The structural queues' sizes (the tuning profile's, host/tuning.ts FlowLimits, which says why each is what it is). */
  readAheadItems: number;
  batchesAheadOfRuntime: number;
  checkpointsWaiting: number;
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

export type PipelineEnd = { status: 'completed' | 'cancelled'; result: ReplayResult | null };

export class RunPipeline {
  private readonly checks: LogChecks;
  private readonly tally: RunTally;
  private readonly schedule: CheckpointSchedule;

  constructor(
    private readonly runId: number,
    private readonly huntId: string,
    private readonly db: Db,
    private readonly writer: DbWriter,
    private readonly runtime: ShardedRuntime,
    private readonly opts: PipelineOptions,
    start: PipelineStart,
  ) {
    this.checks = new LogChecks(opts.huntFormat, start.seq, start.line, start.clock);
    this.tally = new RunTally(start.applied, start.rejected, start.participants);
    this.schedule = new CheckpointSchedule(opts.checkpointEvery, start.lastCheckpointSeq, start.seq);
  }

  /**
   * Feeds already-committed lines again after a restore (resume): they go through the
   * check and runtime stages, and their verdicts must equal the stored ones, but nothing is written.
   */
  async replayCommitted(rows: Iterable<CommittedLine>): Promise<void> {
    const batches = new BoundedQueue<RunBatch>(this.opts.batchesAheadOfRuntime);
    const sent = new BoundedQueue<RuntimeOutput>(this.opts.maxOutputBacklog);
    await runStages(
      [batches, sent],
      [
        () => checkCommitted(rows, batches, this.checks, this.opts.batchSize),
        () => runtimeStage(batches, sent, this.runtime, { schedule: null }),
        () => verifyStage(sent, this.tally),
      ],
    );
  }

  /** Reads lines to the end (or until cancelled), then finishes the run. */
  async run(lines: LineStream): Promise<PipelineEnd> {
    const { batchSize, signal } = this.opts;
    const measure = this.opts.onCommitted !== undefined;
    const progressEvery = this.opts.progressEveryMs ?? 250;
    const started = performance.now();
    const startSeq = this.checks.seq;
    let lastProgress = started;
    let reportedSeq = this.checks.seq;
    // Progress is throttled while lines flow; a stall also reports what was read since
    // the last report, so a single step of a paused simulation shows at once.
    const report = (stalled: boolean): void => {
      if (!this.opts.onProgress) return;
      const now = performance.now();
      if (stalled ? this.checks.seq === reportedSeq : now - lastProgress < progressEvery) return;
      lastProgress = now;
      reportedSeq = this.checks.seq;
      this.opts.onProgress(this.progress(((this.checks.seq - startSeq) * 1000) / Math.max(1, now - started)));
    };

    const items = new BoundedQueue<LineItem>(this.opts.readAheadItems, idleFlush());
    const batches = new BoundedQueue<RunBatch>(this.opts.batchesAheadOfRuntime);
    const sent = new BoundedQueue<RuntimeOutput>(this.opts.maxOutputBacklog);
    const commits = new BoundedQueue<PendingCommit>(this.opts.maxWriterInFlight);
    const checkpoints = new BoundedQueue<CheckpointToWrite>(this.opts.checkpointsWaiting);
    const commit = { runId: this.runId, writer: this.writer, tally: this.tally };
    const read = { status: 'completed' as 'completed' | 'cancelled' };
    await runStages(
      [items, batches, sent, commits, checkpoints],
      [
        () => readStage(lines, items),
        async () => {
          read.status = await checkStage(items, batches, this.checks, { batchSize, measure, flushEachItem: this.opts.flushEachItem ?? false, signal, report });
        },
        () => runtimeStage(batches, sent, this.runtime, { schedule: this.schedule, knownVerdict: this.opts.knownVerdict }),
        () => commitStage(sent, commits, checkpoints, commit),
        () => awaitCommits(commits, this.opts.onCommitted),
        () => writeCheckpoints(checkpoints, commit),
      ],
    );
    if (read.status === 'cancelled' || signal?.aborted) {
      await this.writer.post({ kind: 'finish', runId: this.runId, status: 'cancelled', error: null, result: null, activeMs: performance.now() - started });
      return { status: 'cancelled', result: null };
    }
    const endTime = this.checks.front.clock;
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
      events: this.checks.seq,
      applied: this.tally.applied,
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
    this.opts.onProgress?.(this.progress(((this.checks.seq - startSeq) * 1000) / Math.max(1, performance.now() - started)));
    return { status: 'completed', result };
  }

  /** Wall time spent so far is recorded by the caller on failure. */
  progress(eventsPerSec: number): PipelineProgress {
    return {
      runId: this.runId,
      processed: this.checks.seq,
      line: this.checks.lineNo,
      virtualTime: this.checks.front.clock,
      eventsPerSec,
      applied: this.tally.applied,
      rejected: this.tally.rejected,
      participants: this.tally.participants,
      counts: this.tally.counts,
    };
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
