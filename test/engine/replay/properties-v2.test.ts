// Property tests on generated hunt/2 files: the number of workers does not change the
// result (rotation offsets included, whose join index the main thread counts), and
// saving every actor at a random line then replaying the rest equals replaying from the start.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { compileHunt } from '../../../engine/hunt/compile';
import { LogFront } from '../../../engine/log/front';
import type { ParticipantResult, RejectionReason } from '../../../engine/log/types';
import { ParticipantTable } from '../../../engine/replay/participants';
import { compareCodePoints } from '../../../engine/replay/order';
import { LineReplayer, replayLines } from '../../../engine/replay/replay';
import { ShardedRuntime } from '../../../engine/runtime/shardedRuntime';
import { IN_FLIGHT, LogFeeder } from '../runtime/harness';
import { huntAndLog } from './arbitraries-v2';

/** Shards in this thread; J is counted here over the whole log, as the spec defines it. */
function shardedReplay(h: ReturnType<typeof compileHunt>, lines: string[], shards: number) {
  const front = new LogFront(h.hunt.format);
  const tables = Array.from({ length: shards }, () => new ParticipantTable(h));
  const shardOf = (p: string) => [...p].reduce((a, c) => a + c.codePointAt(0)!, 0) % shards;
  const joined = new Set<string>();
  const rejected: { line: number; reason: RejectionReason }[] = [];
  lines.forEach((text, k) => {
    const v = front.acceptLine(text);
    if (v === null) return;
    let reason: RejectionReason | null = v.ok ? null : v.reason;
    if (v.ok) {
      const J = joined.size;
      if (v.event.type === 'join') joined.add(v.event.p);
      reason = tables[shardOf(v.event.p)].apply(v.event, J);
    }
    if (reason) rejected.push({ line: k + 1, reason });
  });
  const participants: ParticipantResult[] = [];
  for (const t of tables) {
    t.finalize(front.clock);
    participants.push(...t.results());
  }
  participants.sort((a, b) => compareCodePoints(a.id, b.id));
  return { rejected, endTime: front.clock, participants };
}

const open: ShardedRuntime[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((rt) => rt.close()));
});

describe('hunt/2 replay properties', () => {
  it('generated hunts are valid and exercise the v2 rules', () => {
    let withGroups = 0;
    let withFinish = 0;
    fc.assert(
      fc.property(huntAndLog, ({ hunt }) => {
        expect(hunt.format).toBe('hunt/2');
        if (hunt.format === 'hunt/2' && hunt.groups) withGroups++;
        if (hunt.format === 'hunt/2' && hunt.finishStep) withFinish++;
      }),
      { numRuns: 100 },
    );
    expect(withGroups).toBeGreaterThan(10);
    expect(withFinish).toBeGreaterThan(10);
  });

  it('sharding by participant does not change the result (1 to 4 shards)', async () => {
    await fc.assert(
      fc.asyncProperty(huntAndLog, fc.integer({ min: 1, max: 4 }), async ({ hunt, lines }, shards) => {
        const h = compileHunt(hunt);
        const whole = await replayLines(h, lines);
        expect(shardedReplay(h, lines, shards)).toEqual({ rejected: whole.rejected, endTime: whole.endTime, participants: whole.participants });
      }),
      { numRuns: 150 },
    );
  });

  it('saving every actor at a random line and replaying the rest equals replaying from the start', async () => {
    await fc.assert(
      fc.asyncProperty(huntAndLog, fc.double({ min: 0, max: 1, noNaN: true }), async ({ hunt, lines }, where) => {
        const h = compileHunt(hunt);
        const whole = await replayLines(h, lines);
        const cut = Math.floor(where * lines.length);
        const first = new LineReplayer(h);
        for (const l of lines.slice(0, cut)) first.feed(l);
        const saved = JSON.parse(JSON.stringify(first.table.persist()));
        const second = new LineReplayer(h, undefined, ParticipantTable.restore(h, saved));
        second.front.clock = first.front.clock;
        second.lineNumber = first.lineNumber;
        for (const l of lines.slice(cut)) second.feed(l);
        const r = second.finish();
        expect(r.participants).toEqual(whole.participants);
        expect(r.rejections.toArray()).toEqual(whole.rejected.filter((x) => x.line > cut));
      }),
      { numRuns: 150 },
    );
  });

  it('the worker runtime gives the single-thread result at W = 2 and 4', async () => {
    await fc.assert(
      fc.asyncProperty(huntAndLog, fc.constantFrom(2, 4), fc.constantFrom('events', 'lines') as fc.Arbitrary<'events' | 'lines'>, async ({ hunt, lines }, workers, wire) => {
        const whole = await replayLines(compileHunt(hunt), lines);
        const rt = await ShardedRuntime.start(hunt, { workers, maxInFlightBatches: IN_FLIGHT });
        open.push(rt);
        const feeder = new LogFeeder(lines, wire, hunt.format);
        await feeder.feed(rt, lines.length, 5);
        const r = await feeder.result(rt, hunt.id);
        expect(r.participants).toEqual(whole.participants);
        expect(r.rejected).toEqual(whole.rejected);
        await Promise.all(open.splice(0).map((x) => x.close()));
      }),
      { numRuns: 6, seed: 20261202 },
    );
  });
});
