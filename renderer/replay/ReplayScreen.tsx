// Replay & QA: import a recorded log, replay it against the open hunt, list the
// rejected lines, compare two runs and export results.
import { useEffect, useState } from 'react';
import type { EventRow, RunComparison } from '../../api/contract';
import { api } from '../api';
import { createStore, useStore } from '../state/store';
import { editor } from '../state/editor';
import { debuggerRun, screen } from '../state/app';
import { notify, notifyError } from '../state/notices';
import { refreshRuns, runs, runSummary } from '../state/runs';
import { ParticipantsTable } from '../debugger/ParticipantsTable';
import { RunList } from '../components/RunList';
import { Segmented } from '../components/Segmented';
import { downloadText, pickTextFile } from '../lib/download';
import { fmtDuration, fmtInt } from '../lib/format';

const REJECTION_LIST_LIMIT = 500;
const replaySelection = createStore<string | null>(null);
const replayTab = createStore<'results' | 'compare'>('results');

export function ReplayScreen() {
  const hunt = useStore(editor, (s) => s.history.present.hunt);
  const valid = useStore(editor, (s) => s.report.valid);
  // Kept in stores so coming back from the debugger shows the same run and tab.
  const selected = useStore(replaySelection, (s) => s);
  const setSelected = (id: string | null) => replaySelection.set(id);
  const tab = useStore(replayTab, (t) => t);
  const setTab = (t: 'results' | 'compare') => replayTab.set(t);
  const [busy, setBusy] = useState(false);

  const importLog = async () => {
    const file = await pickTextFile('.jsonl,.ndjson,.log,.txt,application/x-ndjson');
    if (!file) return;
    setBusy(true);
    try {
      const run = await api().call('runs.replay', { hunt, name: file.name, logText: file.text });
      await refreshRuns();
      setSelected(run.id);
      setTab('results');
      notify(`Replaying ${file.name} against “${run.huntTitle}”; the results fill in as it is read.`);
    } catch (err) {
      notifyError(err, `Replaying ${file.name}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page-split">
      <aside className="side" aria-label="Runs">
        <div className="form">
          <h2>Replay a log</h2>
          <p className="muted small">The log is replayed against the hunt open in the editor. Every line that cannot apply is kept and listed with its reason.</p>
          {!valid && <p className="banner error">The open hunt has errors; fix them before replaying.</p>}
          <button type="button" className="primary" disabled={busy || !valid} onClick={() => void importLog()}>
            {busy ? 'Replaying…' : 'Import JSONL log…'}
          </button>
        </div>
        <h2 className="side-title">Runs</h2>
        <RunList
          selected={selected}
          onSelect={(id) => {
            setSelected(id);
            setTab('results');
          }}
        />
      </aside>
      <section className="body" aria-label="Replay and QA">
        <Segmented
          label="View"
          value={tab}
          options={[
            { value: 'results', label: 'Run results' },
            { value: 'compare', label: 'Compare runs' },
          ]}
          onChange={setTab}
        />
        {tab === 'compare' ? <Compare /> : selected ? <RunResults key={selected} runId={selected} /> : <p className="muted">Import a log, or pick a run to see its results.</p>}
      </section>
    </div>
  );
}

function RunResults({ runId }: { runId: string }) {
  const run = useStore(runs, (list) => list?.find((r) => r.id === runId) ?? null);
  const [endTime, setEndTime] = useState<number | null>(null);
  const [rejectedRows, setRejectedRows] = useState<EventRow[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const rejectedCount = run?.rejected ?? 0;
  const live = run?.status === 'running' || run?.status === 'paused';

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const info = await runSummary(runId);
        const progress = await api().call('runs.progress', { runId });
        if (cancelled) return;
        setEndTime(progress.virtualTime);
        // Walk the rejected lines in log order with findEvent: each comes with its text and reason.
        const rows: EventRow[] = [];
        let from = 1;
        while (rows.length < REJECTION_LIST_LIMIT && rows.length < info.rejected) {
          const row = await api().call('runs.findEvent', { runId, fromSeq: from, direction: 1, kind: 'rejection' });
          if (!row || cancelled) break;
          rows.push(row);
          from = row.seq + 1;
        }
        if (!cancelled) setRejectedRows(rows);
      } catch (err) {
        notifyError(err, 'Reading the run');
      }
    })();
    return () => {
      cancelled = true;
    };
    // A replay still being read gains rejected lines: list them again when their count changes.
  }, [runId, rejectedCount]);

  const exportAs = async (format: 'csv' | 'json' | 'jsonl') => {
    try {
      const { fileName, text } = await api().call('runs.export', { runId, format });
      downloadText(fileName, text, format === 'csv' ? 'text/csv' : 'application/json');
    } catch (err) {
      notifyError(err, `Exporting ${format.toUpperCase()}`);
    }
  };

  if (!run) return <p className="muted" aria-busy="true">Loading…</p>;
  return (
    <div className="panel results">
      <div className="actions">
        <h2>{run.name}</h2>
        <span className={`pill pill-${run.status}`}>{run.status}</span>
        <span className="grow" />
        <button type="button" disabled={live} onClick={() => void exportAs('csv')}>Export CSV</button>
        <button type="button" disabled={live} onClick={() => void exportAs('json')}>Export JSON</button>
        <button type="button" disabled={live} onClick={() => void exportAs('jsonl')}>Export log (JSONL)</button>
        <button
          type="button"
          onClick={() => {
            debuggerRun.set(runId);
            screen.set('debugger');
          }}
        >
          Open in debugger
        </button>
      </div>
      <div className="stats">
        <div className="stat"><div className="label">Lines read</div><div className="value">{fmtInt(run.events)}</div></div>
        <div className="stat"><div className="label">Applied</div><div className="value">{fmtInt(run.events - run.rejected)}</div></div>
        <div className="stat"><div className="label">Rejected</div><div className="value">{fmtInt(run.rejected)}</div></div>
        <div className="stat"><div className="label">Participants</div><div className="value">{fmtInt(run.participants)}</div></div>
        <div className="stat"><div className="label">End time</div><div className="value">{fmtDuration(endTime)}</div></div>
      </div>
      {run.error && <p className="banner error">{run.error}</p>}
      <h3>Rejected lines</h3>
      {rejectedRows === null ? (
        <p className="muted" aria-busy="true">Reading rejected lines…</p>
      ) : rejectedRows.length === 0 ? (
        <p className="muted">No line was rejected.</p>
      ) : (
        <div className="scroll-box">
          <table className="data" aria-label="Rejected lines">
            <thead>
              <tr>
                <th className="num">Line</th>
                <th>Reason</th>
                <th>Participant</th>
                <th>Text</th>
              </tr>
            </thead>
            <tbody>
              {rejectedRows.map((r) => (
                <tr key={r.seq}>
                  <td className="num">{r.line}</td>
                  <td>
                    <span className="pill pill-error">{r.rejected}</span>
                  </td>
                  <td>{r.p ?? '–'}</td>
                  <td className="raw-cell">
                    <code>{r.raw}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rejectedRows && rejectedRows.length < run.rejected && <p className="muted small">Showing the first {rejectedRows.length} of {fmtInt(run.rejected)} rejected lines; export the log for all of them.</p>}
      <h3>Participants at the end</h3>
      <div className="results-table" style={{ height: Math.min(320, 36 + Math.max(1, run.participants) * 28) }}>
        <ParticipantsTable
          runId={runId}
          atSeq={run.events}
          selected={selected}
          onSelect={setSelected}
        />
      </div>
    </div>
  );
}

function Compare() {
  const list = useStore(runs, (r) => r) ?? [];
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [cmp, setCmp] = useState<RunComparison | null>(null);
  const [busy, setBusy] = useState(false);
  const name = (id: string) => list.find((r) => r.id === id)?.name ?? id;
  return (
    <div className="panel">
      <h2>Compare two runs</h2>
      <p className="muted small">Per-participant differences in the results, and the first processed line where the two logs differ.</p>
      <div className="actions">
        <label className="inline-field">
          Run A
          <select value={a} onChange={(e) => setA(e.target.value)} aria-label="Run A">
            <option value="">(choose)</option>
            {list.map((r) => (
              <option key={r.id} value={r.id}>{r.name}</option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          Run B
          <select value={b} onChange={(e) => setB(e.target.value)} aria-label="Run B">
            <option value="">(choose)</option>
            {list.map((r) => (
              <option key={r.id} value={r.id}>{r.name}</option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="primary"
          disabled={!a || !b || busy}
          onClick={async () => {
            setBusy(true);
            try {
              setCmp(await api().call('runs.compare', { a, b }));
            } catch (err) {
              notifyError(err, 'Comparing the runs');
            } finally {
              setBusy(false);
            }
          }}
        >
          Compare
        </button>
      </div>
      {cmp && (
        <div className="compare" aria-live="polite">
          {cmp.firstDivergence === null ? (
            <p className="ok">The two logs are identical.</p>
          ) : (
            <div>
              <h3>First divergence at event #{cmp.firstDivergence.seq}</h3>
              <div className="row2">
                <div>
                  <div className="muted small">{name(cmp.a)}</div>
                  <div className="raw">{cmp.firstDivergence.a?.raw ?? '(log ended)'}</div>
                </div>
                <div>
                  <div className="muted small">{name(cmp.b)}</div>
                  <div className="raw">{cmp.firstDivergence.b?.raw ?? '(log ended)'}</div>
                </div>
              </div>
            </div>
          )}
          <h3>Participants whose results differ ({fmtInt(cmp.differences.length)})</h3>
          {cmp.differences.length === 0 ? (
            <p className="muted">Every participant ended the same way.</p>
          ) : (
            <div className="scroll-box">
              <table className="data" aria-label="Differences between the runs">
                <thead>
                  <tr>
                    <th>Participant</th>
                    <th>A status</th>
                    <th className="num">A score</th>
                    <th>B status</th>
                    <th className="num">B score</th>
                    <th>Solved (A → B)</th>
                  </tr>
                </thead>
                <tbody>
                  {cmp.differences.slice(0, 1000).map((d) => (
                    <tr key={d.id}>
                      <td>{d.id}</td>
                      <td>{d.a?.status ?? '(absent)'}</td>
                      <td className="num">{d.a?.score ?? '–'}</td>
                      <td>{d.b?.status ?? '(absent)'}</td>
                      <td className="num">{d.b?.score ?? '–'}</td>
                      <td>
                        {(d.a?.solved ?? []).join(', ') || '–'} → {(d.b?.solved ?? []).join(', ') || '–'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
