// Small builders for engine tests: a hunt from a few step fields, and events by type.
import { compileHunt, type CompiledHunt } from '../../../engine/hunt/compile';
import type { HuntV1 as Hunt } from '../../../engine/hunt/schema';
import type { HuntEvent } from '../../../engine/log/types';
import { applyEvent, joinParticipant, type ParticipantState } from '../../../engine/rules';

type StepSpec = Record<string, unknown> & { id: string; kind: 'answer' | 'code' | 'location' };

/** A hunt with sensible defaults: answer steps accept "yes", code steps take "C", locations sit at (0, 0) ± offsets. */
export function huntOf(steps: StepSpec[], extra: Partial<Hunt> = {}): CompiledHunt {
  const locations: NonNullable<Hunt['locations']> = [];
  const full = steps.map((s) => {
    const base = { title: s.id, ...s };
    if (s.kind === 'answer') return { prompt: '?', answers: ['yes'], ...base };
    if (s.kind === 'code') return { code: 'C', ...base };
    const loc = { id: `at-${s.id}`, lat: 0, lon: 0, radiusM: 10, ...((s.at as object) ?? {}) };
    locations.push(loc);
    const { at: _at, ...rest } = base as typeof base & { at?: unknown };
    return { location: loc.id, ...rest };
  });
  return compileHunt({ format: 'hunt/1', id: 'test-hunt', title: 'Test', locations, steps: full as Hunt['steps'], ...extra });
}

export const join = (t: number, p = 'p1', name?: string): HuntEvent => ({ t, p, type: 'join', ...(name ? { name } : {}) });
export const answer = (t: number, step: string, text: string, p = 'p1'): HuntEvent => ({ t, p, type: 'answer', step, text });
export const scan = (t: number, step: string, code: string, p = 'p1'): HuntEvent => ({ t, p, type: 'scan', step, code });
export const hint = (t: number, step: string, p = 'p1'): HuntEvent => ({ t, p, type: 'hint', step });
export const position = (t: number, lat: number, lon: number, p = 'p1'): HuntEvent => ({ t, p, type: 'position', lat, lon });
export const quit = (t: number, p = 'p1'): HuntEvent => ({ t, p, type: 'quit' });

/** Runs the plain rules over events of one participant (the first must be its join); returns state and rejections. */
export function runRules(h: CompiledHunt, events: HuntEvent[]): { state: ParticipantState; rejections: (string | null)[] } {
  let state = joinParticipant(h, events[0] as Extract<HuntEvent, { type: 'join' }>);
  const rejections: (string | null)[] = [null];
  for (const e of events.slice(1)) {
    const out = applyEvent(h, state, e);
    state = out.state;
    rejections.push(out.rejection);
  }
  return { state, rejections };
}
