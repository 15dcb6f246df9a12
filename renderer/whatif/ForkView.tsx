// Fork: a stored simulation kept as it was up to event S, then continued K times with its
// own design and K times with the edited hunt and/or another profile mix (the same luck
// for both sides); the forks' outcomes against the original continuation.
import { useCallback, useEffect, useState } from 'react';
import { useStore } from '../state/store';
import { editor } from '../state/editor';
import { followRuns, runs } from '../state/runs';
import { simulationForm } from '../simulate/simulation';
import { ProfileMixForm } from '../simulate/ProfileMixForm';
import { NumberField } from '../components/fields';
import { fmtDuration, fmtInt, fmtPct } from '../lib/format';
import { api } from '../api';
import { createJobStore } from './jobs';
import { DesignPicker } from './DesignPicker';
import { JobPage } from './JobPage';
import { ComparisonReport } from './ComparisonReport';
import { designSource } from './designs';
import { forkForm, wholeIn } from './settings';

export const forkJob = createJobStore<null>('fork');

export function ForkView() {
  const form = useStore(forkForm, (f) => f);
  const list = useStore(runs, (r) => r);
  const profiles = useStore(simulationForm, (f) => f.profiles);
  const openHunt = useStore(editor, (s) => s.history.present.hunt);
  const view = useStore(forkJob, (v) => v);
  const [mixProblem, setMixProblem] = useState<string | null>(null);
  const onMixProblem = useCallback((p: string | null) => setMixProblem(p), []);
  useEffect(() => followRuns(), []);
  const sims = (list ?? []).filter((r) => r.kind === 'simulation' && r.status === 'completed');
  const run = sims.find((r) => r.id === form.runId) ?? sims[0];
  const set = <K extends keyof typeof form>(k: K) => (v: (typeof form)[K]) => forkForm.set((f) => ({ ...f, [k]: v }));
  const problem = !run
    ? 'There is no completed simulation to fork: run one on the Simulate screen.'
    : !wholeIn(form.at, 1, run.events)
      ? `Event: a whole number from 1 to ${fmtInt(run.events)}.`
      : !wholeIn(form.runs, 1, 10_000)
        ? 'Seeds: a whole number from 1 to 10,000.'
        : form.withProfiles && mixProblem
          ? mixProblem
          : null;
  const start = () => {
    if (problem || !run) return;
    void forkJob.start(() =>
      api().call('whatif.fork', {
        runId: run.id,
        at: form.at as number,
        runs: form.runs as number,
        ...(form.withHunt ? { hunt: designSource(form.hunt, openHunt) } : {}),
        ...(form.withProfiles ? { profiles: profiles.trim() || null } : {}),
      }),
      null,
    );
  };
  const result = view.job?.result?.kind === 'fork' ? view.job.result.fork : null;

  return (
    <JobPage
      what="Fork"
      settingsLabel="Fork settings"
      title="Fork a simulation"
      action="Fork"
      problem={problem}
      view={view}
      store={forkJob}
      onStart={start}
      resultsLabel="Fork results"
      idleHint="Choose a completed simulation, the event to fork at, and what changes from there. Continuation 1 of the original side is the stored run itself."
      settings={
        <>
          <div className="field">
            <label htmlFor="fork-run">Stored simulation</label>
            <select id="fork-run" value={run?.id ?? ''} onChange={(e) => set('runId')(e.target.value)}>
              {sims.length === 0 && <option value="">(no completed simulations)</option>}
              {sims.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name} · {r.huntTitle} · {fmtInt(r.participants)} participants · {fmtInt(r.events)} events
                </option>
              ))}
            </select>
          </div>
          <NumberField id="fork-at" label="Keep events up to (S)" value={form.at} hint={run ? `1 to ${fmtInt(run.events)}: the run is kept exactly as stored up to this event.` : undefined} onChange={set('at')} />
          {run && <input type="range" aria-label="Fork at event" min={1} max={run.events} value={typeof form.at === 'number' ? form.at : 1} onChange={(e) => set('at')(Number(e.target.value))} />}
          <label className="check">
            <input type="checkbox" checked={form.withHunt} onChange={(e) => set('withHunt')(e.target.checked)} /> Continue with another hunt
          </label>
          {form.withHunt && <DesignPicker id="fork-hunt" label="The fork's hunt (same steps; settings may differ)" value={form.hunt} onChange={set('hunt')} />}
          <label className="check">
            <input type="checkbox" checked={form.withProfiles} onChange={(e) => set('withProfiles')(e.target.checked)} /> Continue with another profile mix (the same profiles, other settings)
          </label>
          {form.withProfiles && <ProfileMixForm text={profiles} onChange={(t) => simulationForm.set((f) => ({ ...f, profiles: t }))} onProblem={onMixProblem} />}
          <NumberField id="fork-runs" label="Seeds (continuations a side)" value={form.runs} onChange={set('runs')} />
        </>
      }
    >
      {result ? (
        <>
          <h2>
            Run {result.runId} forked at event {fmtInt(result.at)}
          </h2>
          <div className="stats" aria-label="The stored run's outcome" data-testid="fork-original">
            <Stat label="Stored run: finish rate" value={fmtPct(result.original.finishRate)} />
            <Stat label="Median score" value={fmtInt(result.original.score.p50)} />
            <Stat label="Median finish time" value={fmtDuration(result.original.finishTime.p50)} />
            <Stat label="Participants" value={fmtInt(result.participants)} />
          </div>
          <ComparisonReport c={result.comparison} names={{ a: 'original continuation', b: 'fork' }} />
        </>
      ) : null}
    </JobPage>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <div className="label">{label}</div>
      <div className="value">{value}</div>
    </div>
  );
}
