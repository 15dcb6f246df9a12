// Turns a validated hunt into the shape the engine works with: defaults applied,
// step and location ids resolved to indices, answers normalised once, and each
// step's dependents precomputed so unlocking never searches the whole hunt.
// A hunt/2 file compiles to the same shape plus what its rules need (`v2` set): the
// requirement items, windows, rotation and finishing rule; a hunt/1 file leaves them
// empty and its rules never look at them.
import type { Hunt, RequirementItem, StepKind, StepV2 } from './schema';
import { normalizeAnswer } from './normalize';

export const DEFAULT_POINTS = 100;

/** A requirement item with its step ids resolved to indices (hunt-v2 §1). */
export type CompiledItem =
  | { kind: 'done'; step: number }
  | { kind: 'solved'; step: number }
  | { kind: 'failed'; step: number }
  | { kind: 'anyOf'; steps: number[]; count: number }
  | { kind: 'score'; score: number };

/** A step's place in its rotation group (hunt-v2 §3.6). */
export type CompiledRotation = {
  /** Steps in the group. */
  size: number;
  /** This step's position in the group's `steps`. */
  position: number;
  /** The step before it in the group, wrapping round: what must be done first unless P starts here. */
  previous: number;
};

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
  // ---- hunt/2 only (defaults for hunt/1)
  /** The requirement items (hunt/2); empty for hunt/1, whose rules use `requires`. */
  items: CompiledItem[];
  optional: boolean;
  opensAtSec: number | null;
  closesAtSec: number | null;
  /** Choice steps: how many choices there are, and the correct indices. */
  choiceCount: number;
  correct: Set<number> | null;
  rotation: CompiledRotation | null;
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
  /** True for a hunt/2 file: its rules are hunt-v2 §3 (a hunt/1 file keeps the v1 rules exactly). */
  v2: boolean;
  /** The finish step's index, or null when every non-optional step must be done. */
  finishStep: number | null;
  /** Steps that must be done to finish when there is no finish step (the non-optional ones), in file order. */
  requiredSteps: number[];
  /** Steps with a time limit, an opening or a closing, in file order: the timers of hunt-v2 §3.2 look only at these. */
  timedSteps: number[];
  /** Steps with a `score` item: checked again whenever the score changes. */
  scoreSteps: number[];
  /** Whether any rotation group exists: only then does a join need its join index. */
  hasGroups: boolean;
};

/** Precondition: `hunt` passed validation (ids unique, references resolve, no cycles). */
export function compileHunt(hunt: Hunt): CompiledHunt {
  const stepIndex = new Map<string, number>();
  hunt.steps.forEach((s, i) => stepIndex.set(s.id, i));
  const locations = new Map((hunt.locations ?? []).map((l) => [l.id, l]));
  const v2 = hunt.format === 'hunt/2';
  const resolve = (owner: string, id: string): number => {
    const i = stepIndex.get(id);
    if (i === undefined) throw new Error(`compileHunt: step "${owner}" requires unknown step "${id}" (validate first)`);
    return i;
  };

  const steps: CompiledStep[] = hunt.steps.map((s, index) => {
    const items = v2 ? ((s as StepV2).requires ?? []).map((item) => compileItem(item, (id) => resolve(s.id, id))) : [];
    // For hunt/1, the required steps; for hunt/2, every step an item names (the dependency edges).
    const requires = v2 ? items.flatMap(itemSteps) : ((s.requires ?? []) as string[]).map((id) => resolve(s.id, id));
    const s2 = s as Partial<StepV2>;
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
      items,
      optional: s2.optional ?? false,
      opensAtSec: s2.opensAtSec ?? null,
      closesAtSec: s2.closesAtSec ?? null,
      choiceCount: s.kind === 'choice' ? s.choices.length : 0,
      correct: s.kind === 'choice' ? new Set(s.correct) : null,
      rotation: null,
    };
  });
  const groups = hunt.format === 'hunt/2' ? (hunt.groups ?? []) : [];
  for (const g of groups) {
    const members = g.steps.map((id) => resolve(g.id, id));
    members.forEach((i, position) => {
      steps[i].rotation = { size: members.length, position, previous: members[(position - 1 + members.length) % members.length] };
    });
  }
  for (const step of steps) {
    const on = new Set(step.requires);
    if (step.rotation) on.add(step.rotation.previous);
    for (const r of on) steps[r].dependents.push(step.index);
  }
  const finishStep = hunt.format === 'hunt/2' && hunt.finishStep !== undefined ? resolve('finishStep', hunt.finishStep) : null;

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
    v2,
    finishStep,
    requiredSteps: steps.filter((s) => !s.optional).map((s) => s.index),
    timedSteps: steps.filter((s) => s.timeLimitSec !== null || s.opensAtSec !== null || s.closesAtSec !== null).map((s) => s.index),
    scoreSteps: steps.filter((s) => s.items.some((item) => item.kind === 'score')).map((s) => s.index),
    hasGroups: groups.length > 0,
  };
}

function compileItem(item: RequirementItem, resolve: (id: string) => number): CompiledItem {
  if (typeof item === 'string') return { kind: 'done', step: resolve(item) };
  if ('anyOf' in item) return { kind: 'anyOf', steps: [...new Set(item.anyOf.map(resolve))], count: item.count ?? 1 };
  if ('solved' in item) return { kind: 'solved', step: resolve(item.solved) };
  if ('failed' in item) return { kind: 'failed', step: resolve(item.failed) };
  return { kind: 'score', score: item.score };
}

/** The steps an item depends on (a score item names none). */
function itemSteps(item: CompiledItem): number[] {
  if (item.kind === 'score') return [];
  if (item.kind === 'anyOf') return item.steps;
  return [item.step];
}
