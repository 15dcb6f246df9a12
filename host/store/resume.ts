// Finishing a run that a crash interrupted. The runtime is rebuilt from each
// participant's newest snapshot at the last checkpoint, the events committed after
// it are replayed (their verdicts must equal the stored ones), and the source is read
// again from the line after the last committed one. The result equals that of a run
// that was never interrupted.
import { performance } from 'node:perf_hooks';
import { validateHunt } from '../../engine/hunt/validate';
import { ShardedRuntime } from '../../engine/runtime/shardedRuntime';
import { openDatabase } from '../../db/open';
import { DbError } from '../../db/errors';
import { DbWriter } from '../../db/writer/client';
import { getRun, runOwner } from '../../db/runs';
import { loadHuntVersion } from '../../db/hunts';
import { checkpointAtOrBefore, latestSnapshotsJson } from '../../db/checkpoints';
import { iterateEvents } from '../../db/events';
import { ownerMayBeAlive } from '../../db/owner';
import { RunPipeline } from './pipeline';
import { availableParallelism } from 'node:os';
import { pipelineOptions, recordFailure, type RunOptions, type StoredRunOutcome } from './ingest';
import { sourceFromDescription, type RunSource } from './source';
import { applyRunFlags, tuningProfile } from '../tuning';

export type ResumeOptions = Pick<RunOptions, 'workers' | 'batchSize' | 'maxInFlightBatches' | 'onProgress' | 'progressEveryMs' | 'signal' | 'onCommitted' | 'onWorkerFailure' | 'maxOutputBacklog' | 'maxWriterInFlight' | 'flushEachItem' | 'knownVerdict'> & {
  /** The source to continue from; default: rebuilt from the description stored with the run. */
  source?: RunSource;
};

const RESUMABLE = new Set(['interrupted', 'cancelled', 'failed', 'paused']);

export async function resumeRun(dbFile: string, runId: number, opts: ResumeOptions = {}): Promise<StoredRunOutcome> {
  const db = openDatabase(dbFile);
  let writer: DbWriter | null = null;
  let runtime: ShardedRuntime | null = null;
  const started = performance.now();
  try {
    const run = getRun(db, runId);
    if (!run) throw new DbError(dbFile, 'unknown-run', `has no run ${runId}`);
    if (run.status === 'completed') throw new Error(`run ${runId} is already completed`);
    if (run.status === 'running') {
      const owner = runOwner(db, runId)!;
      if (ownerMayBeAlive(owner)) throw new Error(`run ${runId} is still running (process ${owner.pid} on ${owner.host})`);
    } else if (!RESUMABLE.has(run.status)) throw new Error(`run ${runId} is ${run.status} and cannot be resumed`);

    const checked = validateHunt(loadHuntVersion(db, run.huntVersion));
    if (!checked.valid || !checked.hunt) throw new Error(`run ${runId}: its stored hunt version ${run.huntVersion} is missing or invalid`);
    const hunt = checked.hunt;
    const source = opts.source ?? sourceFromDescription(run.source);
    // Tuned as the run was started: a simulation knows its population from its settings,
    // a replay is sized from the participants it had when it stopped.
    const planned = (run.settings as { participants?: unknown } | null)?.participants;
    const participants = run.kind === 'simulation' && typeof planned === 'number' ? planned : run.participants;
    const profile = tuningProfile({ kind: run.kind, participants, steps: hunt.steps.length, cores: availableParallelism(), workers: opts.workers });
    applyRunFlags(profile);

    // Newest checkpoint; the writer only ever commits one after the events it covers.
    const cp = checkpointAtOrBefore(db, runId, run.events);
    const cpSeq = cp?.seq ?? 0;
    const states = latestSnapshotsJson(db, runId, cpSeq);
    // The shards read the stored states (engine/state/participant-state.ts: the current
    // format, or XState snapshots written before it); one they cannot read names its
    // participant and field, and here the run.
    runtime = await ShardedRuntime.restore(hunt, states, {
      workers: opts.workers,
      maxInFlightBatches: opts.maxInFlightBatches ?? profile.flow.maxInFlightBatches,
      oldGenerationMb: profile.heap.shardMb ?? undefined,
      youngGenerationMb: profile.heap.shardYoungMb ?? undefined,
      onWorkerFailure: opts.onWorkerFailure,
      throughSeq: cpSeq,
    }).catch((err: unknown) => {
      throw new Error(`run ${runId}: cannot restore its participants from the checkpoint at event ${cpSeq}: ${(err as Error).message}`, { cause: err });
    });

    writer = await DbWriter.start(dbFile);
    await writer.post({ kind: 'claim', runId });
    const batchSize = opts.batchSize ?? profile.flow.batchSize;
    const pipeline = new RunPipeline(runId, hunt.id, db, writer, runtime, { ...pipelineOptions(opts, profile, batchSize, run.checkpointEvery), huntFormat: hunt.format }, {
      seq: cpSeq,
      line: cp?.line ?? 0,
      applied: cp?.applied ?? 0,
      rejected: cp?.rejected ?? 0,
      participants: cp?.participants ?? 0,
      clock: cp?.clock ?? 0,
      lastCheckpointSeq: cpSeq,
    });
    await pipeline.replayCommitted(iterateEvents(db, runId, cpSeq + 1, run.events));
    const end = await pipeline.run(source.open(run.lastLine + 1));
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
