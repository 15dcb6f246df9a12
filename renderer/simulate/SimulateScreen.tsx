// Simulate: run the open hunt with many simulated participants and watch it live.
import { useEffect, useMemo, useRef } from 'react';
import { useStore } from '../state/store';
import { editor } from '../state/editor';
import { debuggerRun, screen } from '../state/app';
import { notifyError } from '../state/notices';
import { attachRun, control, isLive, simulation, simulationForm, startSimulation, type SimulationForm } from './simulation';
import { followRuns, runs } from '../state/runs';
import { Plot, barOptions, lineOptions } from '../components/Plot';
import { NumberField, TextArea, TextField, SelectField } from '../components/fields';
import { fmtDuration, fmtInt, fmtPct, fmtRate } from '../lib/format';
import { pickTextFile } from '../lib/download';

const SPEEDS = [
  { value: 0, label: 'As fast as possible' },
  { value: 1, label: 'Real time (1×)' },
  { value: 10, label: '10×' },
  { value: 60, label: '1 min per second' },
  { value: 600, label: '10 min per second' },
];
const PRESETS = ['casual', 'competitive', 'families', 'speedrunners'];

export function SimulateScreen() {
  const hunt = useStore(editor, (s) => s.history.present.hunt);
  const report = useStore(editor, (s) => s.report);
  const sim = useStore(simulation, (s) => s);
  // The form lives in a store so it survives a visit to another screen.
  const form = useStore(simulationForm, (f) => f);
  const { participants, seed, profiles, speed, name } = form;
  const setField = <K extends keyof SimulationForm>(k: K) => (v: SimulationForm[K]) => simulationForm.set((f) => ({ ...f, [k]: v }));
  const setParticipants = setField('participants');
  const setSeed = setField('seed');
  const setProfiles = setField('profiles');
  const setSpeed = setField('speed');
  const setName = setField('name');
  const status = sim.progress?.status;

  // A simulation still running from before a reload is picked up again.
  const running = useStore(runs, (list) => list?.find((r) => r.kind === 'simulation' && (r.status === 'running' || r.status === 'paused')) ?? null);
  useEffect(() => followRuns(), []);
  useEffect(() => {
    if (running && !simulation.get().runId) void attachRun(running.id, running.name).catch((err) => notifyError(err, 'Following the running simulation'));
  }, [running]);
  const live = isLive(status);
  const valid = report.valid && report.errors.length === 0;
  const settingsOk = typeof participants === 'number' && Number.isInteger(participants) && participants > 0 && typeof seed === 'number' && Number.isInteger(seed);

  const start = async () => {
    if (!settingsOk) return;
    try {
      await startSimulation(hunt, name, { participants: participants as number, seed: seed as number, profiles: profiles.trim() || null, speed });
    } catch (err) {
      notifyError(err, 'Starting the simulation');
    }
  };
  const act = (action: 'pause' | 'resume' | 'step' | 'cancel', s?: number) => control(action, s).catch((err) => notifyError(err, `${action} the run`));

  return (
    <div className="page-split">
      <aside className="side" aria-label="Simulation settings">
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <h2>Simulation</h2>
          {!valid && <p className="banner error">The hunt has errors. Fix them in the Editor before simulating.</p>}
          <TextField id="sim-name" label="Run name" value={name} placeholder="(automatic)" onChange={setName} />
          <div className="row2">
            <NumberField id="sim-participants" label="Participants" value={participants} invalid={!(typeof participants === 'number' && participants > 0)} onChange={setParticipants} />
            <NumberField id="sim-seed" label="Seed" value={seed} invalid={!(typeof seed === 'number' && Number.isInteger(seed))} hint="Same seed, same run." onChange={setSeed} />
          </div>
          <TextArea
            id="sim-profiles"
            label="Profile mix"
            rows={3}
            mono
            value={profiles}
            hint={`Empty for the default mix; presets with shares (e.g. casual:0.7,families:0.3 from ${PRESETS.join(', ')}); or a profiles file's text.`}
            onChange={setProfiles}
          />
          <div className="actions">
            <button
              type="button"
              onClick={async () => {
                const f = await pickTextFile('.json,application/json');
                if (f) setProfiles(f.text);
              }}
            >
              Load profiles file…
            </button>
          </div>
          <SelectField
            id="sim-speed"
            label="Speed"
            value={String(live ? sim.speed : speed)}
            onChange={(v) => {
              setSpeed(Number(v));
              if (status === 'running') void act('resume', Number(v));
            }}
          >
            {SPEEDS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </SelectField>
          <div className="actions">
            <button type="submit" className="primary" disabled={!valid || !settingsOk || live || sim.starting}>
              {sim.starting ? 'Starting…' : 'Start'}
            </button>
            <button type="button" disabled={status !== 'running'} onClick={() => void act('pause')}>
              Pause
            </button>
            <button type="button" disabled={status !== 'paused'} onClick={() => void act('resume', speed)}>
              Resume
            </button>
            <button type="button" disabled={status !== 'paused'} onClick={() => void act('step')} title="Process one event while paused">
              Step
            </button>
            <button type="button" className="danger" disabled={!live} onClick={() => void act('cancel')}>
              Cancel
            </button>
          </div>
        </form>
      </aside>
      <section className="body" aria-label="Simulation progress">
        <RunHeader />
        <Charts />
      </section>
    </div>
  );
}

function RunHeader() {
  const sim = useStore(simulation, (s) => s);
  const p = sim.progress;
  if (!sim.runId) return <p className="muted">Choose the number of participants and a seed, then Start. Charts fill as the run goes.</p>;
  const pct = p?.total ? Math.min(1, p.processed / p.total) : null;
  return (
    <>
      <div className="actions">
        <h2>{sim.name}</h2>
        {p && <span className={`pill pill-${p.status}`}>{p.status}</span>}
        <span className="grow" />
        <button
          type="button"
          disabled={!p}
          onClick={() => {
            debuggerRun.set(sim.runId);
            screen.set('debugger');
          }}
        >
          Open in debugger
        </button>
      </div>
      <div className="progress" role="progressbar" aria-label="Events processed" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct === null ? undefined : Math.round(pct * 100)}>
        <div style={{ width: `${pct === null ? (p && !isLive(p.status) ? 100 : 0) : pct * 100}%` }} />
      </div>
      <div className="stats">
        <Stat label={p?.total ? `Events of ${fmtInt(p.total)}` : 'Events'} value={fmtInt(p?.processed)} />
        <Stat label="Virtual time" value={fmtDuration(p?.virtualTime)} />
        <Stat label="Events / s" value={p ? fmtRate(p.eventsPerSec) : '–'} />
        <Stat label="Active" value={fmtInt(p?.active)} />
        <Stat label="Finished" value={fmtInt(p?.finished)} />
        <Stat label="Timed out" value={fmtInt(p?.timedOut)} />
        <Stat label="Quit" value={fmtInt(p?.quit)} />
        <Stat label="Finish rate" value={fmtPct(sim.analytics?.finishRate)} />
      </div>
    </>
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

function Charts() {
  const series = useStore(simulation, (s) => s.series);
  const analytics = useStore(simulation, (s) => s.analytics);
  const runId = useStore(simulation, (s) => s.runId);
  const lineData = useMemo(() => [series.t, series.throughput] as [number[], number[]], [series]);
  const peopleData = useMemo(() => [series.t, series.active, series.finished] as [number[], number[], number[]], [series]);
  const funnel = analytics?.funnel ?? [];
  const funnelData = useMemo(() => [funnel.map((_, i) => i), funnel.map((f) => f.reached), funnel.map((f) => f.solved)] as [number[], number[], number[]], [funnel]);
  const hist = analytics?.finishTime.histogram ?? [];
  const histData = useMemo(() => [hist.map((_, i) => i), hist.map((h) => h.count)] as [number[], number[]], [hist]);
  const histLabels = useRef<string[]>([]);
  histLabels.current = hist.map((h) => fmtDuration(h.from));
  const funnelLabels = useRef<string[]>([]);
  funnelLabels.current = funnel.map((f) => f.title || f.step);
  if (!runId) return null;
  return (
    <div className="charts">
      <div className="chart">
        <h3>Throughput (events per wall second)</h3>
        {series.t.length ? (
          <Plot shapeKey="throughput" label="Throughput over virtual time" data={lineData} options={(size) => lineOptions(size, [{ label: 'events/s', stroke: '#2f6fdb', fill: 'rgba(47,111,219,.08)' }], 'virtual time', fmtDuration)} />
        ) : (
          <div className="empty">Waiting for the first progress…</div>
        )}
      </div>
      <div className="chart">
        <h3>Participants over virtual time</h3>
        {series.t.length ? (
          <Plot
            shapeKey="people"
            label="Active and finished participants over virtual time"
            data={peopleData}
            options={(size) => lineOptions(size, [{ label: 'active', stroke: '#d08a00' }, { label: 'done', stroke: '#2e7d4f' }], 'virtual time', fmtDuration)}
          />
        ) : (
          <div className="empty">Waiting for the first progress…</div>
        )}
      </div>
      <div className="chart">
        <h3>Funnel per step (reached, solved)</h3>
        {funnel.length ? (
          <Plot
            shapeKey={`funnel-${funnel.map((f) => f.step).join(',')}`}
            label="Participants who reached and solved each step"
            data={funnelData}
            options={(size) => barOptions(size, [{ label: 'reached', fill: '#b9cdf2' }, { label: 'solved', fill: '#2f6fdb' }], () => funnelLabels.current, undefined, true)}
          />
        ) : (
          <div className="empty">The funnel appears once analytics are in.</div>
        )}
      </div>
      <div className="chart">
        <h3>Finish time histogram</h3>
        {hist.length ? (
          <Plot shapeKey="hist" label="How many participants finished in each time bucket" data={histData} options={(size) => barOptions(size, [{ label: 'finished', fill: '#2e7d4f' }], () => histLabels.current, 'finish time from')} />
        ) : (
          <div className="empty">No one has finished yet.</div>
        )}
      </div>
    </div>
  );
}
