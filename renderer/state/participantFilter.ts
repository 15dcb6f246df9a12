// Who the participants tables show: a filter per run, kept outside the screens so a
// click on a step's bar in Simulate opens the debugger already narrowed to the people
// that bar counts, and the filter survives a visit to another screen.
import type { ParticipantFilter, StepOutcomeFilter } from '../../api/contract';
import { createStore } from './store';

export const participantFilters = createStore<Record<string, ParticipantFilter>>({});

export function setParticipantFilter(runId: string, filter: ParticipantFilter): void {
  participantFilters.set((all) => ({ ...all, [runId]: filter }));
}

/** True when the filter narrows nothing. */
export function isEmptyFilter(f: ParticipantFilter | undefined): boolean {
  return !f || Object.values(f).every((v) => v === undefined || v === '');
}

/** Drops empty fields, so the host sees only the conditions that were set. */
export function cleanFilter(f: ParticipantFilter | undefined): ParticipantFilter | undefined {
  if (isEmptyFilter(f)) return undefined;
  const out: ParticipantFilter = {};
  for (const [k, v] of Object.entries(f!)) if (v !== undefined && v !== '') (out as Record<string, unknown>)[k] = v;
  if (out.step === undefined || out.outcome === undefined) {
    delete out.step;
    delete out.outcome;
  }
  return Object.keys(out).length ? out : undefined;
}

export const OUTCOME_LABELS: Record<StepOutcomeFilter, string> = {
  reached: 'reached',
  solved: 'solved',
  failed: 'failed (any reason)',
  'failed-time-limit': 'failed by its time limit',
  'failed-attempts': 'failed by attempts',
  'failed-other': 'failed for another reason',
  'quit-on-it': 'quit while on it',
  'timed-out-on-it': 'out of hunt time on it',
  open: 'still on it',
  locked: 'not reached',
};
