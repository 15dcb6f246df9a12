// The hunt file formats v1 (spec §1) and v2 (hunt-v2 §1) as zod schemas. Types are
// inferred from them, so the validator and the engine can never disagree on what a hunt
// is. Objects are strict: an unknown field (a typo) is an error, never silently dropped.
// v2 is v1 plus fields; a "hunt/1" file is checked against v1 alone, so a v2 field there
// is an unknown field, exactly as before v2 existed.
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

// ---- hunt/2 (hunt-v2 §1)

/** The fields v2 adds to every kind of step. `requires` holds requirement items instead of ids. */
const stepBaseV2Extra = {
  requires: z.array(z.lazy(() => requirementItemSchema)).optional(),
  optional: z.boolean().optional(),
  opensAtSec: z.number().finite().min(0, 'must be 0 or more').optional(),
  closesAtSec: positive.optional(),
};

/**
 * Requirement items. The validator words their problems itself (requirementItemIssues in
 * schema-issues.ts) since a union's own report cannot say which key was meant.
 */
export const anyOfItemSchema = z.object({ anyOf: z.array(z.string()).min(1), count: z.number().int().min(1).optional() }).strict();
export const requirementItemSchema = z.union([
  z.string(),
  anyOfItemSchema,
  z.object({ solved: z.string() }).strict(),
  z.object({ failed: z.string() }).strict(),
  z.object({ score: nonNegativeInt }).strict(),
]);

const attempts = z.number().int('must be a whole number').min(1).optional();

export const choiceStepSchema = z
  .object({
    ...stepBase,
    ...stepBaseV2Extra,
    kind: z.literal('choice'),
    prompt: z.string(),
    choices: z.array(z.string().refine((c) => c.trim().length > 0, 'must not be empty after trimming spaces')).min(2),
    correct: z.array(z.number().int().min(0)).min(1),
    maxAttempts: attempts,
  })
  .strict();

export const judgedStepSchema = z
  .object({
    ...stepBase,
    ...stepBaseV2Extra,
    kind: z.literal('judged'),
    prompt: z.string(),
    maxAttempts: attempts,
  })
  .strict();

const answerStepV2Schema = answerStepSchema.extend(stepBaseV2Extra).strict();
const codeStepV2Schema = codeStepSchema.extend(stepBaseV2Extra).strict();
const locationStepV2Schema = locationStepSchema.extend(stepBaseV2Extra).strict();

export const stepSchemaV2 = z.discriminatedUnion('kind', [answerStepV2Schema, codeStepV2Schema, locationStepV2Schema, choiceStepSchema, judgedStepSchema]);

/** The shared fields of a v2 step alone, unknown keys ignored (see stepCommonSchema). */
export const stepCommonSchemaV2 = z.object({ ...stepBase, ...stepBaseV2Extra });

export const groupSchema = z
  .object({
    id: slug,
    steps: z.array(z.string()).min(2, 'a rotation group needs at least two steps'),
    order: z.literal('rotate').optional(),
  })
  .strict();

export const huntSchemaV2 = z
  .object({
    format: z.literal('hunt/2'),
    id: slug,
    title: nonEmpty,
    description: z.string().optional(),
    timeLimitSec: positive.optional(),
    wrongAnswerPenalty: nonNegativeInt.optional(),
    finishStep: z.string().optional(),
    locations: z.array(locationSchema).optional(),
    steps: z.array(stepSchemaV2).min(1, 'a hunt needs at least one step'),
    groups: z.array(groupSchema).optional(),
  })
  .strict();

/** The step kinds' schemas, by format: what the validator checks a step against. */
export const STEP_SCHEMAS = {
  'hunt/1': { answer: answerStepSchema, code: codeStepSchema, location: locationStepSchema },
  'hunt/2': { answer: answerStepV2Schema, code: codeStepV2Schema, location: locationStepV2Schema, choice: choiceStepSchema, judged: judgedStepSchema },
} as const;

export type Hint = z.infer<typeof hintSchema>;
export type HuntLocation = z.infer<typeof locationSchema>;
export type AnswerStep = z.infer<typeof answerStepSchema>;
export type CodeStep = z.infer<typeof codeStepSchema>;
export type LocationStep = z.infer<typeof locationStepSchema>;
export type ChoiceStep = z.infer<typeof choiceStepSchema>;
export type JudgedStep = z.infer<typeof judgedStepSchema>;
export type RequirementItem = z.infer<typeof requirementItemSchema>;
export type RotationGroup = z.infer<typeof groupSchema>;
/** A step of a hunt/1 file. */
export type StepV1 = z.infer<typeof stepSchema>;
/** A step of a hunt/2 file. */
export type StepV2 = z.infer<typeof stepSchemaV2>;
export type Step = StepV1 | StepV2;
export type StepKind = Step['kind'];
export type HuntV1 = z.infer<typeof huntSchema>;
export type HuntV2 = z.infer<typeof huntSchemaV2>;
/** A hunt exactly as written in a `.hunt.json` file (defaults not yet applied), either format. */
export type Hunt = HuntV1 | HuntV2;
export type HuntFormat = Hunt['format'];
