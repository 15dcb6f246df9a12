// Rule 1: a join creates the participant, active, with every step that requires
// nothing available from the join time. hunt/2 (hunt-v2 §3.1): first every step whose
// closing is at or before the join fails, then finishing is checked once (§5.4), then
// availability; `joinIndex` is J of §3.6, which places P in each rotation group.
import type { CompiledHunt } from '../hunt/compile';
import type { JoinEvent } from '../log/types';
import { checkAvailability, checkFinished } from './availability';
import { emptyState, inPlace, makeAvailable, recordDone, type ParticipantState } from './state';

export function joinParticipant(h: CompiledHunt, e: JoinEvent, joinIndex = 0): ParticipantState {
  const s = emptyState(h, e.p, typeof e.name === 'string' ? e.name : null, e.t);
  if (!h.v2) {
    for (const i of h.initialSteps) makeAvailable(s, i, e.t);
    return s;
  }
  if (h.hasGroups) s.joinIndex = joinIndex;
  let closed = false;
  for (const i of h.timedSteps) {
    const closes = h.steps[i].closesAtSec;
    if (closes !== null && closes <= e.t) {
      recordDone(s, i, e.t, true, inPlace);
      closed = true;
    }
  }
  if (closed) checkFinished(h, s, e.t);
  checkAvailability(h, s, e.t);
  return s;
}
