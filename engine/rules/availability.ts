// hunt/2's availability (hunt-v2 §3.1) and finishing (§3.3): when a locked step becomes
// available, and when P is finished. Only a hunt/2 hunt gets here (CompiledHunt.v2); a
// hunt/1 hunt keeps the v1 unlocking of state.ts's markDone, untouched and as fast.
import type { CompiledHunt } from '../hunt/compile';
import { participantScore } from './results';
import { isDone, isFailed, isLocked, isSolved, makeAvailable, type ParticipantState } from './state';

/** Whether every requirement item of step j holds for P now; `score` is P's score (§3.5). */
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
        if (score < item.score) return false;
        break;
    }
  }
  return true;
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

/**
 * §3.1: every locked step whose items and rotation rule hold and whose opening has come
 * becomes available at t, in file order. Becoming available changes neither what is done
 * nor the score, so one pass reaches what the spec's "repeat until nothing changes" does.
 */
export function checkAvailability(h: CompiledHunt, d: ParticipantState, t: number): void {
  if (d.status !== 'active') return;
  let score: number | null = null;
  for (let j = 0; j < h.steps.length; j++) {
    if (!isLocked(d, j)) continue;
    const opens = h.steps[j].opensAtSec;
    if (opens !== null && opens > t) continue;
    score ??= participantScore(h, d);
    if (readyToOpen(h, d, j, score)) makeAvailable(d, j, t);
  }
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

/** After one of P's steps became done at t: finishing, then availability (both only while P is active). */
export function afterDone(h: CompiledHunt, d: ParticipantState, t: number): void {
  checkFinished(h, d, t);
  checkAvailability(h, d, t);
}
