// Turns a validated hunt into the shape the engine works with: defaults applied,
// step and location ids resolved to indices, answers normalised once, and each
// step's dependents precomputed so unlocking never searches the whole hunt.
import type { Hunt, StepKind } from './schema';
import { normalizeAnswer } from './normalize';

export const DEFAULT_POINTS = 100;

export type CompiledStep = {
  /** Position in the hunt file; steps are referred to by this index everywhere in the engine. */
  index: number;
  id: string;
  kind: StepKind;
  points: number;
  /** Indices of the steps this one requires. */
  requires: number[];
  /** Indices of the steps that list this one in `requires`, in file order. */
  dependents: number[];
  /** Step time limit in seconds, or null for none. */
  timeLimitSec: number | null;
  /** Penalty of each hint, in the order hints are given out. */
  hintPenalties: number[];
  /** Wrong attempts that fail the step, or null for unlimited. */
  maxAttempts: number | null;
  /** Answer steps: the accepted answers, normalised. */
  answers: Set<string> | null;
  /** Code steps: the code, trimmed. */
  code: string | null;
  /** Location steps: where the participant must be. */
  lat: number;
  lon: number;
  radiusM: number;
};

export type CompiledHunt = {
  id: string;
  hunt: Hunt;
  steps: CompiledStep[];
  stepIndex: Map<string, number>;
  /** Hunt time limit in seconds, or null for none. */
  timeLimitSec: number | null;
  wrongAnswerPenalty: number;
  /** Indices of the location steps, in file order (positions only look at these). */
  locationSteps: number[];
  /** Indices of the steps with no `requires`: available from the join. */
  initialSteps: number[];
  /**
   * Indices of the steps with a time limit, in file order: the deadline rule looks only
   * at these, before every event of a participant (a loop over every step cost a 20-step
   * hunt's simulation more than any other rule).
   */
  limitedSteps: number[];
};

/** Precondition: `hunt` passed validation (ids unique, references resolve, no cycles). */
export function compileHunt(hunt: Hunt): CompiledHunt {
  const stepIndex = new Map<string, number>();
  hunt.steps.forEach((s, i) => stepIndex.set(s.id, i));
  const locations = new Map((hunt.locations ?? []).map((l) => [l.id, l]));

  const steps: CompiledStep[] = hunt.steps.map((s, index) => {
    const requires = (s.requires ?? []).map((id) => {
      const i = stepIndex.get(id);
      if (i === undefined) throw new Error(`compileHunt: step "${s.id}" requires unknown step "${id}" (validate first)`);
      return i;
    });
    const loc = s.kind === 'location' ? locations.get(s.location) : undefined;
    if (s.kind === 'location' && !loc) {
      throw new Error(`compileHunt: step "${s.id}" names unknown location "${s.location}" (validate first)`);
    }
    return {
      index,
      id: s.id,
      kind: s.kind,
      points: s.points ?? DEFAULT_POINTS,
      requires: [...new Set(requires)],
      dependents: [],
      timeLimitSec: s.timeLimitSec ?? null,
      hintPenalties: (s.hints ?? []).map((h) => h.penalty),
      maxAttempts: s.kind === 'location' ? null : (s.maxAttempts ?? null),
      answers: s.kind === 'answer' ? new Set(s.answers.map(normalizeAnswer).filter((a) => a !== '')) : null,
      code: s.kind === 'code' ? s.code.trim() : null,
      lat: loc?.lat ?? 0,
      lon: loc?.lon ?? 0,
      radiusM: loc?.radiusM ?? 0,
    };
  });
  for (const step of steps) for (const r of step.requires) steps[r].dependents.push(step.index);

  return {
    id: hunt.id,
    hunt,
    steps,
    stepIndex,
    timeLimitSec: hunt.timeLimitSec ?? null,
    wrongAnswerPenalty: hunt.wrongAnswerPenalty ?? 0,
    locationSteps: steps.filter((s) => s.kind === 'location').map((s) => s.index),
    initialSteps: steps.filter((s) => s.requires.length === 0).map((s) => s.index),
    limitedSteps: steps.filter((s) => s.timeLimitSec !== null).map((s) => s.index),
  };
}
