import { describe, expect, it } from 'vitest';
import { verdictAt, type LineBatch } from '../../../../engine/batch/lineBatch';
import { BoundedQueue } from '../../../../engine/flow/boundedQueue';
import { runStages } from '../../../../engine/flow/stages';
import type { BatchVerdicts, RuntimeCheckpoint, StatusCounts } from '../../../../engine/runtime/types';
import type { DbWriter, WriterMessage } from '../../../../db/writer/client';
import type { RunBatch } from '../../../../host/store/runBatch';
import { awaitCommits, commitStage, writeCheckpoints, type CheckpointToWrite, type PendingCommit } from '../../../../host/store/stages/commit';
import type { RuntimeOutput, TakenCheckpoint } from '../../../../host/store/stages/runtime';
import { RunTally } from '../../../../host/store/stages/tally';
import { verifyStage } from '../../../../host/store/stages/verify';
import { SYNTHETIC_HUNT, syntheticLog } from '../../../engine/runtime/harness';
import { referenceVerdicts } from '../../../engine/runtime/reference';
import { batchesOf, shardSeqs } from './batches';

/** A written batch's verdicts, row by row. */
const rejectionsOf = (b: LineBatch) => Array.from({ length: b.length }, (_, i) => verdictAt(b, i));

/** A writer thread stand-in: records every message; each commit resolves with its index, or rejects for `failAt`. */
function fakeWriter(failAt: (m: WriterMessage, i: number) => Error | null = () => null) {
  const posts: WriterMessage[] = [];
  const writer = {
    post(m: WriterMessage): Promise<number> {
      const i = posts.push(m) - 1;
      const err = failAt(m, i);
      return err ? Promise.reject(err) : Promise.resolve(1000 + i);
    },
  };
  return { posts, writer: writer as unknown as DbWriter };
}

const lines = syntheticLog(13, 25);
const reference = referenceVerdicts(SYNTHETIC_HUNT, lines);

/** The workers' verdicts of a batch, from the reference. */
function verdictsOf(cols: RunBatch): Promise<BatchVerdicts> {
  return Promise.resolve(shardSeqs(cols).map((seq) => reference[seq - 1]));
}

function checkpointAfter(cols: RunBatch, delta: Partial<RuntimeCheckpoint> = {}): TakenCheckpoint {
  const lastSent = shardSeqs(cols).at(-1)!;
  const counts: StatusCounts = { active: 3, finished: 1, timed_out: 0, quit: 0 };
  return {
    kind: 'checkpoint',
    seq: cols.lastSeq,
    line: cols.lastLine,
    clock: cols.clock,
    lastSent,
    delta: Promise.resolve({ throughSeq: lastSent, parts: [], changed: [], ...delta } as RuntimeCheckpoint),
    counts: Promise.resolve(counts),
  };
}

/** Runs the commit stage and its two consumers on `outputs`, as the pipeline composes them. */
async function commit(outputs: RuntimeOutput[], writer: DbWriter, onCommitted?: (readAt: Float64Array, n: number, at: number) => void) {
  const input = new BoundedQueue<RuntimeOutput>(2);
  const commits = new BoundedQueue<PendingCommit>(2);
  const checkpoints = new BoundedQueue<CheckpointToWrite>(1);
  const tally = new RunTally(0, 0, 0);
  const opts = { runId: 7, writer, tally };
  await runStages(
    [input, commits, checkpoints],
    [
      async () => {
        for (const o of outputs) await input.push(o);
        input.close();
      },
      () => commitStage(input, commits, checkpoints, opts),
      () => awaitCommits(commits, onCommitted),
      () => writeCheckpoints(checkpoints, opts),
    ],
  );
  return tally;
}

describe('commit stage', () => {
  it('writes each batch in log order with its verdicts and the counters through it, and a checkpoint after the events it covers', async () => {
    const batches = await batchesOf(lines, 40, true);
    const outputs: RuntimeOutput[] = [];
    for (const [i, cols] of batches.entries()) {
      outputs.push({ kind: 'batch', cols, verdicts: verdictsOf(cols), known: null, verified: null });
      if (i === 1) outputs.push(checkpointAfter(cols));
    }
    const { posts, writer } = fakeWriter();
    const committed: number[] = [];
    const tally = await commit(outputs, writer, (_readAt, n, at) => committed.push(n, at));

    const events = posts.filter((m) => m.kind === 'events');
    expect(events.map((m) => m.lines.seq[0])).toEqual(batches.map((b) => b.seq0));
    expect(events.flatMap((m) => rejectionsOf(m.lines))).toEqual(reference);
    // Counters as of each batch's end.
    let applied = 0;
    events.forEach((m, i) => {
      applied += batches[i].rejection.filter((r) => r === null).length;
      expect(m.applied).toBe(applied);
      expect(m.clock).toBe(batches[i].clock);
    });
    expect(tally.applied).toBe(reference.filter((r) => r === null).length);
    expect(tally.rejected).toBe(reference.filter((r) => r !== null).length);
    // The checkpoint comes after the events it covers, with the counters of its batch.
    const cpAt = posts.findIndex((m) => m.kind === 'checkpoint-parts');
    const cp = posts[cpAt] as Extract<WriterMessage, { kind: 'checkpoint-parts' }>;
    expect(cp.seq).toBe(batches[1].lastSeq);
    expect(posts.slice(0, cpAt).filter((m) => m.kind === 'events')).toHaveLength(2);
    expect(cp.applied).toBe((events[1] as { applied: number }).applied);
    expect(tally.counts).toEqual({ active: 3, finished: 1, timed_out: 0, quit: 0 });
    // Every batch reported committed, in order, with its commit's time.
    expect(committed.filter((_, i) => i % 2 === 0)).toEqual(batches.map((b) => b.length));
    expect(committed.filter((_, i) => i % 2 === 1)).toEqual(posts.map((m, i) => (m.kind === 'events' ? 1000 + i : -1)).filter((x) => x >= 0));
  });

  it("writes with the source's verdicts without waiting for the workers, and fails when their check fails", async () => {
    const [cols] = await batchesOf(lines, 30);
    const known = shardSeqs(cols).map((seq) => reference[seq - 1]);
    const never = new Promise<BatchVerdicts>(() => undefined);
    const { posts, writer } = fakeWriter();
    const mismatch = new Error('line 3: the participants disagree');
    await expect(commit([{ kind: 'batch', cols, verdicts: never, known, verified: Promise.reject(mismatch) }], writer)).rejects.toBe(mismatch);
    expect(posts).toHaveLength(1);
    expect(posts[0].kind === 'events' && rejectionsOf(posts[0].lines)).toEqual(reference.slice(0, cols.length));
  });

  it("carries the writer's first error: later failures are ignored, the run fails with the first", async () => {
    const batches = await batchesOf(lines, 20);
    const outputs: RuntimeOutput[] = batches.map((cols) => ({ kind: 'batch', cols, verdicts: verdictsOf(cols), known: null, verified: null }));
    const { writer } = fakeWriter((_m, i) => (i >= 1 ? new Error(`commit ${i} failed`) : null));
    await expect(commit(outputs, writer)).rejects.toThrow('commit 1 failed');
  });

  it('refuses a checkpoint whose delta does not end at its batch', async () => {
    const [cols] = await batchesOf(lines, 30);
    const { writer } = fakeWriter();
    const outputs: RuntimeOutput[] = [
      { kind: 'batch', cols, verdicts: verdictsOf(cols), known: null, verified: null },
      checkpointAfter(cols, { throughSeq: cols.lastSeq + 5 }),
    ];
    await expect(commit(outputs, writer)).rejects.toThrow(`runtime checkpoint covers seq ${cols.lastSeq + 5}, expected the batch ending at ${cols.lastSeq}`);
  });
});

describe('verify stage (a resume)', () => {
  it('counts committed lines fed again when the replay gives their stored verdicts, and fails at the first that differs', async () => {
    const make = async () => {
      const batches = await batchesOf(lines, 50);
      for (const b of batches) b.expected = reference.slice(b.seq0 - 1, b.seq0 - 1 + b.length);
      return batches;
    };
    const run = async (batches: RunBatch[]) => {
      const q = new BoundedQueue<RuntimeOutput>(batches.length);
      for (const cols of batches) await q.push({ kind: 'batch', cols, verdicts: verdictsOf(cols), known: null, verified: null });
      q.close();
      const tally = new RunTally(0, 0, 0);
      await verifyStage(q, tally);
      return tally;
    };
    const tally = await run(await make());
    expect(tally.applied + tally.rejected).toBe(reference.length);
    const changed = await make();
    const at = changed[1].shardIndex[0];
    changed[1].expected![at] = 'not-joined';
    await expect(run(changed)).rejects.toThrow(`resume diverged from the stored log at seq ${changed[1].seq0 + at}: stored not-joined`);
  });
});
