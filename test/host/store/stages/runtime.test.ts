import { afterEach, describe, expect, it } from 'vitest';
import { BoundedQueue } from '../../../../engine/flow/boundedQueue';
import { ShardedRuntime } from '../../../../engine/runtime/shardedRuntime';
import type { RunBatch } from '../../../../host/store/runBatch';
import { CheckpointSchedule, runtimeStage, type RuntimeOutput } from '../../../../host/store/stages/runtime';
import { IN_FLIGHT, SYNTHETIC_HUNT, syntheticLog } from '../../../engine/runtime/harness';
import { referenceVerdicts } from '../../../engine/runtime/reference';
import { batchesOf, shardSeqs } from './batches';

const open: ShardedRuntime[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((rt) => rt.close()));
});

async function runStage(batches: RunBatch[], opts: Parameters<typeof runtimeStage>[3], workers = 2): Promise<{ outputs: RuntimeOutput[]; stage: Promise<void> }> {
  const rt = await ShardedRuntime.start(SYNTHETIC_HUNT, { workers, maxInFlightBatches: IN_FLIGHT });
  open.push(rt);
  const input = new BoundedQueue<RunBatch>(1);
  const out = new BoundedQueue<RuntimeOutput>(2);
  const stage = runtimeStage(input, out, rt, opts);
  const outputs: RuntimeOutput[] = [];
  const taking = (async () => {
    for await (const o of out) outputs.push(o);
  })();
  for (const b of batches) await input.push(b);
  input.close();
  await Promise.all([stage, taking]);
  return { outputs, stage };
}

describe('runtime stage', () => {
  const lines = syntheticLog(9, 40);

  it("sends each batch's checked events to the workers and passes the batches on in order with their verdicts", async () => {
    const batches = await batchesOf(lines, 25);
    const { outputs } = await runStage(batches, { schedule: null });
    expect(outputs.map((o) => o.kind === 'batch' && o.cols)).toEqual(batches);
    // Verdicts of the events that passed the log checks, merged with the check stage's rejections: the reference.
    const verdicts: (string | null)[] = [];
    for (const o of outputs) {
      if (o.kind !== 'batch') continue;
      const vs = await o.verdicts;
      const rejection = [...o.cols.rejection];
      vs.forEach((v, k) => (rejection[o.cols.shardIndex[k]] = v));
      verdicts.push(...rejection);
    }
    expect(verdicts).toEqual(referenceVerdicts(SYNTHETIC_HUNT, lines));
  });

  it('asks for a checkpoint right after the batch that reaches each multiple of checkpointEvery', async () => {
    const batches = await batchesOf(lines, 25);
    const { outputs } = await runStage(batches, { schedule: new CheckpointSchedule(60, 0, 0) });
    const kinds = outputs.map((o) => (o.kind === 'batch' ? `b${o.cols.lastSeq}` : `c${o.seq}`));
    // Batches end at 25, 50, 75, …: a checkpoint follows the first batch at or past 60, 120, …
    const expected: string[] = [];
    let next = 60;
    for (const b of batches) {
      expected.push(`b${b.lastSeq}`);
      if (b.lastSeq >= next) {
        expected.push(`c${b.lastSeq}`);
        next = (Math.floor(b.lastSeq / 60) + 1) * 60;
      }
    }
    expect(kinds).toEqual(expected);
    for (const o of outputs) {
      if (o.kind !== 'checkpoint') continue;
      const cp = await o.delta;
      expect(cp.throughSeq).toBeLessThanOrEqual(o.seq);
      expect(cp.throughSeq).toBe(o.lastSent);
    }
  });

  it("passes the source's verdicts on when it knows them all (a live hunt)", async () => {
    const batches = await batchesOf(lines, 25);
    const reference = referenceVerdicts(SYNTHETIC_HUNT, lines);
    const { outputs } = await runStage(batches, { schedule: null, knownVerdict: (seq) => reference[seq - 1] as never });
    for (const o of outputs) if (o.kind === 'batch') expect(o.known).toEqual(shardSeqs(o.cols).map((seq) => reference[seq - 1]));
    await Promise.all(outputs.map((o) => o.kind === 'batch' && o.verified));
  });

  it("fails the run when the workers' verdicts differ from the source's", async () => {
    const batches = await batchesOf(lines, 25);
    const reference = referenceVerdicts(SYNTHETIC_HUNT, lines);
    // Right for every line but one: the batch holding it goes on, and its check fails the queue.
    const wrongSeq = shardSeqs(batches[2])[0];
    const knownVerdict = (seq: number) => (seq === wrongSeq ? 'not-joined' : reference[seq - 1]) as ReturnType<NonNullable<Parameters<typeof runtimeStage>[3]['knownVerdict']>>;
    const rt = await ShardedRuntime.start(SYNTHETIC_HUNT, { workers: 1, maxInFlightBatches: IN_FLIGHT });
    open.push(rt);
    // Room for every batch: the stage sends them all without waiting for the commit stage.
    const input = new BoundedQueue<RunBatch>(batches.length);
    const out = new BoundedQueue<RuntimeOutput>(batches.length);
    for (const b of batches) await input.push(b);
    input.close();
    const disagreement = new RegExp(`line ${wrongSeq}: the participants' rules give ${reference[wrongSeq - 1] ?? 'applied'}, the source judged it not-joined`);
    // The stage ends, or, when the check failed the queue before its last push, stops with that error.
    const ended = await runtimeStage(input, out, rt, { schedule: null, knownVerdict }).then(
      () => null,
      (err: unknown) => err,
    );
    if (ended !== null) expect(String(ended)).toMatch(disagreement);
    await expect.poll(() => out.failed, { timeout: 10_000 }).toBe(true);
    expect(String(out.error)).toMatch(disagreement);
    // The commit stage, taking the next batch, gets that first error.
    await expect(out.next()).rejects.toThrow(disagreement);
  });
});
