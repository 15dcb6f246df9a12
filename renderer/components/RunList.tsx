// The stored runs (they persist across restarts), newest first, with delete.
import { useEffect } from 'react';
import type { RunSummary } from '../../api/contract';
import { useStore } from '../state/store';
import { deleteRun, followRuns, runs } from '../state/runs';
import { fmtInt } from '../lib/format';

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
          <span className="run-meta">
            <span className={`pill pill-${r.status}`}>{r.status}</span> {r.kind} · {fmtInt(r.participants)} participants · {fmtInt(r.events)} events
            {r.rejected ? ` · ${fmtInt(r.rejected)} rejected` : ''}
            {compact ? '' : ` · ${new Date(r.createdAt).toLocaleString()}`}
          </span>
        </li>
      ))}
    </ul>
  );
}
