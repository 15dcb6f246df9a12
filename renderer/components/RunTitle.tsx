// A run's name with its status and the hunt version it ran (title and content hash), and
// a Rename button: two runs of the same log file can be told apart and named for what
// they were for.
import { useState } from 'react';
import type { RunSummary } from '../../api/contract';
import { api } from '../api';
import { refreshRuns } from '../state/runs';
import { notifyError } from '../state/notices';

export function RunTitle({ run }: { run: RunSummary }) {
  const [editing, setEditing] = useState<string | null>(null);
  const save = async () => {
    const name = editing?.trim();
    setEditing(null);
    if (!name || name === run.name) return;
    try {
      await api().call('runs.rename', { runId: run.id, name });
      await refreshRuns();
    } catch (err) {
      notifyError(err, 'Renaming the run');
    }
  };
  return (
    <>
      {editing === null ? (
        <>
          <h2>{run.name}</h2>
          <button type="button" className="small-button" aria-label={`Rename run ${run.name}`} onClick={() => setEditing(run.name)}>
            Rename
          </button>
        </>
      ) : (
        <form
          className="rename-field"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <input aria-label="New name of the run" autoFocus value={editing} maxLength={200} onChange={(e) => setEditing(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setEditing(null)} />
          <button type="submit" className="small-button primary">
            Save name
          </button>
          <button type="button" className="small-button" onClick={() => setEditing(null)}>
            Cancel
          </button>
        </form>
      )}
      <span className={`pill pill-${run.status}`}>{run.status}</span>
      <HuntVersion run={run} />
    </>
  );
}

/** "Vienna Old Town Walk · 923e4ed6": the hunt's title and the first digits of its content hash. */
export function HuntVersion({ run }: { run: RunSummary }) {
  return (
    <span className="version" title={`Hunt “${run.huntTitle}” (${run.huntId}), version ${run.huntVersion}`} data-testid="hunt-version">
      {run.huntTitle} · {run.huntVersion.slice(0, 8)}
    </span>
  );
}
