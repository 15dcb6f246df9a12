// The writer thread's channel (client.ts to writer.worker.ts, through engine/threads):
// the messages a run pipeline writes, each one call answered once it is committed. Event
// batches are the pipeline's LineBatch (engine/batch/lineBatch.ts), its buffers moved.
import type { LineBatch } from '../../engine/batch/lineBatch';
import type { CheckpointDelta } from '../../engine/runtime/checkpointDelta';

import type { StatusCounts } from '../../engine/log/types';
import type { NewRun } from '../runs';
import type { CheckpointRow } from '../checkpoints';

export type { StatusCounts };

/**
 * A whole batch of consecutive event rows, each with its verdict (none pending), plus the
 * run's counters after it. Each row's raw text is its byte range of `lines.bytes`.
 */
export type EventsMessage = {
  kind: 'events';
  runId: number;
  lines: LineBatch;
  applied: number;
  rejected: number;
  participants: number;
  lastLine: number;
  clock: number;
};

/** Checkpoint at seq: written in a transaction after (or with) the events through seq. */
export type CheckpointMessage = CheckpointRow & {
  kind: 'checkpoint';
  runId: number;
  p: string[];
  /** JSON text of each changed participant's persisted snapshot. */
  snapshot: string[];
};

/**
 * A checkpoint as the runtime's shards encoded it (CheckpointDelta: ids plus one UTF-8
 * buffer each), decoded by the writer thread into a CheckpointMessage on arrival: the
 * pipeline's thread never builds tens of thousands of strings for it, nor clones them.
 */
export type CheckpointPartsMessage = Omit<CheckpointMessage, 'kind' | 'p' | 'snapshot'> & { kind: 'checkpoint-parts'; parts: CheckpointDelta[] };

export type FinishMessage = {
  kind: 'finish';
  runId: number;
  status: 'completed' | 'cancelled' | 'failed' | 'interrupted' | 'paused';
  error: string | null;
  /** JSON text of the ReplayResult, for a completed run. */
  result: string | null;
  /** Wall time this process spent on the run, added to the stored total. */
  activeMs: number;
};

/** Creates a run (and stores its hunt version) on the writer thread, so no caller thread waits on the write lock. */
export type CreateRunMessage = {
  kind: 'create';
  hunt: { id: string; title: string };
  run: Omit<NewRun, 'huntVersion' | 'seed' | 'settings' | 'source'> & { seed: number | null; settings: unknown; source: unknown };
};

/** A resume takes the run over: this process becomes its owner, status running. */
export type ClaimRunMessage = { kind: 'claim'; runId: number };

/** Deletes a run and everything stored for it. */
export type DeleteRunMessage = { kind: 'delete'; runId: number };

export type WriterRequest =
  | EventsMessage
  | CheckpointMessage
  | CheckpointPartsMessage
  | FinishMessage
  | CreateRunMessage
  | ClaimRunMessage
  | DeleteRunMessage
  | { kind: 'close' };

export type WriterWorkerApi = {
  /** Answers once the thread has its connection open. */
  ready(): void;
  /**
   * Commits the message in the next transaction, with whatever else came meanwhile;
   * answers once it is committed (a checkpoint once its last snapshot slice is): the new
   * run's id for a create, null otherwise. A failed commit rejects with SQLite's error
   * (its code kept), for that message and every other one not yet committed.
   */
  write(message: WriterRequest): Promise<number | null>;
};

export type WriterWorkerEvents = {
  /** Sent with each commit, before its answers: `batches` messages, `rows` event rows. */
  committed: { batches: number; rows: number };
};
