// Rule 1: a join creates the participant, active, with every step that requires
// nothing available from the join time.
import type { CompiledHunt } from '../hunt/compile';
import type { JoinEvent } from '../log/types';
import { emptyState, makeAvailable, type ParticipantState } from './state';

export function joinParticipant(h: CompiledHunt, e: JoinEvent): ParticipantState {
  const s = emptyState(h, e.p, typeof e.name === 'string' ? e.name : null, e.t);
  for (const i of h.initialSteps) makeAvailable(s, i, e.t);
  return s;
}
