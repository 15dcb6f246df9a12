// fast-check generators of valid hunts, shared by the validator's property tests
// (and usable by anyone who needs random valid hunts).
import fc from 'fast-check';
import type { HuntV1 as Hunt, HuntLocation, StepV1 as Step } from '../../../engine/hunt/schema';

const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,12}$/);
const positive = fc.double({ min: 0.5, max: 100_000, noNaN: true, noDefaultInfinity: true });
const answer = fc.stringMatching(/^[A-Za-z0-9À-ÖØ-öø-ÿ][A-Za-z0-9À-ÖØ-öø-ÿ ?!.'-]{0,12}$/);
const code = fc.string({ minLength: 1, maxLength: 10 }).filter((c) => c.trim() !== '');
const hint = fc.record({ text: fc.string({ minLength: 1, maxLength: 20 }).filter((t) => t.trim() !== ''), penalty: fc.nat(60) });

const location = (id: string): fc.Arbitrary<HuntLocation> =>
  fc.record(
    {
      id: fc.constant(id),
      name: fc.string({ maxLength: 15 }),
      lat: fc.double({ min: -90, max: 90, noNaN: true }),
      lon: fc.double({ min: -180, max: 180, noNaN: true }),
      radiusM: fc.double({ min: 1, max: 500, noNaN: true }),
    },
    { requiredKeys: ['id', 'lat', 'lon', 'radiusM'] },
  );

type StepSeed = {
  kind: 'answer' | 'code' | 'location';
  title: string;
  points?: number;
  timeLimitSec?: number;
  hints?: { text: string; penalty: number }[];
  requireMask: boolean[];
  answers: string[];
  code: string;
  maxAttempts?: number;
  prompt: string;
  locationPick: number;
};

const stepSeed: fc.Arbitrary<StepSeed> = fc.record(
  {
    kind: fc.constantFrom('answer', 'code', 'location'),
    title: fc.string({ minLength: 1, maxLength: 20 }),
    points: fc.nat(500),
    timeLimitSec: positive,
    hints: fc.array(hint, { maxLength: 3 }),
    requireMask: fc.array(fc.boolean(), { maxLength: 8 }),
    answers: fc.array(answer, { minLength: 1, maxLength: 3 }),
    code,
    maxAttempts: fc.integer({ min: 1, max: 5 }),
    prompt: fc.string({ maxLength: 30 }),
    locationPick: fc.nat(),
  },
  { requiredKeys: ['kind', 'title', 'requireMask', 'answers', 'code', 'prompt', 'locationPick'] },
);

function buildStep(id: string, seed: StepSeed, earlier: string[], locations: HuntLocation[]): Step {
  const kind = seed.kind === 'location' && locations.length === 0 ? 'code' : seed.kind;
  const requires = earlier.filter((_, i) => seed.requireMask[i]);
  const common = {
    id,
    title: seed.title,
    ...(seed.points !== undefined ? { points: seed.points } : {}),
    ...(requires.length > 0 ? { requires } : {}),
    ...(seed.timeLimitSec !== undefined ? { timeLimitSec: seed.timeLimitSec } : {}),
    ...(seed.hints !== undefined ? { hints: seed.hints } : {}),
  };
  const attempts = seed.maxAttempts !== undefined ? { maxAttempts: seed.maxAttempts } : {};
  if (kind === 'answer') return { ...common, kind, prompt: seed.prompt, answers: seed.answers, ...attempts };
  if (kind === 'code') return { ...common, kind, code: seed.code, ...attempts };
  return { ...common, kind, location: locations[seed.locationPick % locations.length].id };
}

/** A random hunt that satisfies every rule of spec §1 (warnings may occur). */
export const validHunt: fc.Arbitrary<Hunt> = fc
  .record({
    id: slug,
    title: fc.string({ minLength: 1, maxLength: 30 }),
    description: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
    timeLimitSec: fc.option(positive, { nil: undefined }),
    wrongAnswerPenalty: fc.option(fc.nat(50), { nil: undefined }),
    locationIds: fc.uniqueArray(slug, { maxLength: 4 }),
    stepIds: fc.uniqueArray(slug, { minLength: 1, maxLength: 8 }),
  })
  .chain((h) =>
    fc.record({
      head: fc.constant(h),
      locations: fc.tuple(...h.locationIds.map(location)),
      seeds: fc.array(stepSeed, { minLength: h.stepIds.length, maxLength: h.stepIds.length }),
    }),
  )
  .map(({ head, locations, seeds }) => {
    const steps = head.stepIds.map((id, i) => buildStep(id, seeds[i], head.stepIds.slice(0, i), locations));
    const hunt: Hunt = { format: 'hunt/1', id: head.id, title: head.title, steps };
    if (head.description !== undefined) hunt.description = head.description;
    if (head.timeLimitSec !== undefined) hunt.timeLimitSec = head.timeLimitSec;
    if (head.wrongAnswerPenalty !== undefined) hunt.wrongAnswerPenalty = head.wrongAnswerPenalty;
    if (locations.length > 0) hunt.locations = locations;
    return hunt;
  });
