// fast-check generators for engine property tests: a small hunt that exercises
// every rule (requires, hints, attempts, step and hunt deadlines, locations) and
// random logs against it, with malformed, backwards and unknown lines mixed in.
import fc from 'fast-check';
import type { CompiledHunt } from '../../../engine/hunt/compile';
import { huntOf } from '../rules/helpers';

export const PROPERTY_HUNT: CompiledHunt = huntOf(
  [
    { id: 'gate', kind: 'location', at: { lat: 0, lon: 0, radiusM: 20 } },
    { id: 'well', kind: 'location', at: { lat: 0.0001, lon: 0, radiusM: 20 }, timeLimitSec: 40 },
    { id: 'riddle', kind: 'answer', answers: ['Piano', 'a piano'], maxAttempts: 2, requires: ['gate'], timeLimitSec: 25, hints: [{ text: 'h', penalty: 15 }] },
    { id: 'plaque', kind: 'code', code: 'PLQ-7', requires: ['gate'], hints: [{ text: 'h1', penalty: 5 }, { text: 'h2', penalty: 50 }] },
    { id: 'tower', kind: 'location', at: { lat: 0.00005, lon: 0, radiusM: 20 }, requires: ['riddle'] },
    { id: 'final', kind: 'code', code: 'END', requires: ['plaque', 'riddle'], maxAttempts: 3, timeLimitSec: 30 },
  ],
  { timeLimitSec: 150, wrongAnswerPenalty: 10 },
);

const participant = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('p1', 'p2') }, { weight: 1, arbitrary: fc.constantFrom('p3', 'Ø4') });
const stepId = fc.constantFrom('gate', 'well', 'riddle', 'riddle', 'plaque', 'plaque', 'tower', 'final', 'final', 'nope');

const eventBody = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant('join'), name: fc.constantFrom('Owls', 'Ü') }) },
  { weight: 16, arbitrary: fc.record({ type: fc.constant('answer'), step: stepId, text: fc.constantFrom('piano!', 'PIANO', 'drum', '') }) },
  { weight: 16, arbitrary: fc.record({ type: fc.constant('scan'), step: stepId, code: fc.constantFrom(' PLQ-7', 'END', 'plq-7', 'x') }) },
  {
    weight: 16,
    arbitrary: fc.record({
      type: fc.constant('position'),
      lat: fc.constantFrom(0, 0.0001, 0.00005, 0.00008, 1),
      lon: fc.constantFrom(0, 0.00001),
    }),
  },
  { weight: 8, arbitrary: fc.record({ type: fc.constant('hint'), step: stepId }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('quit') }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('chat') }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('answer'), step: stepId }) },
);

type LineSpec = { kind: 'event'; dt: number; p: string; body: Record<string, unknown> } | { kind: 'raw'; text: string };

const lineSpec: fc.Arbitrary<LineSpec> = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.record({
      kind: fc.constant('event' as const),
      // Mostly forward in steps of a quarter second (ties included), sometimes backwards.
      dt: fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 0, max: 12 }).map((q) => q / 4) }, { weight: 1, arbitrary: fc.constant(-3) }),
      p: participant,
      body: eventBody,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), text: fc.constantFrom('', '   ', 'not json', '42', '{"t":-1,"p":"p1","type":"quit"}') }) },
);

/** A random log as lines of text. Joins are front-loaded a little so that most events have a participant. */
export const logLines: fc.Arbitrary<string[]> = fc.array(lineSpec, { minLength: 1, maxLength: 150, size: 'large' }).map((specs) => {
  let t = 0;
  const lines = ['p1', 'p2'].map((p) => JSON.stringify({ t: 0, p, type: 'join' }));
  for (const s of specs) {
    if (s.kind === 'raw') {
      lines.push(s.text);
      continue;
    }
    const at = Math.max(0, t + s.dt);
    if (s.dt >= 0) t = at;
    lines.push(JSON.stringify({ t: at, p: s.p, ...s.body }));
  }
  return lines;
});
