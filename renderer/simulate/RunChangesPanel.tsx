// After simulating again with changed rules (more attempts, a cheaper hint), the designer
// sees which settings differ from an earlier simulation of the same hunt, whether that
// moved the outcome, and — when a change could not have mattered — why. The comparison is
// made by the host over both stored runs (runs.changes); shown once this run's figures are final.
import { useEffect, useMemo, useState } from 'react';
import type { RunChanges } from '../../api/contract';
import { api } from '../api';
import { useStore } from '../state/store';
import { runs } from '../state/runs';
import { notifyError } from '../state/notices';
import { figuresState, simulation } from './simulation';

export function RunChangesPanel() {
  const runId = useStore(simulation, (s) => s.runId);
  const final = useStore(simulation, (s) => figuresState(s) === 'final');
  const list = useStore(runs, (l) => l);
  // Earlier simulations of the same hunt that have ended, newest first.
  const earlier = useMemo(() => {
    const me = list?.find((r) => r.id === runId);
    if (!me || !list) return [];
    return list.filter((r) => r.kind === 'simulation' && r.huntId === me.huntId && Number(r.id) < Number(me.id) && r.status !== 'running' && r.status !== 'paused');
  }, [list, runId]);
  const [chosen, setChosen] = useState<string | null>(null);
  const other = chosen !== null && earlier.some((r) => r.id === chosen) ? chosen : (earlier[0]?.id ?? null);
  const [changes, setChanges] = useState<{ key: string; value: RunChanges } | null>(null);
  const key = `${other}:${runId}`;

  useEffect(() => {
    if (!final || !runId || !other) return;
    let live = true;
    api()
      .call('runs.changes', { a: other, b: runId })
      .then((value) => live && setChanges({ key: `${other}:${runId}`, value }))
      .catch((err) => live && notifyError(err, 'Comparing with the earlier run'));
    return () => {
      live = false;
    };
  }, [final, runId, other]);

  if (!runId || !final || earlier.length === 0) return null;
  const c = changes?.key === key ? changes.value : null;
  return (
    <section className="run-changes" aria-label="What changed since an earlier run" data-testid="run-changes" aria-busy={!c}>
      <div className="actions">
        <h3>What changed since</h3>
        <select aria-label="Compare this run with an earlier simulation" value={other ?? ''} onChange={(e) => setChosen(e.target.value)}>
          {earlier.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      {!c ? (
        <p className="muted">Comparing the two runs…</p>
      ) : (
        <>
          <p className="run-changes-verdict" data-testid="run-changes-verdict">
            {c.verdict}
          </p>
          {c.changes.length > 0 && (
            <ul className="run-changes-list" aria-label="Settings that differ">
              {c.changes.map((x, i) => (
                <li key={i}>
                  <strong>{x.label}</strong>: {x.from} → {x.to}
                  {x.remark && <span className="run-changes-remark"> — {x.remark}</span>}
                </li>
              ))}
            </ul>
          )}
          <details>
            <summary>The figures, {c.a} → {c.b}</summary>
            <ul className="run-changes-lines">
              {c.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          </details>
        </>
      )}
    </section>
  );
}
