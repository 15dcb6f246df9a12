// Property tests of replay: the result depends only on the log, never on how it is
// cut into batches or shards, nor on saving and restoring every actor mid-way; and
// the actors agree with the plain rules they call.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompiledHunt } from '../../../engine/hunt/compile';
import { LogFront } from '../../../engine/log/front';
import type { HuntEvent, ParticipantResult, RejectionReason } from '../../../engine/log/types';
import { ParticipantTable } from '../../../engine/replay/participants';
import { compareCodePoints } from '../../../engine/replay/order';
import { LineReplayer, replayLines } from '../../../engine/replay/replay';
import { advanceTo, applyEvent, joinParticipant, participantResult, type ParticipantState } from '../../../engine/rules';
import { logLines, PROPERTY_HUNT as h } from './arbitraries';

const RUNS = { numRuns: 150 };

/** Reference: checks 1–4 by LogFront, then the plain rules folded per participant, no XState. */
function referenceReplay(hunt: CompiledHunt, lines: string[]) {
  const front = new LogFront();
  const states = new Map<string, ParticipantState>();
  const rejected: { line: number; reason: RejectionReason }[] = [];
  lines.forEach((text, k) => {
    const v = front.acceptLine(text);
    if (v === null) return;
    let reason: RejectionReason | null;
    if (!v.ok) reason = v.reason;
    else {
      const s = states.get(v.event.p);
      if (v.event.type === 'join') {
        reason = s ? 'duplicate-join' : null;
        if (!s) states.set(v.event.p, joinParticipant(hunt, v.event));
      } else if (!s) reason = 'unknown-participant';
      else {
        const out = applyEvent(hunt, s, v.event);
        states.set(v.event.p, out.state);
        reason = out.rejection;
      }
    }
    if (reason) rejected.push({ line: k + 1, reason });
  });
  const participants = [...states.values()]
    .map((s) => participantResult(hunt, advanceTo(hunt, s, front.clock)))
    .sort((a, b) => compareCodePoints(a.id, b.id));
  return { rejected, endTime: front.clock, participants };
}

/** Replays events through several tables, sharded by participant, merging as the worker runtime does. */
function shardedReplay(lines: string[], shards: number) {
  const front = new LogFront();
  const tables = Array.from({ length: shards }, () => new ParticipantTable(h));
  const shardOf = (p: string) => [...p].reduce((a, c) => a + c.codePointAt(0)!, 0) % shards;
  const rejected: { line: number; reason: RejectionReason }[] = [];
  lines.forEach((text, k) => {
    const v = front.acceptLine(text);
    if (v === null) return;
    const reason = v.ok ? tables[shardOf(v.event.p)].apply(v.event) : v.reason;
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

describe('replay properties', () => {
  it('the actors give the same result as the plain rules', async () => {
    await fc.assert(
      fc.asyncProperty(logLines, async (lines) => {
        const r = await replayLines(h, lines);
        expect({ rejected: r.rejected, endTime: r.endTime, participants: r.participants }).toEqual(referenceReplay(h, lines));
      }),
      RUNS,
    );
  });

  it('the result does not depend on how the log is cut into batches or shards', async () => {
    await fc.assert(
      fc.asyncProperty(logLines, fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 4 }), async (lines, sizes, shards) => {
        const whole = await replayLines(h, lines);
        // Batches of events, of random sizes, through ParticipantTable.applyBatch.
        const front = new LogFront();
        const table = new ParticipantTable(h);
        const rejected: { line: number; reason: RejectionReason }[] = [];
        let k = 0;
        for (let b = 0; k < lines.length; b++) {
          const batch: { line: number; event: HuntEvent }[] = [];
          for (const end = Math.min(lines.length, k + sizes[b % sizes.length]); k < end; k++) {
            const v = front.acceptLine(lines[k]);
            if (v === null) continue;
            if (v.ok) batch.push({ line: k + 1, event: v.event });
            else rejected.push({ line: k + 1, reason: v.reason });
          }
          table.applyBatch(batch.map((x) => x.event)).forEach((reason, i) => reason && rejected.push({ line: batch[i].line, reason }));
        }
        table.finalize(front.clock);
        rejected.sort((a, b) => a.line - b.line);
        expect(rejected).toEqual(whole.rejected);
        expect(table.results()).toEqual(whole.participants);
        expect(shardedReplay(lines, shards)).toEqual({ rejected: whole.rejected, endTime: whole.endTime, participants: whole.participants });
      }),
      RUNS,
    );
  });

  it('saving and restoring every actor at a random line gives the same result as an uninterrupted replay', async () => {
    await fc.assert(
      fc.asyncProperty(logLines, fc.double({ min: 0, max: 1, noNaN: true }), async (lines, where) => {
        const whole = await replayLines(h, lines);
        const cut = Math.floor(where * lines.length);
        const first = new LineReplayer(h);
        for (const l of lines.slice(0, cut)) first.feed(l);
        // Through JSON text, as a snapshot stored on disk or sent to a worker would be.
        const saved = JSON.parse(JSON.stringify(first.table.persist()));
        const restoredTable = ParticipantTable.restore(h, saved);
        for (const id of first.table.ids()) {
          expect(restoredTable.inspect(id)).toEqual(first.table.inspect(id));
          expect(restoredTable.stateValue(id)).toBe(first.table.stateValue(id));
        }
        first.table.dispose();
        const second = new LineReplayer(h, undefined, restoredTable);
        second.front.clock = first.front.clock;
        second.lineNumber = first.lineNumber;
        for (const l of lines.slice(cut)) second.feed(l);
        const end = second.finish();
        expect(end.participants).toEqual(whole.participants);
        const rejected = [...first.rejections.toArray(), ...end.rejections.toArray()];
        expect(rejected).toEqual(whole.rejected);
        expect(first.applied + second.applied).toBe(whole.applied);
      }),
      RUNS,
    );
  });

  it('the state of every actor is the status its rules computed', async () => {
    await fc.assert(
      fc.asyncProperty(logLines, async (lines) => {
        const r = new LineReplayer(h);
        for (const l of lines) r.feed(l);
        r.finish();
        for (const id of r.table.ids()) expect(r.table.stateValue(id)).toBe(r.table.inspect(id)!.status);
      }),
      { numRuns: 60 },
    );
  });
});
