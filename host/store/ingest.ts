// Starting a durable run: store the hunt version and the run, start the runtime and
// the writer thread, and pump the source through the pipeline.
import { performance } from 'node:perf_hooks';
import type { Hunt } from '../../engine/hunt/schema';
import type { ReplayResult } from '../../engine/log/types';
import type { RunKind } from '../../engine/log/runs';
import { ShardedRuntime } from '../../engine/runtime/shardedRuntime';
import { openDatabase } from '../../db/open';
import { DbWriter } from '../../db/writer/client';
import { RunPipeline, type PipelineOptions, type PipelineProgress } from './pipeline';
import { linesSource, type LineStream, type RunSource } from './source';
import { applyRunFlags, DEFAULT_CHECKPOINT_EVERY, tuningProfile, type TuningProfile } from '../tuning';
import { availableParallelism } from 'node:os';

export { DEFAULT_CHECKPOINT_EVERY };
/** Events per batch of a replay (the tuning profile's; a simulation's are larger). */
export const DEFAULT_BATCH_SIZE = tuningProfile({ kind: 'replay', participants: null, steps: 0, cores: 1 }).flow.batchSize;

export type RunOptions = {
  /** The database file. */
  db: string;
  /** A valid hunt. */
  hunt: Hunt;
  kind: RunKind;
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
  /** Old generation cap of each worker (MB), instead of the tuning profile's. */
  shardHeapMb?: number;
  /** Young generation of each worker (MB), instead of the tuning profile's. */
  shardYoungGenerationMb?: number;
  /** Events between checkpoints (K), default 50,000. */
  checkpointEvery?: number;
  /** Events per batch to the runtime and the writer; default: the tuning profile's (host/tuning.ts). */
  batchSize?: number;
  /** Batches in flight to the workers; default: the tuning profile's. */
  maxInFlightBatches?: number;
  /** Batches waiting for their verdicts or their hand-over to the writer before reading pauses; default: the tuning profile's. */
  maxOutputBacklog?: number;
  /** Writer messages not yet committed before the pipeline waits; default: the tuning profile's. */
  maxWriterInFlight?: number;
  /** See PipelineOptions.flushEachItem. */
  flushEachItem?: boolean;
  onProgress?: (p: PipelineProgress) => void;
  progressEveryMs?: number;
  signal?: AbortSignal;
  /** Benchmarks: read time of every event and the time of the commit that held it. */
  onCommitted?: PipelineOptions['onCommitted'];
  /** See PipelineOptions.knownVerdict. */
  knownVerdict?: PipelineOptions['knownVerdict'];
  /** Called once the run row exists, before the first line is read. */
  onRunCreated?: (runId: number) => void;
  onWorkerFailure?: (info: { shard: number; error: string }) => void;
};

export type StoredRunOutcome = {
  runId: number;
  status: 'completed' | 'cancelled';
  result: ReplayResult | null;
  /** hunt/2, completed runs: pending judged steps per participant at the end (those with any), for the text report. */
  pending?: Map<string, number>;
};

/**
 * Runs a source through the durable pipeline. `source` may be a RunSource (stored with
 * the run, so the run can be resumed after a crash) or plain lines (not resumable).
 */
export async function ingestRun(opts: RunOptions, source: RunSource | LineStream | readonly string[]): Promise<StoredRunOutcome> {
  const src = toSource(source);
  const profile = tuningProfile({ kind: opts.kind, participants: opts.expectedParticipants ?? null, steps: opts.hunt.steps.length, cores: availableParallelism(), workers: opts.workers });
  const checkpointEvery = opts.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY;
  const batchSize = opts.batchSize ?? profile.flow.batchSize;
  if (!Number.isInteger(checkpointEvery) || checkpointEvery < 1) throw new RangeError(`checkpointEvery must be a whole number ≥ 1 (got ${checkpointEvery})`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a whole number ≥ 1 (got ${batchSize})`);
  applyRunFlags(profile);

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
      oldGenerationMb: opts.shardHeapMb ?? profile.heap.shardMb ?? undefined,
      youngGenerationMb: opts.shardYoungGenerationMb ?? profile.heap.shardYoungMb ?? undefined,
      maxInFlightBatches: opts.maxInFlightBatches ?? profile.flow.maxInFlightBatches,
      onWorkerFailure: opts.onWorkerFailure,
    });
    const pipeline = new RunPipeline(runId, opts.hunt.id, db, writer, runtime, { ...pipelineOptions(opts, profile, batchSize, checkpointEvery), huntFormat: opts.hunt.format }, {
      seq: 0,
      line: 0,
      applied: 0,
      rejected: 0,
      participants: 0,
      clock: 0,
      lastCheckpointSeq: 0,
    });
    const end = await pipeline.run(src.open(1));
    const pending = end.result && opts.hunt.format === 'hunt/2' ? await runtime.pendingCounts() : undefined;
    await writer.close();
    writer = null;
    return { runId, ...end, ...(pending ? { pending } : {}) };
  } catch (err) {
    await recordFailure(writer, runId, err, performance.now() - started);
    throw err;
  } finally {
    await runtime?.close();
    db.close();
  }
}

export function pipelineOptions(opts: Omit<Partial<RunOptions>, 'db' | 'hunt'>, profile: TuningProfile, batchSize: number, checkpointEvery: number): PipelineOptions {
  return {
    batchSize,
    checkpointEvery,
    maxWriterInFlight: opts.maxWriterInFlight ?? profile.flow.maxWriterInFlight,
    signal: opts.signal,
    onProgress: opts.onProgress,
    progressEveryMs: opts.progressEveryMs,
    onCommitted: opts.onCommitted,
    knownVerdict: opts.knownVerdict,
    maxOutputBacklog: opts.maxOutputBacklog ?? profile.flow.maxOutputBacklog,
    flushEachItem: opts.flushEachItem ?? profile.flow.flushEachItem,
    readAheadItems: profile.flow.readAheadItems,
    batchesAheadOfRuntime: profile.flow.batchesAheadOfRuntime,
    checkpointsWaiting: profile.flow.checkpointsWaiting,
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
    // The writer cannot record the failure: stop its thread. `err` is the run's first
    // error, which the caller rethrows; a terminate that fails too would only be a second.
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
