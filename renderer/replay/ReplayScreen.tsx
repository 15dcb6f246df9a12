// Replay & QA: import a recorded log, replay it against the open hunt, list the
// rejected lines, compare two runs and export results.
import { useEffect, useState } from 'react';
import type { EventRow, ParticipantDetail, RunComparison, RunSummary } from '../../api/contract';
import { RunTitle } from '../components/RunTitle';
import { ParticipantFilters } from '../debugger/ParticipantFilters';
import { participantFilters, setParticipantFilter } from '../state/participantFilter';
import { debuggerTarget } from '../state/debuggerTarget';
import { FAILED_BY } from '../debugger/ParticipantInspector';
import '../components/analysis.css';
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
const NO_FILTER = {};

/** How a run is named in the compare lists: its name, hunt version and when it was made, so two runs of one log differ. */
function runLabel(r: RunSummary): string {
  return `${r.name} · ${r.huntTitle} ${r.huntVersion.slice(0, 8)} · ${new Date(r.createdAt).toLocaleString()}`;
}
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
  // The rejected lines with the count they were read for: while a replay is still being read
  // (or right after an import) the list says it is reading, never "none" beside a count.
  const [rejected, setRejected] = useState<{ rows: EventRow[]; forCount: number } | null>(null);
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
        if (!cancelled) setRejected({ rows, forCount: info.rejected });
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

  const filter = useStore(participantFilters, (all) => all[runId]) ?? NO_FILTER;
  const [matchCount, setMatchCount] = useState<number | null>(null);
  const [steps, setSteps] = useState<{ id: string; title: string }[]>([]);
  useEffect(() => {
    let cancelled = false;
    api()
      .call('runs.get', { runId, result: false })
      .then((info) => {
        const list = (info.hunt as { steps?: { id: string; title: string }[] } | null)?.steps ?? [];
        if (!cancelled) setSteps(list.map((x) => ({ id: x.id, title: x.title })));
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [runId]);

  if (!run) return <p className="muted" aria-busy="true">Loading…</p>;
  const reading = live || rejected === null || rejected.forCount !== run.rejected;
  const rejectedRows = reading ? null : rejected!.rows;
  return (
    <div className="panel results">
      <div className="actions">
        <RunTitle run={run} />
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
        <div className="stat"><div className="label">Rejected{live ? ' so far' : ''}</div><div className="value">{fmtInt(run.rejected)}</div></div>
        <div className="stat"><div className="label">Participants</div><div className="value">{fmtInt(run.participants)}</div></div>
        <div className="stat"><div className="label">End time</div><div className="value">{fmtDuration(endTime)}</div></div>
      </div>
      {run.error && <p className="banner error">{run.error}</p>}
      <h3>Rejected lines</h3>
      {rejectedRows === null ? (
        <p className="muted" aria-busy="true">{live ? `Replaying the log: ${fmtInt(run.events)} lines read so far…` : 'Reading rejected lines…'}</p>
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
      <ParticipantFilters filter={filter} steps={steps} total={matchCount} onChange={(f) => setParticipantFilter(runId, f)} />
      <div className="results-table" style={{ height: Math.min(320, 36 + Math.max(1, run.participants) * 28) }}>
        <ParticipantsTable runId={runId} atSeq={run.events} selected={selected} onSelect={setSelected} filter={filter} onTotal={setMatchCount} />
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
              <option key={r.id} value={r.id}>{runLabel(r)}</option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          Run B
          <select value={b} onChange={(e) => setB(e.target.value)} aria-label="Run B">
            <option value="">(choose)</option>
            {list.map((r) => (
              <option key={r.id} value={r.id}>{runLabel(r)}</option>
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
            <Divergence cmp={cmp} name={name} />
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
                    <th>Solved: only in A (struck) / only in B (green)</th>
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
                        <SolvedDiff a={d.a?.solved ?? []} b={d.b?.solved ?? []} />
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

/** Solved steps of A and B as one list: those both solved plain, only A's struck out, only B's highlighted. */
function SolvedDiff({ a, b }: { a: string[]; b: string[] }) {
  const inB = new Set(b);
  const inA = new Set(a);
  const onlyA = a.filter((x) => !inB.has(x));
  const onlyB = b.filter((x) => !inA.has(x));
  const both = a.filter((x) => inB.has(x)).length;
  if (onlyA.length === 0 && onlyB.length === 0) return <span className="muted">same {both} steps</span>;
  return (
    <span data-testid="solved-diff">
      {onlyA.map((x) => (
        <span key={`a-${x}`} className="diff-removed" title="Solved in A only">
          {x}
        </span>
      ))}{' '}
      {onlyB.map((x) => (
        <span key={`b-${x}`} className="diff-added" title="Solved in B only">
          +{x}
        </span>
      ))}{' '}
      <span className="muted small">({both} in both)</span>
    </span>
  );
}

type Side = { row: EventRow | null; before: ParticipantDetail | null; after: ParticipantDetail | null };

const verdict = (r: EventRow | null) => (r === null ? 'not in this log (it ended)' : r.rejected ? `rejected (${r.rejected})` : 'applied');

/**
 * The first line where the two logs differ, said in words: what the line was in each run
 * (applied, or rejected and why), at which line of its file, and the participant's state
 * just before and just after it in each run; each side opens in the debugger there.
 */
function Divergence({ cmp, name }: { cmp: RunComparison; name(id: string): string }) {
  const d = cmp.firstDivergence!;
  const [sides, setSides] = useState<{ a: Side; b: Side } | null>(null);
  useEffect(() => {
    let cancelled = false;
    // Each side follows the participant of its own line: two logs can differ by whose line comes here.
    const side = async (runId: string, row: EventRow | null): Promise<Side> => {
      const p = row?.p ?? null;
      if (!row || !p) return { row, before: null, after: null };
      const at = async (seq: number) => {
        if (seq < 1) return null;
        const join = await api().call('runs.joinSeq', { runId, participant: p });
        if (join.seq === null || seq < join.seq) return null;
        return api().call('runs.inspect', { runId, atSeq: seq, participant: p, events: false });
      };
      return { row, before: await at(row.seq - 1), after: await at(row.seq) };
    };
    Promise.all([side(cmp.a, d.a), side(cmp.b, d.b)])
      .then(([a, b]) => !cancelled && setSides({ a, b }))
      .catch((err) => notifyError(err, 'Reading the states at the divergence'));
    return () => {
      cancelled = true;
    };
  }, [cmp, d]);
  const same = d.a && d.b && d.a.raw === d.b.raw;
  return (
    <div className="divergence" data-testid="divergence">
      <h3>
        First divergence at line {d.a?.line ?? d.b?.line}
        {d.a && d.b && d.a.line !== d.b.line ? ` (A) / line ${d.b.line} (B)` : ''} of the logs
      </h3>
      <p data-testid="divergence-summary">
        {same ? (
          <>
            The same line was <strong>{verdict(d.a)}</strong> in A and <strong>{verdict(d.b)}</strong> in B.
          </>
        ) : (
          <>
            The logs hold different lines here{d.a && d.b && d.a.p !== d.b.p ? ` (about ${d.a.p} in A, ${d.b.p} in B)` : ''}:{' '}
            {verdict(d.a) === verdict(d.b) ? `both were ${verdict(d.a)}.` : `in A it was ${verdict(d.a)}, in B ${verdict(d.b)}.`}
          </>
        )}
      </p>
      <div className="row2">
        {(['a', 'b'] as const).map((k) => {
          const row = d[k];
          const runId = cmp[k];
          const side = sides?.[k];
          const p = row?.p ?? null;
          return (
            <div key={k}>
              <div className="muted small">
                {k.toUpperCase()}: {name(runId)}
              </div>
              <div className="raw">{row?.raw ?? '(log ended)'}</div>
              <dl>
                <dt>Line</dt>
                <dd>{row ? `${row.line} (event #${row.seq})` : '–'}</dd>
                <dt>Verdict</dt>
                <dd>{verdict(row)}</dd>
                {p && (
                  <>
                    <dt>{p} before</dt>
                    <dd>{side ? stateText(side.before) : '…'}</dd>
                    <dt>{p} after</dt>
                    <dd>{side ? stateText(side.after) : '…'}</dd>
                  </>
                )}
              </dl>
              {row && (
                <button
                  type="button"
                  onClick={() => {
                    debuggerTarget.set({ runId, seq: row.seq, participant: p });
                    debuggerRun.set(runId);
                    screen.set('debugger');
                  }}
                >
                  Open {k.toUpperCase()} in the debugger at line {row.line}
                </button>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function stateText(d: ParticipantDetail | null): string {
  if (!d) return 'not joined yet';
  const solved = d.steps.filter((s) => s.status === 'solved').length;
  const failed = d.steps.filter((s) => s.status === 'failed');
  const open = d.steps.filter((s) => s.status === 'available').map((s) => s.title);
  return `${d.status.replace('_', ' ')}, ${d.score} pts, ${solved} solved${failed.length ? `, ${failed.length} failed (${failed.map((s) => `${s.title}: ${s.failedBy ? FAILED_BY[s.failedBy] : 'failed'}`).join('; ')})` : ''}${open.length ? `; working on ${open.join(', ')}` : ''}`;
}
