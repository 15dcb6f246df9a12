// A participant's state (spec §3) as plain JSON data, laid out compactly because
// one exists per participant and 100k participants must fit in memory: per step,
// three numbers in one flat array instead of an object per step.
//
// Everything outside engine/rules reads it through the accessors below (or
// through stepBreakdown / participantResult), never by indexing `steps` directly.
import type { CompiledHunt } from '../hunt/compile';
import type { ParticipantStatus, StepStatus } from '../log/types';
import { afterDone } from './availability';

export type ParticipantState = {
  id: string;
  /** The name given on the join, or null. */
  name: string | null;
  status: ParticipantStatus;
  joinedAt: number;
  /** Set only when status is `finished`. */
  finishedAt: number | null;
  /**
   * Per step i, at 3i, 3i+1, 3i+2:
   * - availableAt: when the step became available, -1 while locked;
   * - doneAt: when it was solved or failed, -1 while not done;
   * - tally: 2 × (wrongAttempts × (hintCount + 1) + hintsTaken) + (1 if failed).
   *   Packing the two counters and the failed flag keeps the array at 3 numbers a step;
   *   each change is a plain addition (see addWrongAttempt / addHint / markDone).
   */
  steps: number[];
  /** Step indices in the order they became done (ties in the order they were applied). */
  doneOrder: number[];
  /** Hints given, on any step. */
  hintsUsed: number;
  // ---- hunt/2 only: absent in a hunt/1 participant (and in every snapshot written before
  // v2), so a v1 state is exactly what it was and old checkpoints restore as they are.
  /** J of hunt-v2 §3.6: the participants whose join was applied before this one's (hunts with rotation groups). */
  joinIndex?: number;
  /** The sum of the organiser's `adjust` points. */
  adjusted?: number;
  /** The seconds of every `extend`: the hunt deadline moves later by this much. */
  extendedSec?: number;
  /** Judged steps accepted with fewer points than the step's: step index → the base points accepted. */
  accepted?: Record<number, number>;
};

export const STRIDE = 3;
const AVAILABLE_AT = 0;
const DONE_AT = 1;
const TALLY = 2;
/** doneAt of a judged step whose submission awaits judgement (a not-done step is -1). */
const PENDING = -2;

export function availableAt(s: ParticipantState, i: number): number | null {
  const v = s.steps[i * STRIDE + AVAILABLE_AT];
  return v < 0 ? null : v;
}

export function doneAt(s: ParticipantState, i: number): number | null {
  const v = s.steps[i * STRIDE + DONE_AT];
  return v < 0 ? null : v;
}

/** The base points of a step for P: the points a judge accepted, or the step's own (hunt-v2 §3.5). */
export function basePoints(h: CompiledHunt, s: ParticipantState, i: number): number {
  const accepted = s.accepted?.[i];
  return accepted === undefined ? h.steps[i].points : accepted;
}

export function stepStatus(s: ParticipantState, i: number): StepStatus {
  const base = i * STRIDE;
  const done = s.steps[base + DONE_AT];
  // Done first: a hunt/2 step can fail by its closing while still locked.
  if (done >= 0) return s.steps[base + TALLY] % 2 === 1 ? 'failed' : 'solved';
  if (s.steps[base + AVAILABLE_AT] < 0) return 'locked';
  return done === PENDING ? 'pending' : 'available';
}

/** Available and not pending: the step takes answers, scans, choices, submissions and hints. */
export function isAvailable(s: ParticipantState, i: number): boolean {
  const base = i * STRIDE;
  return s.steps[base + AVAILABLE_AT] >= 0 && s.steps[base + DONE_AT] === -1;
}

export function isPending(s: ParticipantState, i: number): boolean {
  return s.steps[i * STRIDE + DONE_AT] === PENDING;
}

/** Not yet available and not done (a hunt/2 step that closed while locked is done, not locked). */
export function isLocked(s: ParticipantState, i: number): boolean {
  return s.steps[i * STRIDE + AVAILABLE_AT] < 0 && s.steps[i * STRIDE + DONE_AT] < 0;
}

export function isSolved(s: ParticipantState, i: number): boolean {
  return s.steps[i * STRIDE + DONE_AT] >= 0 && s.steps[i * STRIDE + TALLY] % 2 === 0;
}

export function isFailed(s: ParticipantState, i: number): boolean {
  return s.steps[i * STRIDE + DONE_AT] >= 0 && s.steps[i * STRIDE + TALLY] % 2 === 1;
}

export function isDone(s: ParticipantState, i: number): boolean {
  return s.steps[i * STRIDE + DONE_AT] >= 0;
}

function counters(h: CompiledHunt, s: ParticipantState, i: number): number {
  return Math.floor(s.steps[i * STRIDE + TALLY] / 2);
}

export function hintsTaken(h: CompiledHunt, s: ParticipantState, i: number): number {
  return counters(h, s, i) % (h.steps[i].hintPenalties.length + 1);
}

export function wrongAttempts(h: CompiledHunt, s: ParticipantState, i: number): number {
  return Math.floor(counters(h, s, i) / (h.steps[i].hintPenalties.length + 1));
}

/** Everything a state holds about one step, unpacked (see `readStep`). */
export type StepRecord = { availableAt: number; doneAt: number; pending: boolean; failed: boolean; wrongAttempts: number; hintsTaken: number };

/**
 * Step i of s, unpacked into `into` (reused by the caller: one call and no allocation
 * per step when a whole state is read, as a checkpoint writing every changed
 * participant does). availableAt and doneAt are -1 for none.
 */
export function readStep(h: CompiledHunt, s: ParticipantState, i: number, into: StepRecord): StepRecord {
  const base = i * STRIDE;
  const a = s.steps[base + AVAILABLE_AT];
  const d = s.steps[base + DONE_AT];
  const tally = s.steps[base + TALLY];
  into.availableAt = a < 0 ? -1 : a;
  into.doneAt = d < 0 ? -1 : d;
  into.pending = d === PENDING;
  into.failed = d >= 0 && tally % 2 === 1;
  if (tally < 2) {
    into.wrongAttempts = 0;
    into.hintsTaken = 0;
  } else {
    const c = Math.floor(tally / 2);
    const perAttempt = h.steps[i].hintPenalties.length + 1;
    into.wrongAttempts = Math.floor(c / perAttempt);
    into.hintsTaken = c % perAttempt;
  }
  return into;
}

/** A fresh state with every step locked. */
export function emptyState(h: CompiledHunt, id: string, name: string | null, joinedAt: number): ParticipantState {
  const steps = new Array<number>(h.steps.length * STRIDE);
  for (let i = 0; i < h.steps.length; i++) {
    steps[i * STRIDE + AVAILABLE_AT] = -1;
    steps[i * STRIDE + DONE_AT] = -1;
    steps[i * STRIDE + TALLY] = 0;
  }
  if (!h.v2) return { id, name, status: 'active', joinedAt, finishedAt: null, steps, doneOrder: [], hintsUsed: 0 };
  // hunt/2's optional fields are there from the start, unset (JSON leaves them out, so the
  // state's JSON is what it was): a field added later gives the state another hidden class,
  // and the rules, reading states of many shapes, were deoptimised again and again.
  return {
    id,
    name,
    status: 'active',
    joinedAt,
    finishedAt: null,
    steps,
    doneOrder: [],
    hintsUsed: 0,
    joinIndex: undefined,
    adjusted: undefined,
    extendedSec: undefined,
    accepted: undefined,
  };
}

// ---- Mutators: only ever applied to a draft made by `draft()`, never to a state
// someone else holds. The public rule functions are immutable-style: they return a
// new state when something changed and the very same object when nothing did.

export function draft(s: ParticipantState): ParticipantState {
  // doneOrder is shared until a step becomes done: markDone replaces it in a draft.
  return { ...s, steps: s.steps.slice() };
}

/**
 * How a rule function gets a state it may change: `draft` (a copy) unless the caller says
 * otherwise. `ownsArrays`: the state returned never shares its arrays with a state someone
 * else holds (`draft` shares `doneOrder`), so markDone may push to it instead of copying.
 */
export type MakeDraft = ((s: ParticipantState) => ParticipantState) & { readonly ownsArrays?: boolean };

/** A copy that shares nothing with `s` (`draft` shares doneOrder, which an in-place change would then change). */
export function ownCopy(s: ParticipantState): ParticipantState {
  return { ...s, steps: s.steps.slice(), doneOrder: s.doneOrder.slice() };
}

/**
 * For a caller that owns its state and shares it with no one (the simulation's
 * mirror of each participant, an analysis pass over a log): changes go straight
 * into it. A copy per change would make every state change a new 60-number array
 * that outlives the young generation, since 100k participants each change only
 * once in ~100k events; copying and collecting those was a third of the
 * simulation generator's time.
 */
export const inPlace: MakeDraft = Object.assign((s: ParticipantState) => s, { ownsArrays: true });

export function makeAvailable(d: ParticipantState, i: number, t: number): void {
  d.steps[i * STRIDE + AVAILABLE_AT] = t;
}

/** A submission awaits judgement: the step is pending (neither available nor done). */
export function markPending(d: ParticipantState, i: number): void {
  d.steps[i * STRIDE + DONE_AT] = PENDING;
}

/** A rejected submission: the step is available again, from its original `availableAt`. */
export function unmarkPending(d: ParticipantState, i: number): void {
  d.steps[i * STRIDE + DONE_AT] = -1;
}

export function addWrongAttempt(h: CompiledHunt, d: ParticipantState, i: number): void {
  d.steps[i * STRIDE + TALLY] += 2 * (h.steps[i].hintPenalties.length + 1);
}

export function addHint(d: ParticipantState, i: number): void {
  d.steps[i * STRIDE + TALLY] += 2;
  d.hintsUsed += 1;
}

/** The step becomes done at t, and nothing else (the bookkeeping v1 and v2 share). */
export function recordDone(d: ParticipantState, i: number, t: number, failed: boolean, makeDraft: MakeDraft): void {
  const base = i * STRIDE;
  d.steps[base + DONE_AT] = t;
  if (failed) d.steps[base + TALLY] += 1;
  // A draft shares doneOrder with the state it copies. In place it is the state's own:
  // a new array per solved step there lived until that participant's next one, and
  // these were most of what the simulation's generator promoted to the old generation.
  if (makeDraft.ownsArrays === true) d.doneOrder.push(i);
  else d.doneOrder = d.doneOrder.concat(i);
}

/**
 * Rule 3: the step becomes done at t; every locked dependent whose requires are
 * now all done becomes available at t; when every step is done, P is finished.
 */
export function markDone(h: CompiledHunt, d: ParticipantState, i: number, t: number, failed: boolean, makeDraft: MakeDraft): void {
  recordDone(d, i, t, failed, makeDraft);
  if (h.v2) return afterDone(h, d, t, i);
  for (const j of h.steps[i].dependents) {
    if (d.steps[j * STRIDE + AVAILABLE_AT] >= 0) continue;
    if (h.steps[j].requires.every((r) => d.steps[r * STRIDE + DONE_AT] >= 0)) makeAvailable(d, j, t);
  }
  if (d.doneOrder.length === h.steps.length) {
    d.status = 'finished';
    d.finishedAt = t;
  }
}
