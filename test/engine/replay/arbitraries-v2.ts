// fast-check generators for hunt/2 property tests: random valid hunt/2 files (requirement
// items of every form over earlier steps, optional steps, a finish step, opening and
// closing times, choice and judged steps, rotation groups) and random logs against them
// that mix every event type, the organiser's included, with bad lines.
import fc from 'fast-check';
import { validateHunt } from '../../../engine/hunt/validate';
import type { Hunt } from '../../../engine/hunt/schema';

const KINDS = ['code', 'choice', 'judged', 'answer', 'location'] as const;

type StepSeed = {
  kind: (typeof KINDS)[number];
  items: { form: number; ref: number; count: number; score: number }[];
  optional: boolean;
  opens: number | null;
  closes: number | null;
  limit: number | null;
  maxAttempts: number | null;
  points: number;
};

const stepSeed: fc.Arbitrary<StepSeed> = fc.record({
  kind: fc.constantFrom(...KINDS),
  items: fc.array(fc.record({ form: fc.integer({ min: 0, max: 4 }), ref: fc.nat(), count: fc.integer({ min: 1, max: 2 }), score: fc.constantFrom(0, 50, 150) }), { maxLength: 2 }),
  optional: fc.boolean(),
  opens: fc.option(fc.constantFrom(5, 20), { freq: 4 }),
  closes: fc.option(fc.constantFrom(30, 60), { freq: 4 }),
  limit: fc.option(fc.constantFrom(10, 25), { freq: 4 }),
  maxAttempts: fc.option(fc.constantFrom(1, 2), { freq: 2 }),
  points: fc.constantFrom(0, 50, 100),
});

function buildHunt(seeds: StepSeed[], finish: number | null, grouped: boolean, timeLimitSec: number | null): Record<string, unknown> {
  const ids = seeds.map((_, i) => `s${i}`);
  const steps = seeds.map((s, i) => {
    const requires: unknown[] = [];
    for (const it of i === 0 ? [] : s.items) {
      const ref = ids[it.ref % i];
      const other = ids[(it.ref + 1) % i];
      if (it.form === 0) requires.push(ref);
      else if (it.form === 1) requires.push(ref === other ? { anyOf: [ref] } : { anyOf: [ref, other], count: it.count });
      else if (it.form === 2) requires.push({ solved: ref });
      else if (it.form === 3) requires.push({ failed: ref });
      else requires.push({ score: it.score });
    }
    const step: Record<string, unknown> = { id: ids[i], title: `Step ${i}`, kind: s.kind, points: s.points, requires };
    if (s.optional) step.optional = true;
    if (s.opens !== null) step.opensAtSec = s.opens;
    if (s.closes !== null) step.closesAtSec = s.closes;
    if (s.limit !== null) step.timeLimitSec = s.limit;
    if (s.kind !== 'location' && s.maxAttempts !== null) step.maxAttempts = s.maxAttempts;
    if (i % 2 === 0) step.hints = [{ text: 'h', penalty: 10 }];
    if (s.kind === 'code') step.code = `C${i}`;
    if (s.kind === 'answer') Object.assign(step, { prompt: '?', answers: [`a${i}`] });
    if (s.kind === 'choice') Object.assign(step, { prompt: '?', choices: ['x', 'y', 'z'], correct: [i % 3] });
    if (s.kind === 'judged') step.prompt = 'Send a photo';
    if (s.kind === 'location') step.location = 'spot';
    return step;
  });
  const hunt: Record<string, unknown> = { format: 'hunt/2', id: 'prop-v2', title: 'Property hunt', wrongAnswerPenalty: 5, locations: [{ id: 'spot', lat: 0, lon: 0, radiusM: 20 }], steps };
  if (timeLimitSec !== null) hunt.timeLimitSec = timeLimitSec;
  if (finish !== null) hunt.finishStep = ids[finish % ids.length];
  // A group of steps that name no other step (so none depends on another of its group).
  const free = steps.filter((s) => (s.requires as unknown[]).every((r) => typeof r === 'object' && r !== null && 'score' in r)).map((s) => s.id as string);
  if (grouped && free.length >= 2) hunt.groups = [{ id: 'round', steps: free.slice(0, 3) }];
  return hunt;
}

/** A random valid hunt/2 file (the generator only builds valid ones; validation confirms it). */
export const huntV2: fc.Arbitrary<Hunt> = fc
  .record({
    seeds: fc.array(stepSeed, { minLength: 2, maxLength: 6 }),
    finish: fc.option(fc.nat(), { freq: 3 }),
    grouped: fc.boolean(),
    timeLimitSec: fc.option(fc.constantFrom(45, 90), { freq: 2 }),
  })
  .map(({ seeds, finish, grouped, timeLimitSec }) => {
    const raw = buildHunt(seeds, finish, grouped, timeLimitSec);
    const r = validateHunt(raw);
    if (!r.valid) throw new Error(`arbitraries-v2 built an invalid hunt: ${JSON.stringify(r.errors)}`);
    return r.hunt!;
  });

const participant = fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5');

function eventBody(stepIds: string[]) {
  const step = fc.constantFrom(...stepIds, 'nope');
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ type: fc.constant('join') }) },
    { weight: 6, arbitrary: fc.record({ type: fc.constant('scan'), step, code: fc.constantFrom('C0', 'C1', 'C2', 'C3', 'x') }) },
    { weight: 4, arbitrary: fc.record({ type: fc.constant('answer'), step, text: fc.constantFrom('a1', 'a3', 'no') }) },
    { weight: 6, arbitrary: fc.record({ type: fc.constant('choose'), step, choice: fc.constantFrom(0, 1, 2, 7, -1) }) },
    { weight: 6, arbitrary: fc.record({ type: fc.constant('submit'), step, ref: fc.constant('photo.jpg') }) },
    { weight: 6, arbitrary: fc.record({ type: fc.constant('judge'), step, accept: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('judge'), step, accept: fc.constant(true), points: fc.constantFrom(10, 500) }) },
    { weight: 3, arbitrary: fc.record({ type: fc.constant('adjust'), points: fc.constantFrom(-40, 30, 120) }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('extend'), seconds: fc.constantFrom(10, 0, -5) }) },
    { weight: 4, arbitrary: fc.record({ type: fc.constant('position'), lat: fc.constantFrom(0, 1), lon: fc.constant(0) }) },
    { weight: 3, arbitrary: fc.record({ type: fc.constant('hint'), step }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('quit') }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('judge'), step, accept: fc.constant('yes') }) },
  );
}

/** A random log against `hunt`: time moves forward in quarter seconds (ties included), sometimes backwards. */
export function logLinesFor(hunt: Hunt): fc.Arbitrary<string[]> {
  const ids = hunt.steps.map((s) => s.id);
  const spec = fc.record({ dt: fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 0, max: 8 }).map((q) => q / 4) }, { weight: 1, arbitrary: fc.constant(-2) }), p: participant, body: eventBody(ids) });
  return fc.array(spec, { minLength: 1, maxLength: 120 }).map((specs) => {
    let t = 0;
    const lines = ['p1', 'p2', 'p3'].map((p) => JSON.stringify({ t: 0, p, type: 'join' }));
    for (const s of specs) {
      const at = Math.max(0, t + s.dt);
      if (s.dt >= 0) t = at;
      lines.push(JSON.stringify({ t: at, p: s.p, ...s.body }));
    }
    return lines;
  });
}

/** A hunt and a log for it. */
export const huntAndLog = huntV2.chain((hunt) => logLinesFor(hunt).map((lines) => ({ hunt, lines })));
