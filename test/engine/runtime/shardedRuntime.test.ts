// The sharded runtime gives exactly the single-thread results, whatever the number of
// workers: on every public conformance case and on a larger synthetic log.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hunt } from '../../../engine/hunt/schema';
import { validateHunt } from '../../../engine/hunt/validate';
import type { HuntEvent, ReplayResult } from '../../../engine/log/types';
import { ShardedRuntime } from '../../../engine/runtime/shardedRuntime';
import { lineBatchOfEvents, lineTexts, parseLines, selectRows } from '../../../engine/batch/lineBatch';
import { LogFeeder, SYNTHETIC_HUNT, syntheticLog } from './harness';
import { compileHunt } from '../../../engine/hunt/compile';
import { replayToOutcome } from '../../../engine/replay/replay';
import { referenceResult, referenceVerdicts } from './reference';

const FIXTURES = join(import.meta.dirname, '../../fixtures');
const casesIn = (dir: string) =>
  readdirSync(join(FIXTURES, dir))
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => `${dir}/${f.replace(/\.jsonl$/, '')}`)
    .sort((a, b) => Number(a.split('/case')[1]) - Number(b.split('/case')[1]));
const CASES = casesIn('conformance');
const CASES_V2 = casesIn('conformance-v2');

const open: ShardedRuntime[] = [];
async function start(hunt: Hunt, workers: number): Promise<ShardedRuntime> {
  const rt = await ShardedRuntime.start(hunt, { workers, maxInFlightBatches: 3 });
  open.push(rt);
  return rt;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((rt) => rt.close()));
});

/** As the conformance README compares: times within 1e-6. */
function normalise(r: ReplayResult) {
  const time = (t: number | null | undefined) => (t === null || t === undefined ? null : Math.round(t * 1e6) / 1e6);
  return { ...r, endTime: time(r.endTime), participants: r.participants.map((p) => ({ ...p, finishedAt: time(p.finishedAt) })) };
}

function readCase(name: string) {
  const hunt = validateHunt(JSON.parse(readFileSync(join(FIXTURES, `${name}.hunt.json`), 'utf8'))).hunt!;
  const lines = readFileSync(join(FIXTURES, `${name}.jsonl`), 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const expected = JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as ReplayResult;
  return { hunt, lines, expected };
}

describe('conformance cases through LogFront and the sharded runtime', () => {
  it('finds the cases', () => expect(CASES.length).toBeGreaterThanOrEqual(40));
  // Starting workers costs ~0.1 s each here, so the cases rotate over W = 1, 2, 4
  // (every W meets a third of the cases); the synthetic test below runs one log at every W.
  CASES.forEach((name, i) => {
    const workers = [1, 2, 4][i % 3];
    it(`${name} (W=${workers})`, async () => {
      const { hunt, lines, expected } = readCase(name);
      const rt = await start(hunt, workers);
      const feeder = new LogFeeder(lines);
      await feeder.feed(rt, lines.length, 7);
      const actual = await feeder.result(rt, hunt.id);
      expect(normalise(actual)).toEqual(normalise(expected));
      expect(feeder.verdicts).toEqual(referenceVerdicts(hunt, lines));
    });
  });
});

describe('v2 conformance cases: identical for W = 1, 2, 4, every way events travel', () => {
  it('finds the cases', () => expect(CASES_V2.length).toBeGreaterThanOrEqual(38));
  // Rotation needs each join's index in the whole log, which the main thread stamps:
  // every case runs at W = 2 or 4 here, with events parsed or as their lines.
  const WIRES = ['events', 'lines'] as const;
  CASES_V2.forEach((name, i) => {
    const workers = [1, 2, 4][i % 3];
    const wire = WIRES[Math.floor(i / 3) % 2];
    it(`${name} (W=${workers}, ${wire})`, async () => {
      const { hunt, lines, expected } = readCase(name);
      const rt = await start(hunt, workers);
      const feeder = new LogFeeder(lines, wire, hunt.format);
      await feeder.feed(rt, lines.length, 7);
      const actual = await feeder.result(rt, hunt.id);
      expect(normalise(actual)).toEqual(normalise(expected));
      expect(feeder.verdicts).toEqual(referenceVerdicts(hunt, lines));
    });
  });
});

describe('W = 1, 2 and 4 on a synthetic log', () => {
  const lines = syntheticLog(8, 150);

  it('gives the single-thread verdicts, results and checkpoint contents at every W', async () => {
    const expectedResult = await referenceResult(SYNTHETIC_HUNT, lines);
    const expectedVerdicts = referenceVerdicts(SYNTHETIC_HUNT, lines);
    // The log must exercise the rules, not just joins.
    const reasons = new Set(expectedVerdicts.filter((v) => v !== null));
    expect(reasons.size).toBe(10);
    expect(new Set(expectedResult.participants.map((p) => p.status)).size).toBe(4);

    const checkpoints: unknown[] = [];
    // Each W with another way of making the batches (from parsed events, from the log's lines).
    for (const [workers, wire] of [[1, 'events'], [2, 'lines'], [4, 'lines'], [2, 'events']] as const) {
      const rt = await start(SYNTHETIC_HUNT, workers);
      const feeder = new LogFeeder(lines, wire);
      await feeder.feed(rt, 700, 50);
      const first = await rt.checkpoint();
      await feeder.feed(rt, lines.length, 50);
      const result = await feeder.result(rt, SYNTHETIC_HUNT.id);
      const second = await rt.checkpoint();
      expect(feeder.verdicts).toEqual(expectedVerdicts);
      expect(result).toEqual(expectedResult);
      expect(await rt.statusCounts()).toEqual(countStatuses(expectedResult));
      const someone = expectedResult.participants[3].id;
      expect((await rt.inspect(someone))?.id).toBe(someone);
      expect(await rt.inspect('nobody')).toBeNull();
      checkpoints.push([first, second].map((c) => ({ throughSeq: c.throughSeq, changed: c.changed.map((s) => [s.p, s.json]) })));
    }
    expect(checkpoints[1]).toEqual(checkpoints[0]);
    expect(checkpoints[2]).toEqual(checkpoints[0]);
    expect(checkpoints[3]).toEqual(checkpoints[0]);
  });

  it('sends lines exactly: ids with a newline or astral characters, extra fields, any double', async () => {
    const ids = ['a\nb', 'x', '😀\u2028y'];
    const lines = [
      ...ids.map((p, i) => JSON.stringify({ t: i, p, type: 'join' })),
      JSON.stringify({ t: 5, p: ids[0], type: 'position', lat: 10, lon: 10, source: 'gps', seq: 9 }),
      JSON.stringify({ t: 5.5, p: ids[1], type: 'answer', step: 'riddle', text: 'echo' }),
      JSON.stringify({ t: 6, p: ids[1], type: 'position', lat: 10.000000000000002, lon: 9.999999999999998 }),
      JSON.stringify({ t: 6.25, p: ids[2], type: 'position', lat: -0, lon: 1e-300 }),
      JSON.stringify({ t: 7, p: ids[0], type: 'position', lat: 10.01, lon: 10.01 }),
      JSON.stringify({ t: 8, p: 'nobody', type: 'position', lat: 10, lon: 10 }),
    ];
    const outcomes = [];
    for (const wire of ['events', 'lines'] as const) {
      const rt = await start(SYNTHETIC_HUNT, 2);
      const feeder = new LogFeeder(lines, wire);
      await feeder.feed(rt, lines.length, 4);
      outcomes.push({ verdicts: feeder.verdicts, result: await feeder.result(rt, SYNTHETIC_HUNT.id), states: await Promise.all(ids.map((p) => rt.inspect(p))) });
    }
    // In a batch: each line is its very text, parsed on the other side to the same event (extra fields are kept).
    const parsed = lines.map((l) => JSON.parse(l) as HuntEvent);
    const batch = lineBatchOfEvents(parsed.map((event, i) => ({ seq: i + 1, line: i + 1, event })));
    expect(lineTexts(batch)).toEqual(lines);
    const received = parseLines(selectRows(batch, Array.from(parsed.keys())));
    for (const [i, e] of parsed.entries()) {
      expect(received[i]).toEqual(e);
      if (e.type === 'position') expect(Object.is((received[i] as typeof e).lat, e.lat)).toBe(true);
    }
    expect(outcomes[0].verdicts).toEqual(referenceVerdicts(SYNTHETIC_HUNT, lines));
    expect(outcomes[0].states.every((s) => s !== null)).toBe(true);
    expect(outcomes[1]).toEqual(outcomes[0]);
  });
});

describe('submission rules', () => {
  it('rejects events out of log order with a clear error', async () => {
    const rt = await start(SYNTHETIC_HUNT, 1);
    await rt.submit(lineBatchOfEvents([{ seq: 1, line: 1, event: { t: 0, p: 'a', type: 'join' } }]));
    await expect(rt.submit(lineBatchOfEvents([{ seq: 1, line: 2, event: { t: 0, p: 'b', type: 'join' } }]))).rejects.toThrow(
      /log order, but seq 1 comes after seq 1/,
    );
  });

  it('refuses calls after close()', async () => {
    const rt = await start(SYNTHETIC_HUNT, 1);
    await rt.close();
    await expect(rt.results()).rejects.toThrow(/closed/);
  });

  it('answers an empty batch with no verdicts', async () => {
    const rt = await start(SYNTHETIC_HUNT, 2);
    expect(await rt.submit(lineBatchOfEvents([]))).toEqual([]);
  });
});

function countStatuses(r: ReplayResult) {
  const counts = { active: 0, finished: 0, timed_out: 0, quit: 0 };
  for (const p of r.participants) counts[p.status]++;
  return counts;
}

describe('pending judgements through the sharded runtime', () => {
  it.each([1, 2, 4])('counts the bundled hunt/2 example’s pending steps as the single-thread replay does (W=%i)', async (workers) => {
    const hunt = validateHunt(JSON.parse(readFileSync(join(import.meta.dirname, '../../../examples/museum-night.hunt.json'), 'utf8'))).hunt!;
    const lines = readFileSync(join(import.meta.dirname, '../../../examples/logs/museum-night.jsonl'), 'utf8').split('\n').filter((l) => l !== '');
    // Cut before line 21 (the owls' photo judged at 420): two steps pending; at the end, one.
    for (const end of [20, lines.length]) {
      const rt = await start(hunt, workers);
      const replay = await replayToOutcome(compileHunt(hunt), lines.slice(0, end));
      const feeder = new LogFeeder(lines.slice(0, end), 'events', 'hunt/2');
      await feeder.feed(rt, end, 5);
      await feeder.result(rt, hunt.id);
      expect(await rt.pendingCounts()).toEqual(replay.pending);
      expect([...(await rt.pendingCounts())]).toEqual(end === 20 ? [['badgers', 1], ['owls', 1]] : [['badgers', 1]]);
    }
  });
});
