// Compare: design A and design B played by the same simulated participants, K runs each.
import { useCallback, useState } from 'react';
import { useStore } from '../state/store';
import { editor } from '../state/editor';
import { simulationForm } from '../simulate/simulation';
import { ProfileMixForm } from '../simulate/ProfileMixForm';
import { NumberField } from '../components/fields';
import { api } from '../api';
import { createJobStore } from './jobs';
import { DesignPicker } from './DesignPicker';
import { JobPage } from './JobPage';
import { ComparisonReport } from './ComparisonReport';
import { designSource, type DesignChoice } from './designs';
import { compareForm, runSettingsProblem } from './settings';

/** The report names the designs of the run that produced it, not those of the form now. */
export const compareJob = createJobStore<{ a: string; b: string }>('compare');

function designName(c: DesignChoice): string {
  if (c.kind === 'open') return 'the open hunt';
  if (c.kind === 'file') return c.path.split(/[\\/]/).pop() ?? c.path;
  return `stored ${c.version.slice(0, 8)}`;
}

export function CompareView() {
  const form = useStore(compareForm, (f) => f);
  const profiles = useStore(simulationForm, (f) => f.profiles);
  const openHunt = useStore(editor, (s) => s.history.present.hunt);
  const view = useStore(compareJob, (v) => v);
  const [mixProblem, setMixProblem] = useState<string | null>(null);
  const onMixProblem = useCallback((p: string | null) => setMixProblem(p), []);
  const set = <K extends keyof typeof form>(k: K) => (v: (typeof form)[K]) => compareForm.set((f) => ({ ...f, [k]: v }));
  const problem = runSettingsProblem(form) ?? mixProblem;
  const shown = view.shown ?? { a: 'A', b: 'B' };

  const start = () => {
    if (problem) return;
    void compareJob.start(() =>
      api().call('whatif.compare', {
        a: designSource(form.a, openHunt),
        b: designSource(form.b, openHunt),
        participants: form.participants as number,
        runs: form.runs as number,
        seed: form.seed as number,
        profiles: profiles.trim() || null,
      }),
      { a: designName(form.a), b: designName(form.b) },
    );
  };
  const result = view.job?.result?.kind === 'compare' ? view.job.result.comparison : null;

  return (
    <JobPage
      what="Comparison"
      settingsLabel="Compare settings"
      title="Compare two designs"
      action="Compare"
      problem={problem}
      view={view}
      store={compareJob}
      onStart={start}
      resultsLabel="Comparison"
      idleHint="Choose the two designs and Compare. The report appears when every run is done."
      heading={
        <h2>
          A: {shown.a} · B: {shown.b}
        </h2>
      }
      settings={
        <>
          <p className="muted small">Run k of A and of B use seed + k: the same participants with the same luck play both, so a difference comes from the design.</p>
          <DesignPicker id="cmp-a" label="Design A" value={form.a} onChange={set('a')} />
          <DesignPicker id="cmp-b" label="Design B" value={form.b} onChange={set('b')} />
          <div className="row3">
            <NumberField id="cmp-participants" label="Participants" value={form.participants} invalid={problem?.startsWith('Participants')} onChange={set('participants')} />
            <NumberField id="cmp-runs" label="Runs" value={form.runs} invalid={problem?.startsWith('Runs')} hint="2 or more for intervals" onChange={set('runs')} />
            <NumberField id="cmp-seed" label="Seed" value={form.seed} invalid={problem?.startsWith('Seed')} onChange={set('seed')} />
          </div>
          <ProfileMixForm text={profiles} onChange={(t) => simulationForm.set((f) => ({ ...f, profiles: t }))} onProblem={onMixProblem} />
        </>
      }
    >
      {result ? <ComparisonReport c={result} names={shown} /> : null}
    </JobPage>
  );
}
