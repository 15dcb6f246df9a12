// The stored runs (they persist across restarts), newest first, with delete; a run
// interrupted by a crash can be resumed, and a run in progress shows its progress and
// can be cancelled.
import { useEffect } from 'react';
import type { RunSummary } from '../../api/contract';
import { useStore } from '../state/store';
import { cancelRun, deleteRun, followRuns, resumeRun, runProgress, runs } from '../state/runs';
import { fmtDuration, fmtInt } from '../lib/format';
import { HuntVersion } from './RunTitle';

const inProgress = (r: RunSummary) => r.status === 'running' || r.status === 'paused';

function RunProgressLine({ run }: { run: RunSummary }) {
  const p = useStore(runProgress, (all) => all[run.id]);
  const processed = Math.max(run.events, p?.processed ?? 0);
  const pct = p?.total ? Math.min(1, processed / p.total) : null;
  return (
    <span className="run-progress">
      <span className="progress" role="progressbar" aria-label={`Progress of ${run.name}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct === null ? undefined : Math.round(pct * 100)} aria-valuetext={`${fmtInt(processed)} events`}>
        <span className={pct === null ? 'indeterminate' : ''} style={pct === null ? undefined : { width: `${pct * 100}%` }} />
      </span>
      <span>
        {fmtInt(processed)} events{p ? ` · ${fmtDuration(p.virtualTime)}` : ''}
      </span>
      {p && (
        // Only runs this studio is running report progress; one running in another program cannot be cancelled here.
        <button type="button" className="danger small" aria-label={`Cancel run ${run.name}`} onClick={() => void cancelRun(run)}>
          Cancel
        </button>
      )}
    </span>
  );
}

export function RunList({ selected, onSelect, filter, compact }: { selected: string | null; onSelect(id: string | null): void; filter?: (r: RunSummary) => boolean; compact?: boolean }) {
  const list = useStore(runs, (r) => r);
  useEffect(() => followRuns(), []);
  const shown = (list ?? []).filter(filter ?? (() => true));
  if (list === null) return <p className="muted form" aria-busy="true">Loading runs…</p>;
  if (shown.length === 0) return <p className="muted form">No runs yet. Simulate the hunt or import a log.</p>;
  return (
    <ul className="run-list" aria-label="Stored runs">
      {shown.map((r) => (
        <li key={r.id} className={`run-item ${r.id === selected ? 'is-selected' : ''}`}>
          <button type="button" className="run-name" aria-pressed={r.id === selected} onClick={() => onSelect(r.id)} title={r.name}>
            {r.name}
          </button>
          <button
            type="button"
            aria-label={`Delete run ${r.name}`}
            title="Delete run"
            onClick={async () => {
              if ((await deleteRun(r)) && r.id === selected) onSelect(null);
            }}
          >
            ×
          </button>
          {r.status === 'interrupted' && (
            <button type="button" className="run-resume" aria-label={`Resume run ${r.name}`} title="Continue from its last checkpoint" onClick={() => void resumeRun(r)}>
              Resume
            </button>
          )}
          {inProgress(r) && <RunProgressLine run={r} />}
          <span className="run-meta">
            <span className={`pill pill-${r.status}`}>{r.status}</span> {r.kind} · {fmtInt(r.participants)} participants · {fmtInt(r.events)} events
            {r.rejected ? ` · ${fmtInt(r.rejected)} rejected` : ''}
            {compact ? '' : ` · ${new Date(r.createdAt).toLocaleString()}`}
            <br />
            <HuntVersion run={r} />
          </span>
        </li>
      ))}
    </ul>
  );
}
