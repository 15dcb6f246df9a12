// Checkpoint, restore with another number of workers, go on: the result is the one of
// an uninterrupted run. The restored states are what a store would hold: the newest
// snapshot of each participant among the checkpoint deltas taken so far.
import fc from 'fast-check';
import { lineBatchOfEvents } from '../../../engine/batch/lineBatch';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReplayResult } from '../../../engine/log/types';
import { ShardedRuntime } from '../../../engine/runtime/shardedRuntime';
import { IN_FLIGHT, LogFeeder, SYNTHETIC_HUNT, syntheticLog } from './harness';
import { referenceResult, referenceVerdicts } from './reference';
import { compareCodePoints } from '../../../engine/replay/order';
import type { Hunt } from '../../../engine/hunt/schema';
import { validateHunt } from '../../../engine/hunt/validate';

// A hunt/2 case with two rotation groups: offsets hang on each join's index in the whole log.
const V2_DIR = join(import.meta.dirname, '../../fixtures/conformance-v2');
const V2_HUNT = validateHunt(JSON.parse(readFileSync(join(V2_DIR, 'case14.hunt.json'), 'utf8'))).hunt!;
const V2_LINES = readFileSync(join(V2_DIR, 'case14.jsonl'), 'utf8').split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');

const lines = syntheticLog(3, 40);
const open: ShardedRuntime[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((rt) => rt.close()));
});

async function start(workers: number, states?: { p: string; json: string }[], throughSeq?: number, hunt: Hunt = SYNTHETIC_HUNT): Promise<ShardedRuntime> {
  const rt = states ? await ShardedRuntime.restore(hunt, states, { workers, throughSeq, maxInFlightBatches: IN_FLIGHT }) : await ShardedRuntime.start(hunt, { workers, maxInFlightBatches: IN_FLIGHT });
  open.push(rt);
  return rt;
}

/**
 * Feeds the log with a checkpoint at each cut, then restores from the states as of cut
 * number `restoreAt` into `workersAfter` workers and replays the rest of the log from there.
 */
async function cutAndRestore(
  cuts: number[],
  restoreAt: number,
  workersBefore: number,
  workersAfter: number,
  hunt: Hunt = SYNTHETIC_HUNT,
  log: string[] = lines,
): Promise<ReplayResult> {
  const rt = await start(workersBefore, undefined, undefined, hunt);
  const feeder = new LogFeeder(log, 'events', hunt.format);
  const store = new Map<string, string>();
  let restored: { states: { p: string; json: string }[]; throughSeq: number; position: number } | null = null;
  for (const [i, cut] of cuts.entries()) {
    await feeder.feed(rt, cut, 8);
    const c = await rt.checkpoint();
    expect(c.throughSeq).toBe(feeder.lastSeq > 0 ? lastEventSeq(feeder) : 0);
    // One list sorted by id in code-point order, whatever the number of shards it came from.
    const ids = c.changed.map((s) => s.p);
    expect(ids).toEqual([...ids].sort(compareCodePoints));
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of c.changed) store.set(s.p, s.json);
    if (i === restoreAt) restored = { states: [...store].map(([p, json]) => ({ p, json })), throughSeq: c.throughSeq, position: feeder.position };
  }
  await rt.close();
  if (!restored) throw new Error('restoreAt outside cuts');
  // A second feeder picks the log up where the restored checkpoint was taken (the pipeline
  // re-reads the log from the line after throughSeq; the LogFront clock is the max t so far).
  const again = await start(workersAfter, restored.states, restored.throughSeq, hunt);
  const resumed = new LogFeeder(log, 'lines', hunt.format);
  resumed.skip(restored.position);
  expect(await again.statusCounts()).toEqual(countActive(restored.states));
  await resumed.feed(again, log.length, 8);
  expect(resumed.verdicts.slice(restored.throughSeq)).toEqual(referenceVerdicts(hunt, log).slice(restored.throughSeq));
  return resumed.result(again, hunt.id);
}

function lastEventSeq(feeder: LogFeeder): number {
  // The seq of the last line that reached the runtime (lines rejected by LogFront never do).
  for (let s = feeder.lastSeq; s > 0; s--) if (feeder.sentSeqs.has(s)) return s;
  return 0;
}

function countActive(states: { json: string }[]) {
  const counts = { active: 0, finished: 0, timed_out: 0, quit: 0 };
  for (const s of states) counts[(JSON.parse(s.json) as { status: keyof typeof counts }).status]++;
  return counts;
}

describe('checkpoint → restore with another W → continue', () => {
  it('W=2 → W=3 at one cut gives the uninterrupted result', async () => {
    const expected = await referenceResult(SYNTHETIC_HUNT, lines);
    const result = await cutAndRestore([150, 260], 1, 2, 3);
    expect(result.participants).toEqual(expected.participants);
    expect(result.endTime).toBe(expected.endTime);
  });

  it('hunt/2 with rotation groups: any cuts, any restore point, any W before and after (property)', async () => {
    expect(V2_HUNT.format === 'hunt/2' && V2_HUNT.groups!.length).toBe(2);
    const expected = await referenceResult(V2_HUNT, V2_LINES);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 0, max: V2_LINES.length }), { minLength: 1, maxLength: 3 }).map((xs) => xs.sort((a, b) => a - b)),
        fc.nat(),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        async (cuts, pick, before, after) => {
          const result = await cutAndRestore(cuts, pick % cuts.length, before, after, V2_HUNT, V2_LINES);
          expect(result.participants).toEqual(expected.participants);
          await Promise.all(open.splice(0).map((rt) => rt.close()));
        },
      ),
      { numRuns: 5, seed: 20261202 },
    );
  });

  it('a checkpoint can cover lines the log level rejected after the last event sent', async () => {
    const rt = await start(2);
    await rt.submit(lineBatchOfEvents([{ seq: 1, line: 1, event: { t: 0, p: 'alice', type: 'join' } }]));
    // Lines 2 and 3 were rejected by LogFront: the caller says the checkpoint covers them.
    expect((await rt.checkpoint(3)).throughSeq).toBe(3);
    await expect(rt.submit(lineBatchOfEvents([{ seq: 3, line: 3, event: { t: 1, p: 'bob', type: 'join' } }]))).rejects.toThrow(/seq 3 comes after seq 3/);
    await expect(rt.checkpoint(2)).rejects.toThrow(/throughSeq 2 is before seq 3/);
    expect((await rt.checkpoint()).throughSeq).toBe(3);
  });

  it('any cuts, any restore point, any W before and after (property)', async () => {
    const expected = await referenceResult(SYNTHETIC_HUNT, lines);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 0, max: lines.length }), { minLength: 1, maxLength: 3 }).map((xs) => xs.sort((a, b) => a - b)),
        fc.nat(),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        async (cuts, pick, before, after) => {
          const result = await cutAndRestore(cuts, pick % cuts.length, before, after);
          expect(result.participants).toEqual(expected.participants);
          await Promise.all(open.splice(0).map((rt) => rt.close()));
        },
      ),
      { numRuns: 5, seed: 20261126 },
    );
  });

  it('restoring a state with no participant id fails with a clear error', async () => {
    await expect(ShardedRuntime.restore(SYNTHETIC_HUNT, [{ p: '', json: '{}' }], { workers: 1, maxInFlightBatches: IN_FLIGHT })).rejects.toThrow(
      /restore: state 0 has no participant id/,
    );
  });

  it('restoring the same participant twice, or a snapshot that is not JSON, fails with a clear error', async () => {
    await expect(
      ShardedRuntime.restore(SYNTHETIC_HUNT, [{ p: 'a', json: '{}' }, { p: 'b', json: '{}' }, { p: 'a', json: '{}' }], { workers: 1, maxInFlightBatches: IN_FLIGHT }),
    ).rejects.toThrow(/restore: participant "a" is given twice \(states 0 and 2\)/);
    await expect(ShardedRuntime.restore(SYNTHETIC_HUNT, [{ p: 'a', json: '{"x":' }], { workers: 2, maxRestarts: 0, maxInFlightBatches: IN_FLIGHT })).rejects.toThrow(
      /the snapshot of participant "a" is not valid JSON/,
    );
  });

  it('restoring a snapshot under the wrong participant id fails with a clear error', async () => {
    const rt = await start(1);
    await rt.submit(lineBatchOfEvents([{ seq: 1, line: 1, event: { t: 0, p: 'alice', type: 'join' } }]));
    const [alice] = (await rt.checkpoint()).changed;
    expect(alice.p).toBe('alice');
    expect((alice.snapshot as { id: string }).id).toBe('alice');
    await expect(
      ShardedRuntime.restore(SYNTHETIC_HUNT, [{ p: 'bob', snapshot: alice.snapshot }], { workers: 1, maxRestarts: 0, maxInFlightBatches: IN_FLIGHT }),
    ).rejects.toThrow(/snapshot given for participant "bob" holds another participant/);
  });
});
