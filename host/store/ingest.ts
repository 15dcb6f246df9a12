// Starting a durable run: store the hunt version and the run, start the runtime and
// the writer thread, and pump the source through the pipeline.
import { performance } from 'node:perf_hooks';
import type { Hunt } from '../../engine/hunt/schema';
import type { ReplayResult } from '../../engine/log/types';
import { ShardedRuntime } from '../../engine/runtime/shardedRuntime';
import { openDatabase } from '../../db/open';
import { DbWriter } from '../../db/writer/client';
import { RunPipeline, type PipelineOptions, type PipelineProgress } from './pipeline';
import { linesSource, type LineStream, type RunSource } from './source';
import { useReplayHeapGrowth } from './heap-growth';

// 50,000, not 10,000: at 10k participants nearly every participant changes between two
// checkpoints, so each one snapshots all of them; checkpointing a fifth as often cut a
// 10k-participant simulation's CPU time by ~20% (bench/sim.bench.ts). A seek then scans at
// most 50,000 rows of the log after the checkpoint, inside SQLite (host/store/seek.ts).
export const DEFAULT_CHECKPOINT_EVERY = 50_000;
// 250, not 500 or 1,000: event-to-commit latency is what is in flight over the throughput.
// 1,000 -> 500 halved p50 (58 -> 23 ms) and cut p99 by ~30% at 100k participants for ~4%
// fewer events/s. 500 -> 250 (fifth round, bench/runtime.bench.ts --batch-size): the
// sustained 10M-event run at 100k participants went from 122.9k events/s with p99 71.8 ms
// to 101.9k–117.7k with p99 43.8–48.3 ms; at 10k participants both figures got better
// (p99 48–54 -> 28–32 ms); the join-heavy 1M-event runs at 100k lost 7–12% of events/s.
export const DEFAULT_BATCH_SIZE = 250;
export const DEFAULT_IN_FLIGHT_BATCHES = 2;

export type RunOptions = {
  /** The database file. */
  db: string;
  /** A valid hunt. */
  hunt: Hunt;
  kind: 'simulation' | 'replay' | 'live';
  name: string;
  seed?: number;
  settings?: unknown;
  /** Worker threads (default: the runtime's default, one per core). */
  workers?: number;
  /**
   * Participants the run is expected to have (a simulation knows), to size the workers'
   * heap caps (RuntimeOptions.expectedParticipants); unknown: no cap.
   */
  expectedParticipants?: number;
  /** Old generation cap of each worker (MB), instead of the runtime's default sized from expectedParticipants. */
  shardHeapMb?: number;
  /** Young generation of each worker (MB), instead of the runtime's default (32). */
  shardYoungGenerationMb?: number;
  /** Events between checkpoints (K), default 50,000. */
  checkpointEvery?: number;
  /** Events per batch to the runtime and the writer, default 250. */
  batchSize?: number;
  /** Batches in flight to the workers, default 2 (latency is what is in flight over the throughput). */
  maxInFlightBatches?: number;
  /** Batches waiting for their verdicts or their hand-over to the writer before reading pauses, default 2. */
  maxOutputBacklog?: number;
  onProgress?: (p: PipelineProgress) => void;
  progressEveryMs?: number;
  signal?: AbortSignal;
  /** Benchmarks: read time of every event and the time of the commit that held it. */
  onCommitted?: PipelineOptions['onCommitted'];
  /** Called once the run row exists, before the first line is read. */
  onRunCreated?: (runId: number) => void;
  onWorkerFailure?: (info: { shard: number; error: string }) => void;
};

export type RunOutcome = { runId: number; status: 'completed' | 'cancelled'; result: ReplayResult | null };

/**
 * Runs a source through the durable pipeline. `source` may be a RunSource (stored with
 * the run, so the run can be resumed after a crash) or plain lines (not resumable).
 */
export async function ingestRun(opts: RunOptions, source: RunSource | LineStream | readonly string[]): Promise<RunOutcome> {
  const src = toSource(source);
  const checkpointEvery = opts.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY;
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(checkpointEvery) || checkpointEvery < 1) throw new RangeError(`checkpointEvery must be a whole number ≥ 1 (got ${checkpointEvery})`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a whole number ≥ 1 (got ${batchSize})`);
  useReplayHeapGrowth(opts.kind);

  const db = openDatabase(opts.db);
  let writer: DbWriter | null = null;
  let runtime: ShardedRuntime | null = null;
  let runId = 0;
  const started = performance.now();
  try {
    writer = await DbWriter.start(opts.db);
    runId = await writer.createRun(
      opts.hunt,
      {
        kind: opts.kind,
        name: opts.name,
        seed: opts.seed ?? null,
        settings: opts.settings ?? null,
        source: src.describe(),
        checkpointEvery,
      },
    );
    opts.onRunCreated?.(runId);
    runtime = await ShardedRuntime.start(opts.hunt, {
      workers: opts.workers,
      expectedParticipants: opts.expectedParticipants,
      oldGenerationMb: opts.shardHeapMb,
      youngGenerationMb: opts.shardYoungGenerationMb,
      maxInFlightBatches: opts.maxInFlightBatches ?? DEFAULT_IN_FLIGHT_BATCHES,
      onWorkerFailure: opts.onWorkerFailure,
    });
    const pipeline = new RunPipeline(runId, opts.hunt.id, db, writer, runtime, { ...pipelineOptions(opts, batchSize, checkpointEvery), huntFormat: opts.hunt.format }, {
      seq: 0,
      line: 0,
      applied: 0,
      rejected: 0,
      participants: 0,
      clock: 0,
      lastCheckpointSeq: 0,
    });
    const end = await pipeline.run(src.open(1));
    await writer.close();
    writer = null;
    return { runId, ...end };
  } catch (err) {
    await recordFailure(writer, runId, err, performance.now() - started);
    throw err;
  } finally {
    await runtime?.close();
    db.close();
  }
}

export function pipelineOptions(opts: Omit<Partial<RunOptions>, 'db' | 'hunt'>, batchSize: number, checkpointEvery: number): PipelineOptions {
  return {
    batchSize,
    checkpointEvery,
    signal: opts.signal,
    onProgress: opts.onProgress,
    progressEveryMs: opts.progressEveryMs,
    onCommitted: opts.onCommitted,
    maxOutputBacklog: opts.maxOutputBacklog,
  };
}

/** Marks the run failed (with the error) if the writer still works; the error is rethrown by the caller. */
export async function recordFailure(writer: DbWriter | null, runId: number, err: unknown, activeMs: number): Promise<void> {
  if (!writer || runId === 0) return;
  const message = err instanceof Error ? err.message : String(err);
  try {
    await writer.post({ kind: 'finish', runId, status: 'failed', error: message, result: null, activeMs });
    await writer.close();
  } catch {
    await writer.terminate().catch(() => undefined);
  }
}

function toSource(source: RunSource | LineStream | readonly string[]): RunSource {
  if (Array.isArray(source)) return linesSource(source as readonly string[]);
  if ('describe' in (source as object) && 'open' in (source as object)) return source as RunSource;
  const lines = source as LineStream;
  let opened = false;
  return {
    describe: () => ({ kind: 'stream' }),
    open: (fromLine) => {
      if (opened || fromLine !== 1) throw new Error('a stream of lines can be read only once, from its start');
      opened = true;
      return lines;
    },
  };
}
