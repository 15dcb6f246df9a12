// Sweep: one or two fields of the hunt or of the profiles over FROM..TO:STEP, K runs a
// point. Points come in as they finish: a line plot for one field, a heat map for two.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PointResult, SweepField } from '../../api/whatIf';
import { useStore } from '../state/store';
import { editor } from '../state/editor';
import { simulationForm } from '../simulate/simulation';
import { ProfileMixForm } from '../simulate/ProfileMixForm';
import { NumberField, SelectField } from '../components/fields';
import { ChartFrame } from '../components/ChartFrame';
import { Plot, lineOptions } from '../components/Plot';
import { api } from '../api';
import { createJobStore } from './jobs';
import { DesignPicker } from './DesignPicker';
import { JobPage } from './JobPage';
import { HeatMap } from './HeatMap';
import { designSource } from './designs';
import { runSettingsProblem, sweepForm, type AxisForm } from './settings';
import { axisValues, pointValue, sweepMetrics, type SweepMetric } from './sweepMetrics';
import { fmtValue } from './format';

/** Shown with the grid of the sweep that produced it (the form may have changed since). */
export const sweepJob = createJobStore<{ path: string; values: number[] }[]>('sweep');

function axisProblem(a: AxisForm, i: number): string | null {
  const name = `Field ${i + 1}`;
  if (!a.path.trim()) return `${name}: choose a field.`;
  if (typeof a.from !== 'number' || typeof a.to !== 'number' || typeof a.step !== 'number') return `${name}: From, To and Step must be numbers.`;
  if (!(a.step > 0)) return `${name}: Step must be greater than 0.`;
  if (a.from > a.to) return `${name}: From must not be greater than To.`;
  return null;
}

export function SweepView() {
  const form = useStore(sweepForm, (f) => f);
  const profiles = useStore(simulationForm, (f) => f.profiles);
  const openHunt = useStore(editor, (s) => s.history.present.hunt);
  const view = useStore(sweepJob, (v) => v);
  const [mixProblem, setMixProblem] = useState<string | null>(null);
  const onMixProblem = useCallback((p: string | null) => setMixProblem(p), []);
  const [fields, setFields] = useState<{ hunt: SweepField[]; profiles: SweepField[] }>({ hunt: [], profiles: [] });
  const fieldHunt = form.design.kind === 'file' ? form.design.hunt : openHunt;
  useEffect(() => {
    let stale = false;
    api()
      .call('whatif.fields', { hunt: fieldHunt, profiles: profiles.trim() || null })
      .then((f) => !stale && setFields(f))
      .catch(() => !stale && setFields({ hunt: [], profiles: [] }));
    return () => {
      stale = true;
    };
  }, [fieldHunt, profiles]);
  const set = <K extends keyof typeof form>(k: K) => (v: (typeof form)[K]) => sweepForm.set((f) => ({ ...f, [k]: v }));
  const setAxis = (i: number, change: Partial<AxisForm>) => sweepForm.set((f) => ({ ...f, axes: f.axes.map((a, j) => (j === i ? { ...a, ...change } : a)) }));
  const problem = form.axes.map(axisProblem).find((p) => p !== null) ?? runSettingsProblem(form) ?? mixProblem;

  const start = () => {
    if (problem) return;
    const axes = form.axes.map((a) => ({ path: a.path.trim(), from: a.from as number, to: a.to as number, step: a.step as number }));
    void sweepJob.start(() =>
      api().call('whatif.sweep', {
        design: designSource(form.design, openHunt),
        axes,
        participants: form.participants as number,
        runs: form.runs as number,
        seed: form.seed as number,
        profiles: profiles.trim() || null,
      }),
      axes.map((a) => ({ path: a.path, values: axisValues(a) })),
    );
  };
  const grid = view.shown;
  const points = view.job?.points ?? [];
  const metrics = useMemo(() => sweepMetrics(points), [points]);
  const metric = metrics.find((m) => m.key === form.metric) ?? metrics[0];
  const invalid = points.filter((p) => !p.ok);

  return (
    <JobPage
      what="Sweep"
      settingsLabel="Sweep settings"
      title="Sweep parameters"
      action="Sweep"
      problem={problem}
      view={view}
      store={sweepJob}
      onStart={start}
      resultsLabel="Sweep results"
      idleHint="Pick one or two fields (the list offers the hunt's numbers and the profiles'), a range, and Sweep. Points appear as they finish."
      settings={
        <>
          <DesignPicker id="sweep-design" label="Design" value={form.design} onChange={set('design')} />
          <datalist id="sweep-fields">
            {[...fields.hunt, ...fields.profiles].map((f) => (
              <option key={f.path} value={f.path}>{`now ${f.value}`}</option>
            ))}
          </datalist>
          {form.axes.map((a, i) => (
            <fieldset key={i} className="field axis">
              <legend>Field {i + 1}</legend>
              <div className="field">
                <label htmlFor={`sweep-path-${i}`}>Path</label>
                <input
                  id={`sweep-path-${i}`}
                  className="mono"
                  list="sweep-fields"
                  value={a.path}
                  placeholder="/locations/gate/radiusM or profiles/*/walk/gpsNoiseM"
                  spellCheck={false}
                  onChange={(e) => {
                    const path = e.target.value;
                    const known = [...fields.hunt, ...fields.profiles].find((f) => f.path === path);
                    // A field picked from the list starts with a range around its value now.
                    if (known && a.path !== path) setAxis(i, { path, ...rangeAround(known.value) });
                    else setAxis(i, { path });
                  }}
                />
              </div>
              <div className="row3">
                <NumberField id={`sweep-from-${i}`} label="From" value={a.from} onChange={(v) => setAxis(i, { from: v })} />
                <NumberField id={`sweep-to-${i}`} label="To" value={a.to} onChange={(v) => setAxis(i, { to: v })} />
                <NumberField id={`sweep-step-${i}`} label="Step" value={a.step} onChange={(v) => setAxis(i, { step: v })} />
              </div>
              {form.axes.length === 2 && (
                <button type="button" className="small-button" onClick={() => sweepForm.set((f) => ({ ...f, axes: f.axes.filter((_, j) => j !== i) }))}>
                  Remove field {i + 1}
                </button>
              )}
            </fieldset>
          ))}
          {form.axes.length < 2 && (
            <button type="button" onClick={() => sweepForm.set((f) => ({ ...f, axes: [...f.axes, { path: '', from: 0, to: 10, step: 1 }] }))}>
              Add a second field
            </button>
          )}
          <div className="row3">
            <NumberField id="sweep-participants" label="Participants" value={form.participants} onChange={set('participants')} />
            <NumberField id="sweep-runs" label="Runs a point" value={form.runs} onChange={set('runs')} />
            <NumberField id="sweep-seed" label="Seed" value={form.seed} onChange={set('seed')} />
          </div>
          <ProfileMixForm text={profiles} onChange={(t) => simulationForm.set((f) => ({ ...f, profiles: t }))} onProblem={onMixProblem} />
        </>
      }
    >
      {grid && metric ? (
        <>
          <div className="actions">
            <SelectField id="sweep-metric" label="Figure shown" value={metric.key} onChange={set('metric')}>
              {metrics.map((m) => (
                <option key={m.key} value={m.key}>
                  {m.label}
                </option>
              ))}
            </SelectField>
          </div>
          {grid.length === 1 ? <SweepLine axis={grid[0]} points={points} metric={metric} /> : <HeatMap axes={grid} points={points} metric={metric} />}
          {invalid.length > 0 && (
            <details className="invalid-points">
              <summary>
                {invalid.length} point{invalid.length === 1 ? '' : 's'} not run: the change makes the design invalid
              </summary>
              <ul>
                {invalid.map((p) => (
                  <li key={p.index}>{p.ok ? '' : p.problem}</li>
                ))}
              </ul>
            </details>
          )}
        </>
      ) : null}
    </JobPage>
  );
}

/** A starting range for a field picked from the list: about half to twice its value. */
function rangeAround(v: number): { from: number; to: number; step: number } {
  if (v === 0) return { from: 0, to: 10, step: 1 };
  const lo = v / 2;
  const hi = v * 2;
  const raw = (hi - lo) / 8;
  const mag = 10 ** Math.floor(Math.log10(Math.abs(raw)));
  const step = Math.max(mag, Math.round(raw / mag) * mag);
  const from = Math.round(Math.min(lo, hi) / step) * step;
  return { from: +from.toFixed(6), to: +Math.max(lo, hi).toFixed(6), step: +step.toFixed(6) };
}

function SweepLine({ axis, points, metric }: { axis: { path: string; values: number[] }; points: PointResult[]; metric: SweepMetric }) {
  const byIndex = new Map(points.map((p) => [p.index, p]));
  const vals = axis.values.map((_, i) => pointValue(byIndex.get(i), metric.key));
  const scale = metric.unit === 'share' ? 100 : 1;
  const data = [axis.values, vals.map((v) => (v?.mean == null ? null : v.mean * scale)), vals.map((v) => (v?.lo == null ? null : v.lo * scale)), vals.map((v) => (v?.hi == null ? null : v.hi * scale))] as [
    number[],
    (number | null)[],
    (number | null)[],
    (number | null)[],
  ];
  const unit = metric.unit === 'share' ? ' (%)' : metric.unit === 'seconds' ? ' (s)' : '';
  return (
    <ChartFrame
      wide
      title={`${metric.label} by ${axis.path}`}
      table={{ columns: [axis.path, metric.label, 'interval'], rows: axis.values.map((x, i) => [x, fmtValue(vals[i]?.mean, metric.unit), vals[i]?.lo == null ? '–' : `${fmtValue(vals[i]!.lo, metric.unit)} … ${fmtValue(vals[i]!.hi, metric.unit)}`]) }}
    >
      <Plot
        shapeKey={`sweep-line-${axis.path}-${axis.values.length}-${metric.key}`}
        label={`${metric.label} at each value of ${axis.path}, with its interval`}
        data={data}
        options={(size) => {
          const o = lineOptions(size, [{ label: `${metric.label}${unit}`, stroke: '#2f6fdb' }, { label: 'interval low', stroke: 'rgba(47,111,219,.35)' }, { label: 'interval high', stroke: 'rgba(47,111,219,.35)' }], axis.path);
          // Points as they come: a marker at each value, lines between those done.
          o.series[1] = { ...o.series[1], points: { show: true, size: 6 }, spanGaps: false };
          return o;
        }}
      />
    </ChartFrame>
  );
}
