// Rule 2: deadlines. Applied before each event of a participant and for everyone
// at the end of the log, in time order; each takes effect at its own time, so the
// result never depends on when this runs.
import type { CompiledHunt } from '../hunt/compile';
import { draft, markDone, STRIDE, type MakeDraft, type ParticipantState } from './state';
import { advanceTimers } from './timers';

/** The hunt deadline of P, or Infinity without a hunt time limit; later by every `extend` (hunt/2). */
export function huntDeadline(h: CompiledHunt, s: ParticipantState): number {
  return h.timeLimitSec === null ? Infinity : s.joinedAt + h.timeLimitSec + (s.extendedSec ?? 0);
}

/**
 * The step whose deadline comes first for P (first in file order on ties), or -1.
 * Its deadline is `stepDeadline(h, s, i)`. An index, not a pair: this runs before
 * every event, and a fresh array each time was garbage for nothing.
 */
function nextDeadlineStep(h: CompiledHunt, s: ParticipantState): number {
  let best = Infinity;
  let bestStep = -1;
  for (const i of h.limitedSteps) {
    const at = s.steps[i * STRIDE];
    if (at < 0 || s.steps[i * STRIDE + 1] >= 0) continue; // locked or done: no deadline (a hunt/1 step is never pending)
    const deadline = at + h.steps[i].timeLimitSec!;
    if (deadline < best) {
      best = deadline;
      bestStep = i;
    }
  }
  return bestStep;
}

/** When step i (available, with a time limit) fails by its deadline. */
function stepDeadline(h: CompiledHunt, s: ParticipantState, i: number): number {
  return s.steps[i * STRIDE] + h.steps[i].timeLimitSec!;
}

/**
 * Applies every deadline of P that is ≤ t. Returns the same object when none has
 * passed. At equal times the hunt deadline comes first, then step deadlines in
 * file order; a failure can unlock steps whose own deadlines then count from it.
 * With `makeDraft` = `inPlace` the changes go into `s` itself.
 */
export function advanceTo(h: CompiledHunt, s: ParticipantState, t: number, makeDraft: MakeDraft = draft): ParticipantState {
  if (h.v2) return advanceTimers(h, s, t, makeDraft);
  let d: ParticipantState | null = null;
  let cur = s;
  while (cur.status === 'active') {
    const hunt = huntDeadline(h, cur);
    const step = nextDeadlineStep(h, cur);
    const stepTime = step < 0 ? Infinity : stepDeadline(h, cur, step);
    if (hunt <= t && hunt <= stepTime) {
      d ??= makeDraft(cur);
      d.status = 'timed_out';
      break;
    }
    if (step < 0 || stepTime > t) break;
    d ??= makeDraft(cur);
    markDone(h, d, step, stepTime, true, makeDraft);
    cur = d;
  }
  return d ?? s;
}
