// A job's progress bar, status and Cancel, and its error: the same in every tab.
import type { JobStore, JobView } from './jobs';
import { isRunning } from './jobs';

export function JobStatus({ view, store, what }: { view: JobView; store: Pick<JobStore, 'cancel'>; what: string }) {
  const j = view.job;
  // A cancelled or failed job shows how far it got; a completed one is full.
  const pct = j ? (j.status === 'completed' ? 1 : j.fraction) : 0;
  return (
    <div className="job-status" data-testid="job-status" data-status={view.starting ? 'starting' : (j?.status ?? 'idle')}>
      <div className="actions">
        {j && <span className={`pill pill-${j.status === 'completed' ? 'completed' : j.status}`}>{j.status}</span>}
        {view.starting && <span className="pill pill-running">starting</span>}
        {j && j.pointsTotal !== null && (
          <span className="small" data-testid="points-done">
            {j.pointsDone} of {j.pointsTotal} points
          </span>
        )}
        {j && j.status === 'running' && j.fraction !== null && <span className="small muted">{Math.round(j.fraction * 100)}%</span>}
        <span className="grow" />
        <button type="button" className="danger" disabled={!isRunning(view) || !j} onClick={() => void store.cancel()}>
          Cancel
        </button>
      </div>
      <div className="progress" role="progressbar" aria-label={`${what}: work done`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct === null ? undefined : Math.round(pct * 100)}>
        <div style={{ width: `${pct === null ? 0 : pct * 100}%` }} />
      </div>
      {(view.error || j?.error) && (
        <p className="banner error" role="alert">
          {view.error ?? j?.error}
        </p>
      )}
    </div>
  );
}
