// Stage 4, commit: each batch, once its verdicts are known, is counted in log order and
// handed to the writer thread (one message, committed with other whole batches); a
// checkpoint goes to the writer after the events it covers, as soon as the workers
// have serialised its delta (later batches' events go out meanwhile: a checkpoint
// behind the log's end is fine, one ahead of it never happens). The main thread never
// waits on SQLite here: two small consumers await the writer's answers in order, and
// their queues bound what is uncommitted (maxWriterInFlight messages; checkpoints are
// written one at a time).
import type { BoundedQueue } from '../../../engine/flow/boundedQueue';
import type { DbWriter } from '../../../db/writer/client';
import { VERDICT_APPLIED } from '../../../engine/batch/lineBatch';
import type { RuntimeOutput, SentBatch, TakenCheckpoint } from './runtime';
import type { RunTally } from './tally';

/** A writer message of events, not yet known to be committed. */
export type PendingCommit = {
  /** Resolves with the commit's time (performance.now() of the writer's clock, see DbWriter). */
  committed: Promise<number>;
  /** The workers' verdicts compared with the source's, when the batch was written with those. */
  verified: Promise<void> | null;
  /** Read time of each of the batch's lines (latency benchmarks). */
  readAt: Float64Array | null;
  length: number;
};

export type CommitStageOptions = {
  runId: number;
  writer: DbWriter;
  tally: RunTally;
};

export async function commitStage(
  input: BoundedQueue<RuntimeOutput>,
  commits: BoundedQueue<PendingCommit>,
  checkpoints: BoundedQueue<CheckpointToWrite>,
  opts: CommitStageOptions,
): Promise<void> {
  for await (const out of input) {
    if (out.kind === 'batch') await commitBatch(out, commits, opts);
    else await checkpoints.push({ cp: out, applied: opts.tally.applied, rejected: opts.tally.rejected, participants: opts.tally.participants });
  }
  commits.close();
  checkpoints.close();
}

async function commitBatch({ cols, verdicts, known, verified }: SentBatch, commits: BoundedQueue<PendingCommit>, { runId, writer, tally }: CommitStageOptions): Promise<void> {
  const rejections = known ?? (await verdicts);
  cols.setVerdicts(rejections);
  const lines = cols.lines;
  const verdict = lines.verdict;
  for (let i = 0; i < lines.length; i++) tally.count(cols.typeAt(i), verdict[i] === VERDICT_APPLIED ? null : 'rejected');
  // The batch's buffers move to the writer thread (DbWriter.post): nothing reads it after this.
  const committed = writer.post({
    kind: 'events',
    runId,
    lines,
    applied: tally.applied,
    rejected: tally.rejected,
    participants: tally.participants,
    lastLine: cols.lastLine,
    clock: cols.clock,
  });
  commits.failOn(committed);
  await commits.push({ committed, verified, readAt: cols.readAt, length: cols.length });
}

/** A checkpoint with the run's counters as of its batch (counted just before it, in log order). */
export type CheckpointToWrite = { cp: TakenCheckpoint; applied: number; rejected: number; participants: number };

/** Awaits each events message's commit in order (and its verification), then reports it (onCommitted). */
export async function awaitCommits(commits: BoundedQueue<PendingCommit>, onCommitted?: (readAt: Float64Array, length: number, committedAt: number) => void): Promise<void> {
  for await (const c of commits) {
    const at = await c.committed;
    if (c.verified) await c.verified;
    if (c.readAt && onCommitted) onCommitted(c.readAt, c.length, at);
  }
}

/**
 * Writes each checkpoint in order once the workers have serialised its delta, and awaits
 * its commit: one is written at a time, and the queue's capacity bounds those waiting.
 */
export async function writeCheckpoints(checkpoints: BoundedQueue<CheckpointToWrite>, { runId, writer, tally }: CommitStageOptions): Promise<void> {
  for await (const { cp, applied, rejected, participants } of checkpoints) {
    const [delta, counts] = await Promise.all([cp.delta, cp.counts]);
    if (delta.throughSeq > cp.seq || delta.throughSeq < cp.lastSent) {
      throw new Error(`runtime checkpoint covers seq ${delta.throughSeq}, expected the batch ending at ${cp.seq}`);
    }
    tally.counts = counts;
    // The writer spreads a checkpoint's snapshots over its next commits.
    await writer.post({ kind: 'checkpoint-parts', runId, seq: cp.seq, line: cp.line, clock: cp.clock, applied, rejected, participants, counts, parts: delta.parts });
  }
}
