// The simulation the Simulate screen shows. Kept outside the screen so a run keeps
// charting while the designer looks elsewhere. Progress messages are coalesced to
// at most 10 updates a second before React sees them.
import type { AnalyticsCoverage, DensityStrip, RunAnalytics, RunProgress, RunStatus, SimulationRequest } from '../../api/contract';
import { api } from '../api';
import { createStore } from '../state/store';
import { throttle } from '../lib/throttle';
import { appendProgress, emptySeries, type Series } from './series';
import { notifyError } from '../state/notices';
import { mergeProgress } from './progressMerge';

export type SimulationState = {
  runId: string | null;
  name: string;
  progress: RunProgress | null;
  series: Series;
  /** The latest figures read; `complete` says whether they are the run's final ones (see figuresState). */
  analytics: (RunAnalytics & AnalyticsCoverage) | null;
  /** Virtual seconds per wall second the run was asked for (0: as fast as possible). */
  speed: number;
  starting: boolean;
  /** Participants the run was asked for (the simulation's setting), when known. */
  asked: number | null;
  /** Virtual seconds per wall second the run actually reaches (measured over the last seconds), while running. */
  actualSpeed: number | null;
  /** Events over virtual time, for a run shown after the fact (its live throughput was not kept). */
  density: DensityStrip | null;
};

export const simulation = createStore<SimulationState>({
  runId: null,
  name: '',
  progress: null,
  series: emptySeries(),
  analytics: null,
  speed: 0,
  starting: false,
  asked: null,
  actualSpeed: null,
  density: null,
});

/** Wall-clock samples of the virtual clock (the page may read the wall clock; the engine never does). */
let clockSamples: { wall: number; virtual: number }[] = [];
const SPEED_WINDOW_MS = 4000;

/** Virtual seconds per wall second over the last few seconds of progress, or null before there is enough to say. */
function measureSpeed(p: RunProgress): number | null {
  if (p.status !== 'running') {
    clockSamples = [];
    return null;
  }
  const now = performance.now();
  clockSamples.push({ wall: now, virtual: p.virtualTime });
  while (clockSamples.length > 2 && now - clockSamples[0].wall > SPEED_WINDOW_MS) clockSamples.shift();
  const first = clockSamples[0];
  const span = now - first.wall;
  if (span < 1500) return null;
  return ((p.virtualTime - first.virtual) / span) * 1000;
}

/** The settings form (numbers stay text while they are not numbers, so the field can say so). */
export type SimulationForm = { participants: number | string | undefined; seed: number | string | undefined; profiles: string; speed: number; name: string };
export const simulationForm = createStore<SimulationForm>({ participants: 1000, seed: 1, profiles: '', speed: 0, name: '' });

/**
 * What the charts show: no figures yet, the figures so far of a run still going, figures
 * read before a run ended that are being brought up to its end (a read made during the run
 * can answer after it ended: its "still on it" parts are not the run's), or the final ones.
 */
export type FiguresState = 'none' | 'so-far' | 'updating' | 'final';

export function figuresState(s: Pick<SimulationState, 'analytics' | 'progress'>): FiguresState {
  if (!s.analytics) return 'none';
  if (s.analytics.complete) return 'final';
  return !s.progress || isLive(s.progress.status) ? 'so-far' : 'updating';
}

export const UPDATE_INTERVAL_MS = 100;
const ANALYTICS_INTERVAL_MS = 1000;
export const isLive = (s: RunStatus | undefined) => s === 'running' || s === 'paused';

let unsubscribe: (() => void) | null = null;
let analyticsTimer: ReturnType<typeof setTimeout> | null = null;
let analyticsBusy = false;

const throttled = throttle<RunProgress>(applyProgress, UPDATE_INTERVAL_MS);
/** The newest progress seen for the current run, whichever way it came. */
let latest: RunProgress | null = null;
const progressThrottle = {
  push(p: RunProgress): void {
    latest = mergeProgress(latest, p);
    throttled.push(latest);
  },
  flush: () => throttled.flush(),
  cancel(): void {
    latest = null;
    throttled.cancel();
  },
};

function applyProgress(p: RunProgress): void {
  const s = simulation.get();
  if (p.runId !== s.runId) return;
  simulation.set({ ...s, progress: p, series: appendProgress(s.series, p), actualSpeed: measureSpeed(p) });
  if (!isLive(p.status)) {
    stopAnalyticsLoop();
    void refreshAnalytics();
  }
}

function listen(): void {
  if (unsubscribe) return;
  unsubscribe = api().subscribe('run.progress', (p) => {
    if (p.runId !== simulation.get().runId) return;
    progressThrottle.push(p);
    if (!isLive(p.status)) progressThrottle.flush();
  });
}

/** Asked for while one was in flight (the run ended during a poll): made again once it is back, so the last figures are the run's final ones. */
let analyticsAgain = false;

export async function refreshAnalytics(): Promise<void> {
  const runId = simulation.get().runId;
  if (!runId) return;
  if (analyticsBusy) {
    analyticsAgain = true;
    return;
  }
  analyticsBusy = true;
  analyticsAgain = false;
  let stale = false;
  try {
    const analytics = await api().call('runs.analytics', { runId });
    if (simulation.get().runId === runId) {
      simulation.set((s) => ({ ...s, analytics }));
      stale = figuresState(simulation.get()) === 'updating';
    }
  } catch (err) {
    notifyError(err, 'Reading the run analytics');
  } finally {
    analyticsBusy = false;
    if (analyticsAgain) void refreshAnalytics();
    // The run has ended but these figures were read while it was still closing (a cancel
    // not yet settled, say): ask again shortly, until the host answers with the final ones.
    else if (stale)
      setTimeout(() => {
        if (simulation.get().runId === runId) void refreshAnalytics();
      }, ANALYTICS_INTERVAL_MS);
  }
}

/** Analytics are heavier than progress: polled once a second, never two at a time. */
function startAnalyticsLoop(): void {
  stopAnalyticsLoop();
  const tick = async () => {
    await refreshAnalytics();
    if (isLive(simulation.get().progress?.status ?? 'running')) analyticsTimer = setTimeout(tick, ANALYTICS_INTERVAL_MS);
  };
  analyticsTimer = setTimeout(tick, ANALYTICS_INTERVAL_MS);
}

function stopAnalyticsLoop(): void {
  if (analyticsTimer) clearTimeout(analyticsTimer);
  analyticsTimer = null;
}

export async function startSimulation(hunt: unknown, name: string, settings: SimulationRequest): Promise<void> {
  listen();
  simulation.set((s) => ({ ...s, starting: true }));
  try {
    const run = await api().call('runs.simulate', { hunt, name: name || undefined, settings });
    progressThrottle.cancel();
    clockSamples = [];
    simulation.set({ runId: run.id, name: run.name, progress: null, series: emptySeries(), analytics: null, speed: settings.speed, starting: false, asked: settings.participants, actualSpeed: null, density: null });
    // The run may have moved on before we listened: ask once for where it is.
    const p = await api().call('runs.progress', { runId: run.id });
    progressThrottle.push(p);
    if (isLive(p.status)) startAnalyticsLoop();
    else void refreshAnalytics();
  } catch (err) {
    simulation.set((s) => ({ ...s, starting: false }));
    throw err;
  }
}

export async function control(action: 'pause' | 'resume' | 'step' | 'cancel', speed?: number): Promise<void> {
  const runId = simulation.get().runId;
  if (!runId) return;
  const p = await api().call('runs.control', { runId, action, speed });
  if (speed !== undefined) {
    clockSamples = [];
    simulation.set((s) => ({ ...s, speed, actualSpeed: null }));
  }
  progressThrottle.push(p);
  if (action === 'resume') startAnalyticsLoop();
  if (action === 'step' || action === 'pause') void refreshAnalytics();
}

/**
 * Shows a simulation that is already going (after a reload of the page, say): charts
 * start from now, the stats and analytics are the run's own.
 */
export async function attachRun(runId: string, name: string): Promise<void> {
  if (simulation.get().runId) return;
  await showRun(runId, name);
}

/**
 * Shows any stored run (a simulation, a replay, a playtest), running or long finished:
 * its analytics and timeline come from its stored log, so every chart can be shown
 * again after a reload or a restart of the host; a run still going keeps updating.
 */
export async function showRun(runId: string, name: string): Promise<void> {
  listen();
  progressThrottle.cancel();
  stopAnalyticsLoop();
  clockSamples = [];
  simulation.set((s) => ({ ...s, runId, name, progress: null, series: emptySeries(), analytics: null, starting: false, asked: null, actualSpeed: null, density: null }));
  const [p, info] = await Promise.all([api().call('runs.progress', { runId }), api().call('runs.get', { runId, result: false })]);
  if (simulation.get().runId !== runId) return;
  const settings = info.settings as { participants?: unknown; speed?: unknown } | null;
  simulation.set((s) => ({ ...s, asked: typeof settings?.participants === 'number' ? settings.participants : null, speed: typeof settings?.speed === 'number' ? settings.speed : s.speed }));
  progressThrottle.push(p);
  if (isLive(p.status)) startAnalyticsLoop();
  else {
    void refreshAnalytics();
    void api()
      .call('runs.density', { runId, buckets: 120 })
      .then((density) => simulation.get().runId === runId && simulation.set((s) => ({ ...s, density })))
      .catch((err) => notifyError(err, 'Reading the events over time'));
  }
}
