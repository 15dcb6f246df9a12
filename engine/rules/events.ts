// Rules 4–8 and the participant checks 6–7 of spec §3.10, as one immutable-style
// function: the state after the event (the same object when nothing changed) and
// the rejection reason, if any. A rejected event changes nothing except that P's
// deadlines up to its time have been applied (check 6 applies them first).
import type { CompiledHunt } from '../hunt/compile';
import { haversineMeters } from '../geo/haversine';
import { normalizeAnswer } from '../hunt/normalize';
import type { HuntEvent, RejectionReason } from '../log/types';
import { advanceTo } from './deadlines';
import { checkAvailability } from './availability';
import {
  addHint,
  addWrongAttempt,
  availableAt,
  draft,
  hintsTaken,
  isAvailable,
  isPending,
  markDone,
  markPending,
  unmarkPending,
  wrongAttempts,
  type MakeDraft,
  type ParticipantState,
} from './state';

export type EventOutcome = { state: ParticipantState; rejection: RejectionReason | null };

/**
 * Precondition: `s` is the state of `e.p` (check 5, participant existence, is the caller's).
 * With `makeDraft` = `inPlace` the changes go into `s` itself (see state.ts).
 */
export function applyEvent(h: CompiledHunt, s: ParticipantState, e: HuntEvent, makeDraft: MakeDraft = draft): EventOutcome {
  if (e.type === 'join') return { state: s, rejection: 'duplicate-join' };
  const now = advanceTo(h, s, e.t, makeDraft);
  // hunt-v2 §3.4: the organiser's judge and adjust apply to a participant in any status.
  if (now.status !== 'active' && e.type !== 'judge' && e.type !== 'adjust') return { state: now, rejection: 'participant-not-active' };

  switch (e.type) {
    case 'quit': {
      const d = makeDraft(now);
      d.status = 'quit';
      return { state: d, rejection: null };
    }
    case 'position':
      return { state: applyPosition(h, now, e.t, e.lat, e.lon, makeDraft), rejection: null };
    case 'answer':
    case 'scan':
    case 'hint': {
      const i = h.stepIndex.get(e.step);
      if (i === undefined) return { state: now, rejection: 'unknown-step' };
      const step = h.steps[i];
      if ((e.type === 'answer' && step.kind !== 'answer') || (e.type === 'scan' && step.kind !== 'code')) {
        return { state: now, rejection: 'wrong-kind' };
      }
      if (!isAvailable(now, i)) return { state: now, rejection: 'step-not-available' };
      if (e.type === 'hint') {
        if (hintsTaken(h, now, i) >= step.hintPenalties.length) return { state: now, rejection: 'no-hint-left' };
        const d = makeDraft(now);
        addHint(d, i);
        return { state: d, rejection: null };
      }
      const right = e.type === 'answer' ? step.answers!.has(normalizeAnswer(e.text)) : e.code.trim() === step.code;
      const d = makeDraft(now);
      if (right) markDone(h, d, i, e.t, false, makeDraft);
      else wrongAttempt(h, d, i, e.t, makeDraft);
      return { state: d, rejection: null };
    }
    case 'choose': {
      const i = h.stepIndex.get(e.step);
      if (i === undefined) return { state: now, rejection: 'unknown-step' };
      const step = h.steps[i];
      if (step.kind !== 'choice') return { state: now, rejection: 'wrong-kind' };
      if (!isAvailable(now, i)) return { state: now, rejection: 'step-not-available' };
      if (e.choice < 0 || e.choice >= step.choiceCount) return { state: now, rejection: 'bad-choice' };
      const d = makeDraft(now);
      if (step.correct!.has(e.choice)) markDone(h, d, i, e.t, false, makeDraft);
      else wrongAttempt(h, d, i, e.t, makeDraft);
      return { state: d, rejection: null };
    }
    case 'submit': {
      const i = h.stepIndex.get(e.step);
      if (i === undefined) return { state: now, rejection: 'unknown-step' };
      if (h.steps[i].kind !== 'judged') return { state: now, rejection: 'wrong-kind' };
      if (!isAvailable(now, i)) return { state: now, rejection: 'step-not-available' };
      const d = makeDraft(now);
      markPending(d, i);
      return { state: d, rejection: null };
    }
    case 'judge':
      return applyJudge(h, now, e.step, e.accept, e.points, e.t, makeDraft);
    case 'adjust': {
      const d = makeDraft(now);
      d.adjusted = (d.adjusted ?? 0) + e.points;
      // A score item may hold now (only while active: checkAvailability says so itself).
      checkAvailability(h, d, e.t);
      return { state: d, rejection: null };
    }
    case 'extend': {
      const d = makeDraft(now);
      d.extendedSec = (d.extendedSec ?? 0) + e.seconds;
      return { state: d, rejection: null };
    }
  }
}

/** A wrong attempt on step i at t; the step fails when wrong attempts reach `maxAttempts`. */
function wrongAttempt(h: CompiledHunt, d: ParticipantState, i: number, t: number, makeDraft: MakeDraft): void {
  addWrongAttempt(h, d, i);
  const max = h.steps[i].maxAttempts;
  if (max !== null && wrongAttempts(h, d, i) >= max) markDone(h, d, i, t, true, makeDraft);
}

/**
 * hunt-v2 §3.4 judge: accepting solves the pending step (base points `points`, capped at the
 * step's, when given); rejecting is a wrong attempt that puts the step back to available,
 * failing it at t when its deadline (from its original availableAt) or closing is ≤ t (§5.3).
 * For a participant who is not active markDone unlocks nothing and changes no status.
 */
function applyJudge(
  h: CompiledHunt,
  now: ParticipantState,
  stepId: string,
  accept: boolean,
  points: number | undefined,
  t: number,
  makeDraft: MakeDraft,
): EventOutcome {
  const i = h.stepIndex.get(stepId);
  if (i === undefined) return { state: now, rejection: 'unknown-step' };
  const step = h.steps[i];
  if (step.kind !== 'judged') return { state: now, rejection: 'wrong-kind' };
  if (!isPending(now, i)) return { state: now, rejection: 'not-pending' };
  const d = makeDraft(now);
  if (accept) {
    if (points !== undefined && points < step.points) d.accepted = { ...d.accepted, [i]: points };
    markDone(h, d, i, t, false, makeDraft);
    return { state: d, rejection: null };
  }
  unmarkPending(d, i);
  addWrongAttempt(h, d, i);
  const limitPassed = step.timeLimitSec !== null && availableAt(d, i)! + step.timeLimitSec <= t;
  const closed = step.closesAtSec !== null && step.closesAtSec <= t;
  const outOfAttempts = step.maxAttempts !== null && wrongAttempts(h, d, i) >= step.maxAttempts;
  if (outOfAttempts || limitPassed || closed) markDone(h, d, i, t, true, makeDraft);
  return { state: d, rejection: null };
}

/**
 * Rule 6: every location step available when the position arrived and within its
 * radius is solved, in file order. Steps those solves unlock wait for the next position.
 */
function applyPosition(h: CompiledHunt, s: ParticipantState, t: number, lat: number, lon: number, makeDraft: MakeDraft): ParticipantState {
  let hits: number[] | null = null;
  for (const i of h.locationSteps) {
    if (!isAvailable(s, i)) continue;
    const step = h.steps[i];
    if (haversineMeters(lat, lon, step.lat, step.lon) <= step.radiusM) (hits ??= []).push(i);
  }
  if (hits === null) return s;
  const d = makeDraft(s);
  for (const i of hits) markDone(h, d, i, t, false, makeDraft);
  return d;
}
