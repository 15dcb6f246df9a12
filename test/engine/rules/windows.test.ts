// Step windows for inspectors (engine/rules/windows.ts): when each step opens and closes
// for a participant, and what the clock alone does to it next, on the bundled hunt/2
// example. Each predicted "next" is checked against the rules by moving the clock there.
import { readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileHunt, type CompiledHunt } from '../../../engine/hunt/compile';
import { validateHunt } from '../../../engine/hunt/validate';
import type { HuntEvent } from '../../../engine/log/types';
import { advanceTo, applyEvent, joinParticipant, stepStatus, stepWindows, type ParticipantState } from '../../../engine/rules';

const h: CompiledHunt = compileHunt(validateHunt(JSON.parse(readFileSync(joinPath(import.meta.dirname, '../../../examples/museum-night.hunt.json'), 'utf8'))).hunt!);
const idx = (id: string) => h.stepIndex.get(id)!;

function play(events: HuntEvent[], joinIndex = 0): ParticipantState {
  let s = joinParticipant(h, { t: 0, p: 'owls', type: 'join' }, joinIndex);
  for (const e of events) {
    const out = applyEvent(h, s, e);
    expect(out.rejection).toBeNull();
    s = out.state;
  }
  return s;
}

const owls = (t: number, type: string, fields: Record<string, unknown>) => ({ t, p: 'owls', type, ...fields }) as unknown as HuntEvent;
const untilJudged: HuntEvent[] = [
  owls(20, 'choose', { step: 'welcome', choice: 1 }),
  owls(120, 'position', { lat: 48.20386, lon: 16.36171 }),
  owls(210, 'scan', { step: 'map-room', code: 'MERCATOR' }),
];

/** The earliest predicted timer among P's steps: moving the clock just before it changes nothing, to it does what was said. */
function checkEarliest(s: ParticipantState): { step: number; kind: 'opens' | 'fails'; at: number } | null {
  const windows = stepWindows(h, s);
  let best: { step: number; kind: 'opens' | 'fails'; at: number } | null = null;
  windows.forEach((w, i) => {
    if (w.next && (!best || w.next.at < best.at)) best = { step: i, ...w.next };
  });
  if (!best) return null;
  const b = best as { step: number; kind: 'opens' | 'fails'; at: number };
  expect(stepStatus(advanceTo(h, s, b.at - 0.5), b.step)).toBe(stepStatus(s, b.step));
  expect(stepStatus(advanceTo(h, s, b.at), b.step)).toBe(b.kind === 'opens' ? 'available' : 'failed');
  return b;
}

describe('stepWindows', () => {
  it('gives the hunt’s opening and closing times and says a locked step will close when its items do not hold', () => {
    const s = play(untilJudged.slice(0, 1));
    const dome = stepWindows(h, s)[idx('dome-terrace')];
    expect(dome).toEqual({ opensAt: 1800, closesAt: 4800, deadlineAt: null, next: { kind: 'fails', at: 4800 } });
    expect(stepWindows(h, s)[idx('secret-vault')].next).toEqual({ kind: 'fails', at: 5000 });
    // Nothing by the clock: locked by items, no opening or closing of its own.
    expect(stepWindows(h, s)[idx('riddle')]).toEqual({ opensAt: null, closesAt: null, deadlineAt: null, next: null });
  });

  it('gives an available step its own deadline (availableAt + timeLimitSec) and fails it then', () => {
    const s = play(untilJudged);
    expect(stepStatus(s, idx('riddle'))).toBe('available');
    expect(stepWindows(h, s)[idx('riddle')]).toEqual({ opensAt: null, closesAt: null, deadlineAt: 1110, next: { kind: 'fails', at: 1110 } });
    expect(checkEarliest(s)).toEqual({ step: idx('riddle'), kind: 'fails', at: 1110 });
  });

  it('has no timer on a pending step, and says a step waiting only for its opening opens then', () => {
    const pending = play([...untilJudged, owls(300, 'answer', { step: 'riddle', text: 'a clock' }), owls(320, 'submit', { step: 'curator-selfie', ref: 'x.jpg' })]);
    expect(stepStatus(pending, idx('curator-selfie'))).toBe('pending');
    expect(stepWindows(h, pending)[idx('curator-selfie')].next).toBeNull();
    const judged = applyEvent(h, pending, owls(420, 'judge', { step: 'curator-selfie', accept: true })).state;
    expect(stepWindows(h, judged)[idx('dome-terrace')].next).toEqual({ kind: 'opens', at: 1800 });
    expect(checkEarliest(judged)).toEqual({ step: idx('dome-terrace'), kind: 'opens', at: 1800 });
    // Once open, its closing is what comes next.
    const open = advanceTo(h, judged, 1800);
    expect(stepWindows(h, open)[idx('dome-terrace')].next).toEqual({ kind: 'fails', at: 4800 });
    expect(checkEarliest(open)).toEqual({ step: idx('dome-terrace'), kind: 'fails', at: 4800 });
  });

  it('predicts nothing once the participant is no longer active', () => {
    const s = applyEvent(h, play(untilJudged.slice(0, 1)), owls(30, 'quit', {})).state;
    expect(stepWindows(h, s).every((w) => w.next === null)).toBe(true);
    expect(stepWindows(h, s)[idx('dome-terrace')]).toMatchObject({ opensAt: 1800, closesAt: 4800 });
  });
});
