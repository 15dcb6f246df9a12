// Bounded in-flight work: when the workers are slower than the producer, the producer's
// await on enqueue() really waits, batches in flight never exceed the bound, and the
// events kept for worker recovery stay bounded even if the caller never checkpoints.
import { afterEach, describe, expect, it } from 'vitest';
import { shardOf } from '../../../engine/runtime/shardHash';
import { ShardedRuntime } from '../../../engine/runtime/shardedRuntime';
import { lineBatchOfEvents, type LineBatch } from '../../../engine/batch/lineBatch';
import { IN_FLIGHT, LogFeeder, SYNTHETIC_HUNT, syntheticLog } from './harness';
import { referenceVerdicts } from './reference';

const open: ShardedRuntime[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((rt) => rt.close()));
});

function joins(from: number, count: number): LineBatch {
  return lineBatchOfEvents(Array.from({ length: count }, (_, i) => ({ seq: from + i, line: from + i, event: { t: 0, p: `p${from + i}`, type: 'join' } })));
}

describe('backpressure', () => {
  it('holds a fast producer back behind a slow worker', async () => {
    const delay = 40;
    const bound = 2;
    const rt = await ShardedRuntime.start(SYNTHETIC_HUNT, { workers: 1, maxInFlightBatches: bound, testing: { batchDelayMs: delay } });
    open.push(rt);
    const batches = 10;
    let answered = 0;
    const pending: Promise<unknown>[] = [];
    const started = performance.now();
    for (let b = 0; b < batches; b++) {
      const { verdicts } = await rt.enqueue(joins(b * 5 + 1, 5));
      // Never more than `bound` batches out, so at most `bound` are unanswered here.
      expect(rt.inFlight).toBeLessThanOrEqual(bound);
      expect(b + 1 - answered).toBeLessThanOrEqual(bound + 1);
      pending.push(verdicts.then(() => answered++));
    }
    const producerTime = performance.now() - started;
    await Promise.all(pending);
    expect(rt.peakInFlight).toBe(bound);
    // The producer could only send batch k once batch k - bound was answered.
    expect(producerTime).toBeGreaterThanOrEqual((batches - bound) * delay * 0.9);
    expect(answered).toBe(batches);
  });

  it('resolves batches in submission order even when a later batch is answered first', async () => {
    const rt = await ShardedRuntime.start(SYNTHETIC_HUNT, { workers: 2, maxInFlightBatches: IN_FLIGHT, testing: { batchDelayMs: 150, delayShard: 0 } });
    open.push(rt);
    const [slow, fast] = [0, 1].map((shard) => ['a', 'b', 'c', 'd', 'e', 'f'].find((p) => shardOf(p, 2) === shard) as string);
    const order: string[] = [];
    const first = await rt.enqueue(lineBatchOfEvents([{ seq: 1, line: 1, event: { t: 0, p: slow, type: 'join' } }]));
    const second = await rt.enqueue(lineBatchOfEvents([{ seq: 2, line: 2, event: { t: 0, p: fast, type: 'join' } }]));
    await Promise.all([first.verdicts.then(() => order.push('first')), second.verdicts.then(() => order.push('second'))]);
    expect(order).toEqual(['first', 'second']);
  });

  it('refuses a missing or bad bound, naming it (the bound comes from the tuning profile)', async () => {
    for (const bad of [undefined, 0, 1.5]) {
      await expect(ShardedRuntime.start(SYNTHETIC_HUNT, { workers: 1, maxInFlightBatches: bad as number })).rejects.toThrow(/maxInFlightBatches must be a whole number ≥ 1/);
    }
  });

  it('keeps submit() sequential callers correct: one batch at a time', async () => {
    const rt = await ShardedRuntime.start(SYNTHETIC_HUNT, { workers: 2, maxInFlightBatches: 1 });
    open.push(rt);
    const first = await rt.submit(joins(1, 4));
    const again = await rt.submit(lineBatchOfEvents([{ seq: 5, line: 5, event: { t: 1, p: 'p1', type: 'join' } }]));
    expect(first.map((v) => v.rejection)).toEqual([null, null, null, null]);
    expect(again).toEqual([{ seq: 5, rejection: 'duplicate-join' }]);
    expect(rt.peakInFlight).toBe(1);
  });

  it('bounds the events kept for recovery without caller checkpoints, and deltas still cover everything', async () => {
    const lines = syntheticLog(5, 60);
    const run = async (maxTailEvents: number) => {
      const rt = await ShardedRuntime.start(SYNTHETIC_HUNT, { workers: 2, maxInFlightBatches: IN_FLIGHT, maxTailEvents });
      open.push(rt);
      const feeder = new LogFeeder(lines);
      let peakHeld = 0;
      for (let end = 50; end < lines.length + 50; end += 50) {
        await feeder.feed(rt, Math.min(end, lines.length), 10);
        peakHeld = Math.max(peakHeld, rt.heldEvents);
      }
      const delta = await rt.checkpoint();
      return { verdicts: feeder.verdicts, peakHeld, peakInFlight: rt.peakInFlight, delta: delta.changed.map((s) => [s.p, s.json]), held: rt.heldEvents };
    };
    const bounded = await run(40);
    const unbounded = await run(1_000_000);
    expect(unbounded.peakHeld).toBeGreaterThan(300);
    // Per shard: the bound, overshot by at most the batch that crossed it (all but one of its
    // events), plus the batches in flight while the internal checkpoint was answered.
    const batch = 10;
    expect(bounded.peakInFlight).toBeGreaterThan(0);
    expect(bounded.peakHeld).toBeLessThanOrEqual(2 * (40 + (batch - 1) + bounded.peakInFlight * batch));
    expect(bounded.delta).toEqual(unbounded.delta);
    expect(bounded.verdicts).toEqual(referenceVerdicts(SYNTHETIC_HUNT, lines));
    expect(bounded.held).toBe(0);
  });
});
