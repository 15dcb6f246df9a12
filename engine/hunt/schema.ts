// The hunt file format v1 (spec §1) as a zod schema. Types are inferred from it,
// so the validator and the engine can never disagree on what a hunt is.
// Objects are strict: an unknown field (a typo) is an error, never silently dropped.
import { z } from 'zod';
import { normalizeAnswer } from './normalize';

export const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

const slug = z.string().regex(SLUG, 'must be a slug: lower-case letters, digits and dashes, starting with a letter or digit, at most 64 characters');
const nonEmpty = z.string().min(1, 'must not be empty');
const positive = z.number().finite().gt(0, 'must be greater than 0');
const nonNegativeInt = z.number().int('must be a whole number').min(0, 'must be 0 or more');

export const hintSchema = z
  .object({
    text: z.string(),
    penalty: nonNegativeInt,
  })
  .strict();

export const locationSchema = z
  .object({
    id: slug,
    name: z.string().optional(),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    radiusM: positive,
  })
  .strict();

// Fields every kind of step shares.
const stepBase = {
  id: slug,
  title: nonEmpty,
  points: nonNegativeInt.optional(),
  requires: z.array(z.string()).optional(),
  timeLimitSec: positive.optional(),
  hints: z.array(hintSchema).optional(),
};

/** The shared fields alone, unknown keys ignored: used to still check a step whose `kind` is wrong. */
export const stepCommonSchema = z.object(stepBase);

export const answerStepSchema = z
  .object({
    ...stepBase,
    kind: z.literal('answer'),
    prompt: z.string(),
    // Each answer must still say something once normalised (spec §1). The validator turns
    // "every answer empty" (or no answer at all) into the single `no-answers` error;
    // these issues carry that meaning in `params.huntCode`.
    answers: z
      .array(
        z.string().refine((a) => normalizeAnswer(a) !== '', {
          message: 'is empty once case, accents, punctuation and spaces are ignored, so no reply could ever match it',
          params: { huntCode: 'empty-answer' },
        }),
      )
      .refine((list) => list.length > 0, { message: 'needs at least one accepted answer', params: { huntCode: 'no-answers' } }),
    maxAttempts: z.number().int('must be a whole number').min(1).optional(),
  })
  .strict();

export const codeStepSchema = z
  .object({
    ...stepBase,
    kind: z.literal('code'),
    code: z.string().refine((c) => c.trim().length > 0, 'must not be empty after trimming spaces'),
    maxAttempts: z.number().int('must be a whole number').min(1).optional(),
  })
  .strict();

export const locationStepSchema = z
  .object({
    ...stepBase,
    kind: z.literal('location'),
    location: z.string(),
  })
  .strict();

export const stepSchema = z.discriminatedUnion('kind', [answerStepSchema, codeStepSchema, locationStepSchema]);

export const huntSchema = z
  .object({
    format: z.literal('hunt/1'),
    id: slug,
    title: nonEmpty,
    description: z.string().optional(),
    timeLimitSec: positive.optional(),
    wrongAnswerPenalty: nonNegativeInt.optional(),
    locations: z.array(locationSchema).optional(),
    steps: z.array(stepSchema).min(1, 'a hunt needs at least one step'),
  })
  .strict();

export type Hint = z.infer<typeof hintSchema>;
export type HuntLocation = z.infer<typeof locationSchema>;
export type AnswerStep = z.infer<typeof answerStepSchema>;
export type CodeStep = z.infer<typeof codeStepSchema>;
export type LocationStep = z.infer<typeof locationStepSchema>;
export type Step = z.infer<typeof stepSchema>;
export type StepKind = Step['kind'];
/** A hunt exactly as written in a `.hunt.json` file (defaults not yet applied). */
export type Hunt = z.infer<typeof huntSchema>;
