// hunt/2's timers (hunt-v2 §3.2, replacing v1's deadlines): the hunt deadline (moved by
// `extend`), step deadlines of available steps, closings of locked or available steps,
// and openings of locked steps that wait only for their `opensAtSec`. Applied one at a
// time, earliest first, each at its own time, so the result never depends on when this runs.
import type { CompiledHunt } from '../hunt/compile';
import { afterDone, checkAvailability, readyToOpen, scoreFor } from './availability';
import { huntDeadline } from './deadlines';
import { availableAt, isAvailable, isLocked, makeAvailable, recordDone, type MakeDraft, type ParticipantState } from './state';

/** Kinds of step timer in the order they apply at equal times (the hunt deadline comes before both). */
const FAILS = 1;
const OPENS = 2;

/**
 * The next timer of P among its steps: kind FAILS (a step deadline or a closing) or OPENS,
 * at `time`, for `step`; earliest first, then by kind, then by file order. Written into
 * `out` (a fresh object per call was garbage before every event).
 */
type NextTimer = { time: number; kind: number; step: number };

function nextStepTimer(h: CompiledHunt, s: ParticipantState, out: NextTimer): void {
  out.time = Infinity;
  out.kind = FAILS;
  out.step = -1;
  let score = NaN;
  for (const i of h.timedSteps) {
    const step = h.steps[i];
    let time = Infinity;
    let kind = FAILS;
    if (isAvailable(s, i)) {
      if (step.timeLimitSec !== null) time = availableAt(s, i)! + step.timeLimitSec;
      if (step.closesAtSec !== null && step.closesAtSec < time) time = step.closesAtSec;
    } else if (isLocked(s, i)) {
      if (step.closesAtSec !== null) time = step.closesAtSec;
      if (step.opensAtSec !== null && step.opensAtSec < time) {
        score = scoreFor(h, s, i, score);
        if (readyToOpen(h, s, i, score)) {
          time = step.opensAtSec;
          kind = OPENS;
        }
      }
    }
    if (time < out.time || (time === out.time && kind < out.kind)) {
      out.time = time;
      out.kind = kind;
      out.step = i;
    }
  }
}

const next: NextTimer = { time: Infinity, kind: FAILS, step: -1 };

/**
 * When P's next step timer (a step deadline, a closing or an opening) comes, Infinity when
 * none is due: what a simulated participant with no open step waits for.
 */
export function nextStepTimerAt(h: CompiledHunt, s: ParticipantState): number {
  const out: NextTimer = { time: Infinity, kind: FAILS, step: -1 };
  nextStepTimer(h, s, out);
  return out.time;
}

/** Applies every timer of P that is ≤ t (while P is active). Returns the same object when none has passed. */
export function advanceTimers(h: CompiledHunt, s: ParticipantState, t: number, makeDraft: MakeDraft): ParticipantState {
  let d: ParticipantState | null = null;
  let cur = s;
  while (cur.status === 'active') {
    const hunt = huntDeadline(h, cur);
    nextStepTimer(h, cur, next);
    if (hunt <= t && hunt <= next.time) {
      d ??= makeDraft(cur);
      d.status = 'timed_out';
      break;
    }
    if (next.step < 0 || next.time > t) break;
    d ??= makeDraft(cur);
    const at = next.time;
    if (next.kind === OPENS) {
      makeAvailable(d, next.step, at);
      checkAvailability(h, d, at);
    } else {
      recordDone(d, next.step, at, true, makeDraft);
      afterDone(h, d, at, next.step);
    }
    cur = d;
  }
  return d ?? s;
}
