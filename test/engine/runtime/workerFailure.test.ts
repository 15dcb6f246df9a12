// A worker thread that fails mid-run (throws, dies of an uncaught error, exits, or hangs)
// is replaced; its shard is rebuilt from the last checkpoint and the calls sent since,
// and the run ends exactly as a run without the failure. A worker that answers wrongly
// fails the run with an error naming its shard.
import { afterEach, describe, expect, it } from 'vitest';
import { lineBatchOfEvents } from '../../../engine/batch/lineBatch';
import type { RejectionReason, ReplayResult } from '../../../engine/log/types';
import { ShardedRuntime } from '../../../engine/runtime/shardedRuntime';
import { shardOf } from '../../../engine/runtime/shardHash';
import type { InjectedFault, RuntimeOptions } from '../../../engine/runtime/types';
import { IN_FLIGHT, LogFeeder, SYNTHETIC_HUNT, syntheticLog } from './harness';
import { referenceResult, referenceVerdicts } from './reference';

const lines = syntheticLog(11, 80);
const open: ShardedRuntime[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((rt) => rt.close()));
});

type Run = { result: ReplayResult; verdicts: (RejectionReason | null)[]; failures: { shard: number; error: string }[]; rt: ShardedRuntime };

async function run(opts: Omit<RuntimeOptions, 'maxInFlightBatches'> & { maxInFlightBatches?: number }, checkpointAt?: number): Promise<Run> {
  const failures: { shard: number; error: string }[] = [];
  const rt = await ShardedRuntime.start(SYNTHETIC_HUNT, { maxInFlightBatches: IN_FLIGHT, ...opts, onWorkerFailure: (f) => failures.push(f) });
  open.push(rt);
  const feeder = new LogFeeder(lines);
  if (checkpointAt !== undefined) {
    await feeder.feed(rt, checkpointAt, 10);
    await rt.checkpoint();
  }
  await feeder.feed(rt, lines.length, 10);
  return { result: await feeder.result(rt, SYNTHETIC_HUNT.id), verdicts: feeder.verdicts, failures, rt };
}

describe('worker failure mid-run', () => {
  // Batches of 10 lines: a checkpoint at line 200 comes after about 20 batches of each shard,
  // so a fault at batch 35 hits a shard rebuilt from that checkpoint plus the tail.
  const cases: { kind: InjectedFault['kind']; workers: number; atBatch: number; error: RegExp; checkpointAt?: number }[] = [
    { kind: 'throw', workers: 2, atBatch: 12, error: /applyBatch\(\) threw Error: injected fault \(throw\)/ },
    { kind: 'uncaught', workers: 2, atBatch: 35, error: /uncaught Error: injected fault \(uncaught\)/, checkpointAt: 200 },
    { kind: 'exit', workers: 4, atBatch: 35, error: /the thread exited \(code 70\)/, checkpointAt: 200 },
    { kind: 'exit', workers: 1, atBatch: 12, error: /the thread exited \(code 70\)/ },
    { kind: 'hang', workers: 2, atBatch: 12, error: /no answer to applyBatch\(\) within 2000 ms/ },
  ];
  for (const c of cases) {
    const where = c.checkpointAt === undefined ? 'no checkpoint yet' : `after a checkpoint at line ${c.checkpointAt}`;
    it(`${c.kind} at batch ${c.atBatch}, W=${c.workers} (${where}) gives the fault-free result`, async () => {
      const fault: InjectedFault = { shard: c.workers - 1, atBatch: c.atBatch, kind: c.kind };
      const faulty = await run(
        { workers: c.workers, maxInFlightBatches: 4, callTimeoutMs: c.kind === 'hang' ? 2000 : 60_000, testing: { fault } },
        c.checkpointAt,
      );
      expect(faulty.failures[0].shard).toBe(c.workers - 1);
      expect(faulty.failures[0].error).toMatch(c.error);
      // With the short timeout of the hang case, a heavily loaded machine may also time out
      // the replacement's start; the runtime then simply tries again.
      if (c.kind !== 'hang') expect(faulty.failures).toHaveLength(1);
      expect(faulty.rt.restarts).toBe(faulty.failures.length);
      expect(faulty.verdicts).toEqual(referenceVerdicts(SYNTHETIC_HUNT, lines));
      expect(faulty.result).toEqual(await referenceResult(SYNTHETIC_HUNT, lines));
    });
  }

  it('checkpoints after a rebuild report the same participants as without a failure', async () => {
    const deltas = async (fault?: InjectedFault) => {
      const failures: string[] = [];
      const rt = await ShardedRuntime.start(SYNTHETIC_HUNT, { workers: 2, maxInFlightBatches: IN_FLIGHT, testing: { fault }, onWorkerFailure: (f) => failures.push(f.error) });
      open.push(rt);
      const feeder = new LogFeeder(lines);
      const checkpoints: { throughSeq: number; changed: string[][] }[] = [];
      for (const end of [150, 400, lines.length]) {
        await feeder.feed(rt, end, 10);
        const c = await rt.checkpoint();
        checkpoints.push({ throughSeq: c.throughSeq, changed: c.changed.map((s) => [s.p, s.json]) });
      }
      return { failures, checkpoints };
    };
    // Batch 20 of shard 0 falls between the first and the second checkpoint.
    const faulty = await deltas({ shard: 0, atBatch: 20, kind: 'exit' });
    const clean = await deltas();
    expect(faulty.failures).toHaveLength(1);
    expect(clean.failures).toEqual([]);
    faulty.checkpoints.forEach((c, i) => {
      expect(c.throughSeq).toBe(clean.checkpoints[i].throughSeq);
      expect(c.changed.map(([p]) => p)).toEqual(clean.checkpoints[i].changed.map(([p]) => p));
      expect(Object.fromEntries(c.changed)).toEqual(Object.fromEntries(clean.checkpoints[i].changed));
    });
  });

  it('fails the run, naming the shard, when a worker answers the wrong number of verdicts (wrong, not dead: no rebuild)', async () => {
    const failures: string[] = [];
    const fault: InjectedFault = { shard: 1, atBatch: 2, kind: 'miscount' };
    const rt = await ShardedRuntime.start(SYNTHETIC_HUNT, { workers: 2, maxInFlightBatches: 3, testing: { fault }, onWorkerFailure: (f) => failures.push(f.error) });
    open.push(rt);
    // Three batches of six joins, three for each shard.
    const names = Array.from({ length: 40 }, (_, k) => `p${k}`);
    const ofShard = (shard: number) => names.filter((p) => shardOf(p, 2) === shard);
    const batches = [0, 1, 2].map((b) => {
      const who = [...ofShard(0).slice(3 * b, 3 * b + 3), ...ofShard(1).slice(3 * b, 3 * b + 3)];
      return lineBatchOfEvents(who.map((p, k) => ({ seq: 6 * b + k + 1, line: 6 * b + k + 1, event: { t: 0, p, type: 'join' as const } })));
    });
    const sent = await Promise.all(batches.map((b) => rt.enqueue(b)));
    const [first, second, third] = await Promise.allSettled(sent.map((s) => s.verdicts));
    expect(first).toEqual({ status: 'fulfilled', value: [null, null, null, null, null, null] });
    const miscount = 'ShardedRuntime: shard 1 answered 2 verdicts for the 3 events it was sent (seq 7–12)';
    expect(second).toEqual({ status: 'rejected', reason: new Error(miscount) });
    // Every later batch gets that first error.
    expect(third).toEqual({ status: 'rejected', reason: new Error(miscount) });
    expect(failures).toEqual([]);
    expect(rt.restarts).toBe(0);
  });

  it('gives up with a clear error when a shard keeps failing', async () => {
    const failures: string[] = [];
    const callTimeoutMs = 1500;
    const rt = await ShardedRuntime.start(SYNTHETIC_HUNT, {
      workers: 1,
      maxInFlightBatches: IN_FLIGHT,
      maxRestarts: 2,
      callTimeoutMs,
      // Every batch hangs in every incarnation: the delay far outlasts the call timeout.
      testing: { batchDelayMs: 60_000 },
      onWorkerFailure: (f) => failures.push(f.error),
    });
    open.push(rt);
    const givenUp = new RegExp(
      `shard 0: the worker failed 3 times in a row without progress; last failure: no answer to \\w+\\(\\) within ${callTimeoutMs} ms`,
    );
    // Several batches in flight when the runtime gives up: each one's verdicts reject
    // (and none is left as an unhandled rejection, which vitest would report). On a busy
    // machine even load() can miss the deadline three times before a batch is admitted;
    // then enqueue itself refuses with the same error.
    const admitted = await Promise.allSettled(
      [1, 2, 3].map((seq) => rt.enqueue(lineBatchOfEvents([{ seq, line: seq, event: { t: 0, p: `p${seq}`, type: 'join' } }]))),
    );
    for (const a of admitted) {
      if (a.status === 'rejected') expect(String(a.reason)).toMatch(givenUp);
      else await expect(a.value.verdicts).rejects.toThrow(givenUp);
    }
    expect(failures).toHaveLength(3);
    await expect(rt.results()).rejects.toThrow(/failed 3 times in a row/);
  });
});
