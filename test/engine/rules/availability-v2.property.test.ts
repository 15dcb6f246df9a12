// hunt-v2 §3.1 says availability is checked "for every locked step, in file order". After a
// step becomes done the rules look only at the steps whose conditions that can change
// (engine/rules/availability.ts, checkAvailabilityAfter). This checks that shortcut on
// generated hunt/2 hunts and logs: after every event, a full check at the event's time,
// and at every participant's end, makes nothing more available.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileHunt } from '../../../engine/hunt/compile';
import { LogFront } from '../../../engine/log/front';
import type { JoinEvent } from '../../../engine/log/types';
import { advanceTo, applyEvent, joinParticipant, type ParticipantState } from '../../../engine/rules';
import { checkAvailability } from '../../../engine/rules/availability';
import type { Hunt } from '../../../engine/hunt/schema';
import { huntAndLog, huntV2 } from '../replay/arbitraries-v2';

/**
 * A log that mostly plays the hunt right (arbitraries-v2's random logs rarely solve a step,
 * so score items and chains of items would seldom change): per event a participant and a
 * step, and the right action for it, a wrong one, a judgement, or an organiser's correction.
 */
function playingLog(hunt: Hunt): fc.Arbitrary<string[]> {
  const action = fc.record({
    p: fc.constantFrom('p1', 'p2', 'p3'),
    step: fc.nat({ max: hunt.steps.length - 1 }),
    what: fc.constantFrom('right', 'right', 'right', 'wrong', 'accept', 'reject', 'adjust', 'extend', 'hint'),
    dt: fc.integer({ min: 0, max: 12 }).map((q) => q / 4),
  });
  return fc.array(action, { minLength: 30, maxLength: 150, size: 'max' }).map((actions) => {
    let t = 0;
    const lines = ['p1', 'p2', 'p3'].map((p) => JSON.stringify({ t: 0, p, type: 'join' }));
    for (const a of actions) {
      t += a.dt;
      const step = hunt.steps[a.step];
      const id = step.id;
      const base = { t, p: a.p };
      let body: Record<string, unknown>;
      if (a.what === 'adjust') body = { type: 'adjust', points: (a.step % 3) * 40 - 30 };
      else if (a.what === 'extend') body = { type: 'extend', seconds: 5 };
      else if (a.what === 'hint') body = { type: 'hint', step: id };
      else if (a.what === 'accept' || a.what === 'reject') body = { type: 'judge', step: id, accept: a.what === 'accept' };
      else if (step.kind === 'code') body = { type: 'scan', step: id, code: a.what === 'right' ? step.code : 'x' };
      else if (step.kind === 'answer') body = { type: 'answer', step: id, text: a.what === 'right' ? step.answers[0] : 'no' };
      else if (step.kind === 'choice') body = { type: 'choose', step: id, choice: a.what === 'right' ? step.correct[0] : (step.correct[0] + 1) % step.choices.length };
      else if (step.kind === 'judged') {
        // Submitted, and judged at once when it is right (a wrong one waits for a judgement action).
        lines.push(JSON.stringify({ ...base, type: 'submit', step: id, ref: 'photo.jpg' }));
        body = a.what === 'right' ? { type: 'judge', step: id, accept: true } : { type: 'hint', step: id };
      } else body = { type: 'position', lat: a.what === 'right' ? 0 : 1, lon: 0 };
      lines.push(JSON.stringify({ ...base, ...body }));
    }
    return lines;
  });
}


/** A full §3.1 check on a copy of `s` at t: the steps it would make available that the rules did not. */
function missedByRules(h: ReturnType<typeof compileHunt>, s: ParticipantState, t: number): number[] {
  const copy: ParticipantState = { ...s, steps: s.steps.slice(), doneOrder: s.doneOrder.slice() };
  checkAvailability(h, copy, t);
  return copy.steps.flatMap((v, k) => (v !== s.steps[k] ? [k] : []));
}

describe('hunt/2 availability after a step is done (hunt-v2 §3.1)', () => {
  it('looking only at the steps whose conditions changed misses nothing a check of every locked step finds', () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.oneof(huntAndLog, huntV2.chain((hunt) => playingLog(hunt).map((lines) => ({ hunt, lines })))), ({ hunt, lines }) => {
        const h = compileHunt(hunt);
        const front = new LogFront(hunt.format);
        const states = new Map<string, ParticipantState>();
        for (const line of lines) {
          const v = front.acceptLine(line);
          if (v === null || !v.ok) continue;
          const e = v.event;
          const s = states.get(e.p);
          if (e.type === 'join') {
            if (!s) states.set(e.p, joinParticipant(h, e as JoinEvent, states.size));
            continue;
          }
          if (!s) continue;
          const next = applyEvent(h, s, e).state;
          states.set(e.p, next);
          expect(missedByRules(h, next, e.t)).toEqual([]);
          if (next.doneOrder.length > s.doneOrder.length) checked++;
        }
        for (const [p, s] of states) {
          const end = advanceTo(h, s, front.clock);
          states.set(p, end);
          expect(missedByRules(h, end, front.clock)).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
    expect(checked).toBeGreaterThan(1000); // events after which a step was done
  });
});
