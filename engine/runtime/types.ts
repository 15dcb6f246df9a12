// Types shared by the sharded runtime's main-thread side and its worker threads.
// Everything that crosses the thread boundary is plain structured-clone data; lines travel
// as a LineBatch (engine/batch/lineBatch.ts).
import type { CheckpointDelta } from './checkpointDelta';
import type { LineBatch } from '../batch/lineBatch';
import type { ParticipantResult, RejectionReason, StatusCounts } from '../log/types';
import type { ParticipantState } from '../rules/state';

/** What the participant level said about one event: null = applied. */
export type ShardVerdict = { seq: number; rejection: RejectionReason | null };
/**
 * The participants' verdicts of a batch's pending rows (those with VERDICT_PENDING), in row
 * order: null = applied. One array a batch, not an object an event: the pipeline only sets
 * them on its batch (at a simulation's rate, an object per event was the main thread's
 * largest allocation).
 */
export type BatchVerdicts = (RejectionReason | null)[];

/** A participant's persisted snapshot as JSON text. */
export type StoredSnapshot = { p: string; json: string };
/**
 * One participant's persisted state. `json` is the serialised snapshot (what a store writes);
 * `snapshot` is the same value parsed (computed on first read, so callers that only store
 * `json` never pay for parsing).
 */
export type ParticipantSnapshot = { p: string; snapshot: unknown; json: string };
/** A participant state to restore from: give `json` (as stored) or `snapshot` (parsed). */
export type ParticipantSnapshotInput = { p: string; json?: string; snapshot?: unknown };

/**
 * The participants changed since the previous checkpoint (a delta), each with its full
 * persisted snapshot, and the seq of the last event the checkpoint covers. `parts` holds
 * the delta as the shards sent it (one encoded, id-sorted part each, for a writer);
 * `changed` is the same merged into one list sorted by id, decoded on first read.
 */
export type RuntimeCheckpoint = { throughSeq: number; parts: CheckpointDelta[]; readonly changed: ParticipantSnapshot[] };

/** What `inspect` returns: the participant's state as plain JSON data. */
export type ParticipantView = ParticipantState;

export type { StatusCounts };

/** Test-only fault injection: make a shard's first worker fail at its Nth applied batch. */
export type InjectedFault = {
  shard: number;
  /** 1-based count of `applyBatch` calls in that worker. */
  atBatch: number;
  /**
   * throw: the batch call throws (the RPC rejects); uncaught: an uncaught exception
   * kills the thread; exit: the thread calls process.exit(); hang: the call never returns;
   * miscount: the call answers one verdict too few (a worker that is wrong, not dead).
   */
  kind: 'throw' | 'uncaught' | 'exit' | 'hang' | 'miscount';
};

export type RuntimeOptions = {
  /** Worker threads; default os.availableParallelism(). */
  workers?: number;
  /**
   * Batches sent but not yet answered before `submit` waits (backpressure). No default
   * here: a run takes it from its tuning profile (host/tuning.ts), the one home of flow limits.
   */
  maxInFlightBatches: number;
  /** Called when a worker thread fails; its shard is then rebuilt and the run goes on. */
  onWorkerFailure?: (info: { shard: number; error: string }) => void;
  /**
   * A worker call unanswered this long counts as a dead worker (a hung thread). Default 120 s.
   * Keep it well above the slowest legitimate call (restoring a large shard).
   */
  callTimeoutMs?: number;
  /** Rebuild attempts for one shard without any progress before the runtime gives up. Default 3. */
  maxRestarts?: number;
  /**
   * Events a shard may have received since its last checkpoint before the runtime takes an
   * internal checkpoint, so the in-memory tail kept for worker recovery stays bounded even
   * when the caller never checkpoints. Default 50,000.
   */
  maxTailEvents?: number;
  /**
   * V8 young generation of each worker (MB). Default 32: since actors are woken only by events
   * that change them, a larger one no longer saves collection work, and costs memory
   * (docs/performance.md, "Sharded runtime").
   */
  youngGenerationMb?: number;
  /**
   * V8 old generation cap of each worker (MB). Without a cap V8 lets a worker's heap grow far
   * beyond what it holds before collecting (docs/performance.md, "Sharded runtime"); a cap
   * too tight makes it collect all the time. Default: sized from `expectedParticipants` (or the
   * participants restored, if more), 64 MB + 3 × (0.5 + 0.04 × steps) KB per participant of a shard; no cap when
   * neither is known. A worker that reaches its cap is replaced like any failed worker, with
   * twice the cap, so the run goes on.
   */
  oldGenerationMb?: number;
  /** Participants the run is expected to have (e.g. a simulation's), to size `oldGenerationMb`. */
  expectedParticipants?: number;
  /** Worker entry to start, for bundled builds (default: shard.worker next to this module). */
  workerEntry?: URL | string;
  /** Tests only. */
  testing?: {
    fault?: InjectedFault;
    /** Every batch sleeps this long in the worker (a slow consumer)... */
    batchDelayMs?: number;
    /** ...in this shard only, when given. */
    delayShard?: number;
  };
};

export type RestoreOptions = RuntimeOptions & {
  /** Seq of the last event the restored states include (what `checkpoint().throughSeq` said). */
  throughSeq?: number;
};

/** Given to each worker at start (workerData). */
export type ShardWorkerData = {
  hunt: unknown;
  shard: number;
  fault: InjectedFault | null;
  batchDelayMs: number;
};

/** The requests a shard worker answers (shard.worker.ts, on its engine/threads channel). */
export type ShardWorkerApi = {
  /** Adds participants from persisted snapshots (they are not marked changed). */
  load(states: { p: string; json: string }[]): void;
  /**
   * Applies the batch's events in order (each line parsed once, here); returns each one's
   * rejection or null. Every row is an event that passed the log checks.
   * `joins` (hunts with rotation groups): the global join index J of each join in the batch,
   * in order (hunt-v2 §3.6), counted by the main thread across every shard.
   */
  applyBatch(batch: LineBatch, joins?: number[]): (RejectionReason | null)[];
  finalize(endTime: number): void;
  /**
   * Snapshots of the participants changed since the previous checkpoint; clears the change set.
   * Captured when the call is taken, in order with the others; a worker may answer later
   * calls first while it serialises them.
   */
  checkpoint(): CheckpointDelta | Promise<CheckpointDelta>;
  results(): ParticipantResult[];
  inspect(p: string): ParticipantView | null;
  statusCounts(): StatusCounts;
  /** hunt/2: pending judged steps per participant (those with any). */
  pendingCounts(): Map<string, number>;
};
