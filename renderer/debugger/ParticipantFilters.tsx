// Search and filters over a run's participants (the debugger and Replay & QA): part of
// an id, a status, a step and what happened there (failed it, for example), a score range.
import type { ParticipantFilter, ParticipantStatus, StepOutcomeFilter } from '../../api/contract';
import { OUTCOME_LABELS, isEmptyFilter } from '../state/participantFilter';

const STATUSES: ParticipantStatus[] = ['active', 'finished', 'timed_out', 'quit'];
const OUTCOMES: StepOutcomeFilter[] = ['failed', 'failed-time-limit', 'failed-attempts', 'failed-other', 'solved', 'reached', 'open', 'quit-on-it', 'timed-out-on-it', 'locked'];

const numberOrUndefined = (text: string) => (text.trim() === '' || !Number.isFinite(Number(text)) ? undefined : Number(text));

export function ParticipantFilters({ filter, steps, onChange, total }: { filter: ParticipantFilter; steps: { id: string; title: string }[]; onChange(f: ParticipantFilter): void; total: number | null }) {
  const set = (change: Partial<ParticipantFilter>) => onChange({ ...filter, ...change });
  return (
    <div className="filters" role="search" aria-label="Find participants">
      <input className="id-search" type="search" aria-label="Search participants by id" placeholder="Search id…" value={filter.text ?? ''} onChange={(e) => set({ text: e.target.value || undefined })} />
      <select aria-label="Filter by status" value={filter.status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as ParticipantStatus | undefined })}>
        <option value="">any status</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {s.replace('_', ' ')}
          </option>
        ))}
      </select>
      <select
        aria-label="Filter by step"
        value={filter.step ?? ''}
        onChange={(e) => set({ step: e.target.value || undefined, outcome: e.target.value ? (filter.outcome ?? 'failed') : undefined })}
      >
        <option value="">any step</option>
        {steps.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title || s.id}
          </option>
        ))}
      </select>
      {filter.step && (
        <select aria-label="What happened on the step" value={filter.outcome ?? 'failed'} onChange={(e) => set({ outcome: e.target.value as StepOutcomeFilter })}>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {OUTCOME_LABELS[o]}
            </option>
          ))}
        </select>
      )}
      <label className="inline-field">
        score
        <input className="score" aria-label="Lowest score" inputMode="numeric" placeholder="min" value={filter.minScore ?? ''} onChange={(e) => set({ minScore: numberOrUndefined(e.target.value) })} />
        –
        <input className="score" aria-label="Highest score" inputMode="numeric" placeholder="max" value={filter.maxScore ?? ''} onChange={(e) => set({ maxScore: numberOrUndefined(e.target.value) })} />
      </label>
      {!isEmptyFilter(filter) && (
        <>
          <button type="button" className="small-button" onClick={() => onChange({})}>
            Clear filters
          </button>
          {total !== null && <span className="muted" data-testid="filter-count">{total.toLocaleString('en-US')} match</span>}
        </>
      )}
    </div>
  );
}
