// hunt/2's availability (hunt-v2 §3.1) and finishing (§3.3): when a locked step becomes
// available, and when P is finished. Only a hunt/2 hunt gets here (CompiledHunt.v2); a
// hunt/1 hunt keeps the v1 unlocking of state.ts's markDone, untouched and as fast.
import type { CompiledHunt } from '../hunt/compile';
import { participantScore } from './results';
import { isDone, isFailed, isLocked, isSolved, makeAvailable, type ParticipantState } from './state';

/**
 * Whether every requirement item of step j holds for P now; `score` is P's score (§3.5), or
 * NaN when the caller has not computed it: it is then computed here, only if j has a
 * `score` item and every item before it holds (see scoreFor).
 */
export function itemsHold(h: CompiledHunt, s: ParticipantState, j: number, score: number): boolean {
  for (const item of h.steps[j].items) {
    switch (item.kind) {
      case 'done':
        if (!isDone(s, item.step)) return false;
        break;
      case 'solved':
        if (!isSolved(s, item.step)) return false;
        break;
      case 'failed':
        if (!isFailed(s, item.step)) return false;
        break;
      case 'anyOf': {
        let done = 0;
        for (const k of item.steps) if (isDone(s, k)) done++;
        if (done < item.count) return false;
        break;
      }
      case 'score':
        if (Number.isNaN(score)) score = participantScore(h, s);
        if (score < item.score) return false;
        break;
    }
  }
  return true;
}

/** What the rules derive once per hunt for availability checks. */
type AvailabilityPlan = {
  /** Per step: whether it has a `score` item (only those need P's score). */
  hasScoreItem: boolean[];
  /**
   * Per step i: the steps that can become available when i becomes done, in file order:
   * those whose items or rotation name i (its dependents), and those with a `score` item
   * (solving i changes the score). No other locked step's conditions change then.
   */
  afterDone: number[][];
};

const plans = new WeakMap<CompiledHunt, AvailabilityPlan>();

function planFor(h: CompiledHunt): AvailabilityPlan {
  let plan = plans.get(h);
  if (!plan) {
    const scoreSteps = new Set(h.scoreSteps);
    plan = {
      hasScoreItem: h.steps.map((step) => scoreSteps.has(step.index)),
      afterDone: h.steps.map((step) => [...new Set([...step.dependents, ...h.scoreSteps])].sort((a, b) => a - b)),
    };
    plans.set(h, plan);
  }
  return plan;
}

/**
 * P's score as far as step j's items need it: `known` when already computed (not NaN);
 * otherwise computed only when j has a `score` item, else NaN. Summing the score over every
 * step for each locked step of each event was the largest cost of hunt/2's rules.
 */
export function scoreFor(h: CompiledHunt, s: ParticipantState, j: number, known: number): number {
  if (!Number.isNaN(known) || !planFor(h).hasScoreItem[j]) return known;
  return participantScore(h, s);
}

/** The rotation offset of P in a group of `size` steps: J mod n (§3.6). */
export function rotationOffset(s: ParticipantState, size: number): number {
  return (s.joinIndex ?? 0) % size;
}

/** §3.6: P's first step of its group has no extra rule; every later one waits for the one before it in P's order. */
export function rotationHolds(h: CompiledHunt, s: ParticipantState, j: number): boolean {
  const r = h.steps[j].rotation;
  return r === null || r.position === rotationOffset(s, r.size) || isDone(s, r.previous);
}

/** Items and rotation hold: all that stands between the step and availability is its opening (if any). */
export function readyToOpen(h: CompiledHunt, s: ParticipantState, j: number, score: number): boolean {
  return rotationHolds(h, s, j) && itemsHold(h, s, j, score);
}

/** Step j, locked, becomes available at t if its opening has come and its items and rotation hold; returns the score as known now. */
function openIfReady(h: CompiledHunt, d: ParticipantState, j: number, t: number, score: number): number {
  if (!isLocked(d, j)) return score;
  const opens = h.steps[j].opensAtSec;
  if (opens !== null && opens > t) return score;
  if (!rotationHolds(h, d, j)) return score;
  score = scoreFor(h, d, j, score);
  if (itemsHold(h, d, j, score)) makeAvailable(d, j, t);
  return score;
}

/**
 * §3.1: every locked step whose items and rotation rule hold and whose opening has come
 * becomes available at t, in file order. Becoming available changes neither what is done
 * nor the score, so one pass reaches what the spec's "repeat until nothing changes" does.
 */
export function checkAvailability(h: CompiledHunt, d: ParticipantState, t: number): void {
  if (d.status !== 'active') return;
  let score = NaN;
  for (let j = 0; j < h.steps.length; j++) score = openIfReady(h, d, j, t, score);
}

/**
 * §3.1 after step i became done: the same as checkAvailability, looking only at the steps
 * whose conditions that can change (AvailabilityPlan.afterDone). Every other locked step had
 * a condition that did not hold at its last check and has not changed since: items and
 * rotation change only when a step they name becomes done, the score only when a step is
 * solved or on an adjust (which checks every step), and an opening is a timer of its own.
 */
function checkAvailabilityAfter(h: CompiledHunt, d: ParticipantState, t: number, i: number): void {
  if (d.status !== 'active') return;
  let score = NaN;
  for (const j of planFor(h).afterDone[i]) score = openIfReady(h, d, j, t, score);
}

/** §3.3: the finish step is done; or, without one, every step that is not optional is done. */
export function finishReached(h: CompiledHunt, s: ParticipantState): boolean {
  if (h.finishStep !== null) return isDone(s, h.finishStep);
  for (const i of h.requiredSteps) if (!isDone(s, i)) return false;
  return true;
}

/** P is finished at t when the finishing rule holds (checked only while active). */
export function checkFinished(h: CompiledHunt, d: ParticipantState, t: number): void {
  if (d.status === 'active' && finishReached(h, d)) {
    d.status = 'finished';
    d.finishedAt = t;
  }
}

/** After P's step i became done at t: finishing, then availability (both only while P is active). */
export function afterDone(h: CompiledHunt, d: ParticipantState, t: number, i: number): void {
  checkFinished(h, d, t);
  checkAvailabilityAfter(h, d, t, i);
}
