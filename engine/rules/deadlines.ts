// Rule 2: deadlines. Applied before each event of a participant and for everyone
// at the end of the log, in time order; each takes effect at its own time, so the
// result never depends on when this runs.
import type { CompiledHunt } from '../hunt/compile';
import { draft, markDone, STRIDE, type MakeDraft, type ParticipantState } from './state';

/** The hunt deadline of P, or Infinity without a hunt time limit. */
export function huntDeadline(h: CompiledHunt, s: ParticipantState): number {
  return h.timeLimitSec === null ? Infinity : s.joinedAt + h.timeLimitSec;
}

/** The earliest step deadline of P (first in file order on ties), as [time, step], or null. */
export function nextStepDeadline(h: CompiledHunt, s: ParticipantState): [number, number] | null {
  if (!h.hasStepLimits) return null;
  let best = Infinity;
  let bestStep = -1;
  for (let i = 0; i < h.steps.length; i++) {
    const limit = h.steps[i].timeLimitSec;
    if (limit === null) continue;
    const at = s.steps[i * STRIDE];
    if (at < 0 || s.steps[i * STRIDE + 1] >= 0) continue; // locked or done: no deadline
    const deadline = at + limit;
    if (deadline < best) {
      best = deadline;
      bestStep = i;
    }
  }
  return bestStep < 0 ? null : [best, bestStep];
}

/**
 * Applies every deadline of P that is ≤ t. Returns the same object when none has
 * passed. At equal times the hunt deadline comes first, then step deadlines in
 * file order; a failure can unlock steps whose own deadlines then count from it.
 * With `makeDraft` = `inPlace` the changes go into `s` itself.
 */
export function advanceTo(h: CompiledHunt, s: ParticipantState, t: number, makeDraft: MakeDraft = draft): ParticipantState {
  let d: ParticipantState | null = null;
  let cur = s;
  while (cur.status === 'active') {
    const hunt = huntDeadline(h, cur);
    const step = nextStepDeadline(h, cur);
    const stepTime = step === null ? Infinity : step[0];
    if (hunt <= t && hunt <= stepTime) {
      d ??= makeDraft(cur);
      d.status = 'timed_out';
      break;
    }
    if (step === null || stepTime > t) break;
    d ??= makeDraft(cur);
    markDone(h, d, step[1], stepTime, true);
    cur = d;
  }
  return d ?? s;
}
