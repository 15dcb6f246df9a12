// A worker that reaches its old generation cap (RuntimeOptions.oldGenerationMb) is replaced
// with twice the cap, like any failed worker, and the run ends exactly as without the cap.
import { afterEach, describe, expect, it } from 'vitest';
import { defaultOldGenerationMb, ShardedRuntime } from '../../../engine/runtime/shardedRuntime';
import { IN_FLIGHT, LogFeeder, SYNTHETIC_HUNT, syntheticLog } from './harness';
import { referenceResult } from './reference';

const open: ShardedRuntime[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((rt) => rt.close()));
});

describe('worker heap cap', () => {
  it('replaces a worker that runs out of heap with one allowed twice as much; the result is unchanged', async () => {
    const lines = syntheticLog(21, 1500);
    const failures: string[] = [];
    // 4 MB is far below what a worker needs: it fails (loading or applying) until the cap has doubled enough.
    const rt = await ShardedRuntime.start(SYNTHETIC_HUNT, {
      workers: 1,
      maxInFlightBatches: IN_FLIGHT,
      oldGenerationMb: 4,
      maxRestarts: 8,
      onWorkerFailure: (f) => failures.push(f.error),
    });
    open.push(rt);
    const feeder = new LogFeeder(lines);
    await feeder.feed(rt, lines.length, 200);
    expect(await feeder.result(rt, SYNTHETIC_HUNT.id)).toEqual(await referenceResult(SYNTHETIC_HUNT, lines));
    expect(failures.length).toBeGreaterThan(0);
    for (const error of failures) expect(error).toMatch(/memory/i);
  }, 60_000);

  it('sizes the default cap from the participants expected per shard and the hunt size, none when unknown', () => {
    expect(defaultOldGenerationMb(0)).toBeUndefined();
    expect(defaultOldGenerationMb(50_000, 20)).toBe(64 + Math.ceil((3 * 50_000 * 1.3) / 1024));
    expect(defaultOldGenerationMb(100_000, 20)).toBeGreaterThan(defaultOldGenerationMb(50_000, 20)!);
    expect(defaultOldGenerationMb(50_000, 100)).toBeGreaterThan(defaultOldGenerationMb(50_000, 20)! * 1.8);
  });
});
