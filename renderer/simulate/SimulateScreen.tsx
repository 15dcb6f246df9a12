// Simulate: run the open hunt with many simulated participants and watch it live.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { StepOutcomeFilter } from '../../api/contract';
import { useStore } from '../state/store';
import { editor } from '../state/editor';
import { debuggerRun, screen } from '../state/app';
import { notifyError } from '../state/notices';
import { attachRun, control, figuresState, isLive, showRun, simulation, simulationForm, startSimulation, type SimulationForm } from './simulation';
import { followRuns, runs } from '../state/runs';
import { Plot, barOptions, lineOptions } from '../components/Plot';
import { NumberField, TextField, SelectField } from '../components/fields';
import { fmtDuration, fmtInt, fmtPct, fmtRate } from '../lib/format';
import { ChartFrame } from '../components/ChartFrame';
import { StepDiagnosticsChart, diagnosticsTable } from './StepDiagnosticsChart';
import { ProfileMixForm } from './ProfileMixForm';
import { HuntV2Charts } from './HuntV2Charts';
import { RunChangesPanel } from './RunChangesPanel';
import { setParticipantFilter } from '../state/participantFilter';
import { SettingsForm } from '../components/SettingsForm';

const SPEEDS = [
  { value: 0, label: 'As fast as possible' },
  { value: 1, label: 'Real time (1×)' },
  { value: 10, label: '10×' },
  { value: 60, label: '1 min per second' },
  { value: 600, label: '10 min per second' },
];

/** A speed as people say it: "10 min per second", "12×". */
export function fmtSpeed(v: number): string {
  const named = SPEEDS.find((s) => s.value === v && v > 0);
  if (named) return named.label;
  if (v >= 60) return `${+(v / 60).toFixed(1)} min per second`;
  return `${+v.toFixed(1)}×`;
}

/** Below this share of the asked speed, the run says it cannot keep up. */
const SLOW_SHARE = 0.8;

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

  // A simulation still running from before a reload is picked up again; otherwise the newest
  // simulation's charts are shown again (they come from its stored log).
  const running = useStore(runs, (list) => list?.find((r) => r.kind === 'simulation' && (r.status === 'running' || r.status === 'paused')) ?? null);
  const newest = useStore(runs, (list) => list?.find((r) => r.kind === 'simulation') ?? null);
  useEffect(() => followRuns(), []);
  useEffect(() => {
    const pick = running ?? newest;
    if (pick && !simulation.get().runId && !simulation.get().starting) void attachRun(pick.id, pick.name).catch((err) => notifyError(err, 'Showing the simulation'));
  }, [running, newest]);
  const [mixProblem, setMixProblem] = useState<string | null>(null);
  const onMixProblem = useCallback((p: string | null) => setMixProblem(p), []);
  const live = isLive(status);
  const valid = report.valid && report.errors.length === 0;
  const settingsOk = typeof participants === 'number' && Number.isInteger(participants) && participants > 0 && typeof seed === 'number' && Number.isInteger(seed) && !mixProblem;

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
      <SettingsForm label="Simulation settings" title="Simulation" onSubmit={() => void start()}>
        {!valid && <p className="banner error">The hunt has errors. Fix them in the Editor before simulating.</p>}
        <TextField id="sim-name" label="Run name" value={name} placeholder="(automatic)" onChange={setName} />
        <div className="row2">
          <NumberField id="sim-participants" label="Participants" value={participants} invalid={!(typeof participants === 'number' && participants > 0)} onChange={setParticipants} />
          <NumberField id="sim-seed" label="Seed" value={seed} invalid={!(typeof seed === 'number' && Number.isInteger(seed))} hint="Same seed, same run." onChange={setSeed} />
        </div>
        <ProfileMixForm text={profiles} onChange={setProfiles} onProblem={onMixProblem} />
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
          <button type="button" className="danger" disabled={!live || !sim.runId || sim.starting || !sim.progress} onClick={() => void act('cancel')}>
            Cancel
          </button>
        </div>
      </SettingsForm>
      <section className="body" aria-label="Simulation progress">
        <RunHeader />
        <RunChangesPanel />
        <Charts />
      </section>
    </div>
  );
}

function RunHeader() {
  const sim = useStore(simulation, (s) => s);
  const stored = useStore(runs, (l) => l);
  const list = stored ?? [];
  const p = sim.progress;
  const picker = (
    <label className="inline-field">
      Show run
      <select
        aria-label="Show the charts of a stored run"
        value={sim.runId ?? ''}
        onChange={(e) => {
          const r = list.find((x) => x.id === e.target.value);
          if (r) void showRun(r.id, r.name).catch((err) => notifyError(err, 'Showing the run'));
        }}
      >
        {!sim.runId && <option value="">(choose)</option>}
        {list.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name} · {r.kind} · {r.huntTitle} {r.huntVersion.slice(0, 8)}
          </option>
        ))}
      </select>
    </label>
  );
  if (!sim.runId)
    return (
      <>
        <p className="muted">Choose the number of participants and a seed, then Start. Charts fill as the run goes.</p>
        {list.length > 0 && <div className="actions">{picker}</div>}
      </>
    );
  const pct = p?.total ? Math.min(1, p.processed / p.total) : null;
  const joined = p ? p.active + p.finished + p.timedOut + p.quit : null;
  const ofAll = sim.asked ?? joined;
  const slow = p?.status === 'running' && sim.speed > 0 && sim.actualSpeed !== null && sim.actualSpeed < sim.speed * SLOW_SHARE;
  return (
    <>
      <div className="actions">
        <h2>{sim.name}</h2>
        {p && <span className={`pill pill-${p.status}`}>{p.status}</span>}
        <span className="grow" />
        {picker}
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
      {slow && (
        <p className="banner speed-warning" role="status" data-testid="speed-warning">
          Running at {fmtSpeed(sim.actualSpeed!)}, not the {fmtSpeed(sim.speed)} asked: this machine cannot process the events that fast. Choose a lower speed, or As fast as
          possible to finish sooner.
        </p>
      )}
      <div className="stats">
        <Stat label={p?.total && isLive(p.status) ? `Events of ${fmtInt(p.total)}` : 'Events'} value={fmtInt(p?.processed)} />
        <Stat label="Virtual time" value={fmtDuration(p?.virtualTime)} />
        <Stat label="Events / s" value={p ? fmtRate(p.eventsPerSec) : '–'} />
        {p?.status === 'running' && sim.speed > 0 && <Stat label="Speed (asked)" value={sim.actualSpeed === null ? `… (${fmtSpeed(sim.speed)})` : `${fmtSpeed(sim.actualSpeed)}`} />}
        <Stat label="Joined" value={fmtInt(joined)} />
        <Stat label="Active" value={fmtInt(p?.active)} />
        <Stat label="Finished" value={fmtInt(p?.finished)} />
        <Stat label="Timed out" value={fmtInt(p?.timedOut)} />
        <Stat label="Quit" value={fmtInt(p?.quit)} />
        <Stat
          label={p && isLive(p.status) ? 'Finished of joined so far' : 'Finish rate'}
          value={joined ? fmtPct(p!.finished / joined) : '–'}
          detail={ofAll && p ? `${fmtInt(p.finished)} of ${fmtInt(joined)} joined${sim.asked && sim.asked !== joined ? ` · ${fmtPct(p.finished / sim.asked)} of all ${fmtInt(sim.asked)}` : ''}` : undefined}
        />
      </div>
    </>
  );
}

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="stat">
      <div className="label">{label}</div>
      <div className="value">{value}</div>
      {detail && <div className="label">{detail}</div>}
    </div>
  );
}

function Charts() {
  const series = useStore(simulation, (s) => s.series);
  const analytics = useStore(simulation, (s) => s.analytics);
  const density = useStore(simulation, (s) => s.density);
  const runId = useStore(simulation, (s) => s.runId);
  const figures = useStore(simulation, figuresState);
  // Live progress while it comes; afterwards (or for a run shown later) the run's own stored timeline.
  const timeline = analytics?.timeline;
  const useLive = series.t.length > 1;
  const peopleT = useLive ? series.t : (timeline?.t ?? []);
  const lineData = useMemo(() => [series.t, series.throughput] as [number[], number[]], [series]);
  const peopleData = useMemo(
    () => (useLive ? [series.t, series.active, series.finished] : [timeline?.t ?? [], timeline?.active ?? [], timeline?.done ?? []]) as [number[], number[], number[]],
    [useLive, series, timeline],
  );
  const eventsData = useMemo(() => {
    if (!density || density.buckets.length === 0) return null;
    const width = (density.lastT - density.firstT) / density.buckets.length;
    return [density.buckets.map((_, i) => density.firstT + i * width), density.buckets] as [number[], number[]];
  }, [density]);
  const hist = analytics?.finishTime.histogram ?? [];
  const histData = useMemo(() => [hist.map((_, i) => i), hist.map((h) => h.count)] as [number[], number[]], [hist]);
  const scores = analytics?.score.histogram ?? [];
  const scoreData = useMemo(() => [scores.map((_, i) => i), scores.map((h) => h.count)] as [number[], number[]], [scores]);
  const histLabels = useRef<string[]>([]);
  histLabels.current = hist.map((h) => fmtDuration(h.from));
  const scoreLabels = useRef<string[]>([]);
  scoreLabels.current = scores.map((h) => fmtInt(h.from));
  const steps = analytics?.steps ?? [];
  const onPick = useCallback(
    (step: string, outcome: StepOutcomeFilter) => {
      if (!runId) return;
      setParticipantFilter(runId, { step, outcome });
      debuggerRun.set(runId);
      screen.set('debugger');
    },
    [runId],
  );
  if (!runId) return null;
  return (
    <div className="charts" data-figures={figures} aria-busy={figures === 'updating'}>
      <ChartFrame
        wide
        title="Steps: where and why participants are lost"
        table={steps.length ? diagnosticsTable(steps) : null}
        note={
          <>
            {figures === 'so-far' && <p className="muted figures-note">Figures so far: the run is still going, so some participants are still on a step.</p>}
            {figures === 'updating' && (
              <p className="banner figures-note" role="status" data-testid="figures-updating">
                The run has ended; these figures were read while it was still going. Reading its final figures…
              </p>
            )}
            {analytics && analytics.advice.length > 0 ? (
              <ul className="advice" aria-label="What can change the results" data-testid="advice">
                {analytics.advice.map((a) => (
                  <li key={a.step}>
                    <strong>{a.title}</strong>: {a.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        }
      >
        {steps.length ? <StepDiagnosticsChart steps={steps} onPick={onPick} /> : <div className="empty">The steps appear once analytics are in.</div>}
      </ChartFrame>
      {useLive || !eventsData ? (
        <ChartFrame title="Throughput (events per wall second)" table={series.t.length ? { columns: ['Virtual time', 'Events/s'], rows: series.t.map((t, i) => [fmtDuration(t), fmtInt(series.throughput[i])]) } : null}>
          {series.t.length ? (
            <Plot shapeKey="throughput" label="Throughput over virtual time" data={lineData} options={(size) => lineOptions(size, [{ label: 'events/s', stroke: '#2f6fdb', fill: 'rgba(47,111,219,.08)' }], 'virtual time', fmtDuration)} />
          ) : (
            <div className="empty">Waiting for the first progress…</div>
          )}
        </ChartFrame>
      ) : (
        <ChartFrame title="Events over virtual time" table={{ columns: ['Virtual time from', 'Events'], rows: eventsData[0].map((t, i) => [fmtDuration(t), fmtInt(eventsData[1][i])]) }}>
          <Plot shapeKey="events" label="Events in each stretch of virtual time" data={eventsData} options={(size) => lineOptions(size, [{ label: 'events', stroke: '#2f6fdb', fill: 'rgba(47,111,219,.08)' }], 'virtual time', fmtDuration)} />
        </ChartFrame>
      )}
      <ChartFrame
        title="Participants over virtual time"
        table={peopleT.length ? { columns: ['Virtual time', 'Active', 'Done'], rows: peopleData[0].map((t, i) => [fmtDuration(t), fmtInt(peopleData[1][i]), fmtInt(peopleData[2][i])]) } : null}
      >
        {peopleT.length ? (
          <Plot
            shapeKey="people"
            label="Active and finished participants over virtual time"
            data={peopleData}
            options={(size) => lineOptions(size, [{ label: 'active', stroke: '#d08a00' }, { label: 'done', stroke: '#2e7d4f' }], 'virtual time', fmtDuration)}
          />
        ) : (
          <div className="empty">Waiting for the first progress…</div>
        )}
      </ChartFrame>
      <ChartFrame title="Finish time histogram" table={hist.length ? { columns: ['Finish time', 'Finished'], rows: hist.map((h) => [`${fmtDuration(h.from)} – ${fmtDuration(h.to)}`, h.count]) } : null}>
        {hist.length ? (
          <Plot shapeKey="hist" label="How many participants finished in each time bucket" data={histData} options={(size) => barOptions(size, [{ label: 'finished', fill: '#2e7d4f' }], () => histLabels.current, 'finish time from (h:mm:ss)')} />
        ) : (
          <div className="empty">No one has finished yet.</div>
        )}
      </ChartFrame>
      <ChartFrame title="Score distribution" table={scores.length ? { columns: ['Score', 'Participants'], rows: scores.map((h) => [`${fmtInt(h.from)} – ${fmtInt(h.to)}`, h.count]) } : null}>
        {scores.length ? (
          <Plot shapeKey="scores" label="How many participants reached each score band" data={scoreData} options={(size) => barOptions(size, [{ label: 'participants', fill: '#7a5bd1' }], () => scoreLabels.current, 'score from')} />
        ) : (
          <div className="empty">The scores appear once analytics are in.</div>
        )}
      </ChartFrame>
      {analytics && <HuntV2Charts analytics={analytics} />}
    </div>
  );
}
