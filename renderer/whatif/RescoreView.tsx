// Re-score with the current hunt: the lines of a stored run (or of a log file) judged
// again under the hunt open in the editor; per participant the old and new status, score
// and rank, and the first line where the two hunts' verdicts for them differ.
import { useEffect } from 'react';
import type { RescoredParticipant } from '../../api/whatIf';
import { useStore } from '../state/store';
import { editor } from '../state/editor';
import { followRuns, runs } from '../state/runs';
import { notifyError } from '../state/notices';
import { pickTextFile } from '../lib/download';
import { fmtInt } from '../lib/format';
import { api } from '../api';
import { createJobStore } from './jobs';
import { DesignPicker } from './DesignPicker';
import { JobPage } from './JobPage';
import { designSource } from './designs';
import { rescoreForm } from './settings';

export const rescoreJob = createJobStore<null>('rescore');
const LOG = 'log';

export function RescoreView() {
  const form = useStore(rescoreForm, (f) => f);
  const list = useStore(runs, (r) => r);
  const openHunt = useStore(editor, (s) => s.history.present.hunt);
  const valid = useStore(editor, (s) => s.report.valid);
  const view = useStore(rescoreJob, (v) => v);
  useEffect(() => followRuns(), []);
  const stored = (list ?? []).filter((r) => r.events > 0 && r.status !== 'running' && r.status !== 'paused');
  const set = <K extends keyof typeof form>(k: K) => (v: (typeof form)[K]) => rescoreForm.set((f) => ({ ...f, [k]: v }));
  const source = form.source || stored[0]?.id || '';
  const fromLog = source === LOG;
  const problem = !valid
    ? 'The open hunt has errors: fix them in the Editor first.'
    : !source
      ? 'Choose a stored run or a log file.'
      : fromLog && !form.log
        ? 'Choose the log file.'
        : fromLog && !form.old
          ? 'A log needs the hunt it was played with (Old hunt).'
          : null;

  const chooseLog = async () => {
    try {
      const file = await pickTextFile('.jsonl,.ndjson,.log,.txt,application/x-ndjson');
      if (file) rescoreForm.set((f) => ({ ...f, source: LOG, log: file, old: f.old ?? { kind: 'open' } }));
    } catch (err) {
      notifyError(err, 'Reading the log');
    }
  };
  const start = () => {
    if (problem) return;
    void rescoreJob.start(() =>
      api().call(
        'whatif.rescore',
        fromLog
          ? { hunt: openHunt, logText: form.log!.text, oldHunt: designSource(form.old!, openHunt) }
          : { hunt: openHunt, runId: source, ...(form.old ? { oldHunt: designSource(form.old, openHunt) } : {}) },
      ),
      null,
    );
  };
  const result = view.job?.result?.kind === 'rescore' ? view.job.result.rescore : null;
  const rows = result ? (form.changedOnly ? result.participants.filter((p) => p.changed) : result.participants) : [];

  return (
    <JobPage
      what="Re-score"
      settingsLabel="Re-score settings"
      title="Re-score with the current hunt"
      action="Re-score"
      problem={problem}
      view={view}
      store={rescoreJob}
      onStart={start}
      resultsLabel="Re-score results"
      idleHint="Choose a recorded event and Re-score. Changed ranks are highlighted."
      settings={
        <>
          <p className="muted small">Every line of a recorded event is judged again under the hunt open in the editor. Who would have won?</p>
          <div className="field">
            <label htmlFor="rescore-source">Recorded event</label>
            <select id="rescore-source" value={source} onChange={(e) => set('source')(e.target.value)}>
              {stored.length === 0 && !form.log && <option value="">(no stored runs)</option>}
              {stored.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name} · {r.kind} · {r.huntTitle} {r.huntVersion.slice(0, 8)} · {fmtInt(r.events)} events
                </option>
              ))}
              {form.log && <option value={LOG}>Log file: {form.log.name}</option>}
            </select>
          </div>
          <button type="button" onClick={() => void chooseLog()}>
            Choose a log file…
          </button>
          {fromLog || form.old ? (
            <>
              <DesignPicker id="rescore-old" label="Old hunt (the one it was played with)" value={form.old ?? { kind: 'open' }} onChange={set('old')} />
              {!fromLog && (
                <button type="button" className="small-button" onClick={() => set('old')(null)}>
                  Use the run&apos;s own hunt
                </button>
              )}
            </>
          ) : (
            <p className="small muted">
              Old hunt: the run&apos;s own.{' '}
              <button type="button" className="small-button" onClick={() => set('old')({ kind: 'open' })}>
                Choose another…
              </button>
            </p>
          )}
        </>
      }
    >
      {result ? (
        <>
          <div className="actions">
            <p className="grow" data-testid="rescore-summary">
              {fmtInt(result.lines)} lines, {result.participants.length} participants: <strong>{result.changed} changed</strong>, {result.participants.filter((p) => p.rankChanged).length} ranks changed ({result.hunts.old} →{' '}
              {result.hunts.new}).
            </p>
            <label className="check">
              <input type="checkbox" checked={form.changedOnly} onChange={(e) => set('changedOnly')(e.target.checked)} /> Only those who changed
            </label>
          </div>
          <RescoreTable rows={rows} />
        </>
      ) : null}
    </JobPage>
  );
}

function move(p: RescoredParticipant): string {
  const d = p.old.rank - p.new.rank;
  return d > 0 ? `▲${d}` : d < 0 ? `▼${-d}` : '';
}

/** "old → new", or the value once when it did not change. */
function change(a: string | number, b: string | number): string {
  return a === b ? String(a) : `${a} → ${b}`;
}

function RescoreTable({ rows }: { rows: RescoredParticipant[] }) {
  return (
    <div className="scroll-box whatif-table tall">
      <table className="data" aria-label="Participants re-scored">
        <thead>
          <tr>
            <th>Participant</th>
            <th>Status</th>
            <th className="num">Score</th>
            <th className="num">Rank</th>
            <th>Move</th>
            <th className="divergence">First diverging line: old → new verdict</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id} data-participant={p.id} data-changed={p.changed} data-rank-changed={p.rankChanged} className={p.rankChanged ? 'rank-changed' : p.changed ? 'changed' : undefined}>
              <td>{p.id}</td>
              <td>{change(p.old.status.replace('_', ' '), p.new.status.replace('_', ' '))}</td>
              <td className="num">{change(fmtInt(p.old.score), fmtInt(p.new.score))}</td>
              <td className="num">{change(p.old.rank, p.new.rank)}</td>
              <td className="move">{p.rankChanged ? <strong aria-label={`rank changed ${move(p)}`}>{move(p)}</strong> : ''}</td>
              <td className="divergence">{p.firstDivergence ? (
                  `line ${p.firstDivergence.line}: ${p.firstDivergence.old} → ${p.firstDivergence.new}`
                ) : p.old.score !== p.new.score ? (
                  <span className="muted">same verdicts; the new hunt's points differ</span>
                ) : (
                  '–'
                )}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
