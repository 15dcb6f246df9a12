// When each of P's steps opens and closes (hunt-v2 §3.2), for inspectors: the hunt's
// opening and closing times, P's own step deadline, and what the clock alone will do to
// the step next. Mirrors timers.ts's choice of the next timer of one step (that file is
// the hot path and keeps its allocation-free loop); test/engine/rules/windows.test.ts
// checks the two agree by advancing the clock to each predicted time.
import type { CompiledHunt } from '../hunt/compile';
import { readyToOpen } from './availability';
import { participantScore } from './results';
import { availableAt, isAvailable, isLocked, isPending, type ParticipantState } from './state';

export type StepWindow = {
  /** The step's `opensAtSec`: it cannot become available before this time (null: no opening time). */
  opensAt: number | null;
  /** The step's `closesAtSec`: not done by then, it fails then (null: no closing time). */
  closesAt: number | null;
  /** P's own deadline on the step, `availableAt + timeLimitSec`, once it has become available and while not done. */
  deadlineAt: number | null;
  /**
   * What the clock alone does to the step next, while P is active: it `opens` (every other
   * rule already holds and only its opening time has not come), or it `fails` (its step
   * deadline or its closing); null when no timer is set (a pending step has none).
   */
  next: { kind: 'opens' | 'fails'; at: number } | null;
};

/** Every step's window for P, in file order (hunt/1 steps have only their time limit). */
export function stepWindows(h: CompiledHunt, s: ParticipantState): StepWindow[] {
  let score: number | null = null;
  return h.steps.map((step, i) => {
    const since = availableAt(s, i);
    const open = isAvailable(s, i) || isPending(s, i);
    const deadlineAt = open && since !== null && step.timeLimitSec !== null ? since + step.timeLimitSec : null;
    let next: StepWindow['next'] = null;
    if (s.status === 'active') {
      if (isAvailable(s, i)) {
        const fails = Math.min(deadlineAt ?? Infinity, step.closesAtSec ?? Infinity);
        if (fails < Infinity) next = { kind: 'fails', at: fails };
      } else if (isLocked(s, i) && h.v2) {
        if (step.closesAtSec !== null) next = { kind: 'fails', at: step.closesAtSec };
        // At equal times a closing comes before an opening (§3.2), as in timers.ts.
        if (step.opensAtSec !== null && (step.closesAtSec === null || step.opensAtSec < step.closesAtSec)) {
          score ??= participantScore(h, s);
          if (readyToOpen(h, s, i, score)) next = { kind: 'opens', at: step.opensAtSec };
        }
      }
    }
    return { opensAt: step.opensAtSec, closesAt: step.closesAtSec, deadlineAt, next };
  });
}
