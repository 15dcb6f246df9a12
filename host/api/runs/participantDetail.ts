// One participant as the studio's inspector and playtest show it (ParticipantDetail):
// the engine's per-step breakdown and windows, why failed steps failed, what awaits
// judgement, and hunt/2's organiser corrections and rotation orders. Built here only,
// for the debugger (inspect.ts) and the playtest (live.ts).
import type { EventRow, ParticipantDetail, PendingSubmission } from '../../../api/contract';
import { failureCause } from '../../../engine/analytics/step-diagnostics';
import type { CompiledHunt } from '../../../engine/hunt/compile';
import { huntDeadline, participantScore, rotationOrders, stepBreakdown, stepWindows, type ParticipantState } from '../../../engine/rules';

/** Finds the applied `submit` that made a step pending (by the step's id). */
export type SubmissionLookup = (step: string) => PendingSubmission | null;

export function participantDetail(h: CompiledHunt, state: ParticipantState, events: EventRow[], submissionOf: SubmissionLookup): ParticipantDetail {
  const windows = stepWindows(h, state);
  const deadline = huntDeadline(h, state);
  return {
    id: state.id,
    name: state.name,
    status: state.status,
    joinedAt: state.joinedAt,
    finishedAt: state.finishedAt,
    score: participantScore(h, state),
    format: h.hunt.format,
    deadlineAt: deadline === Infinity ? null : deadline,
    adjusted: state.adjusted ?? 0,
    extendedSec: state.extendedSec ?? 0,
    joinIndex: h.hasGroups ? (state.joinIndex ?? 0) : null,
    rotations: rotationOrders(h, state),
    steps: stepBreakdown(h, state).map((b, i) => ({
      ...b,
      title: h.hunt.steps[i].title,
      failedBy: failureCause(h, state, i),
      window: windows[i],
      submission: b.status === 'pending' ? submissionOf(b.id) : null,
    })),
    events,
  };
}

/** The submission from a participant's own events (the playtest keeps them all): the last applied `submit` on the step. */
export function submissionFromEvents(events: readonly EventRow[]): SubmissionLookup {
  return (step) => {
    for (let k = events.length - 1; k >= 0; k--) {
      const e = events[k];
      if (e.type !== 'submit' || e.rejected !== null) continue;
      const line = JSON.parse(e.raw) as { step?: unknown; ref?: unknown; t?: unknown };
      if (line.step === step && typeof line.ref === 'string' && typeof line.t === 'number') return { ref: line.ref, t: line.t, seq: e.seq };
    }
    return null;
  };
}
