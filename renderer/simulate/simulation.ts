// The simulation the Simulate screen shows. Kept outside the screen so a run keeps
// charting while the designer looks elsewhere. Progress messages are coalesced to
// at most 10 updates a second before React sees them.
import type { RunAnalytics, RunProgress, RunStatus, SimulationSettings } from '../../api/contract';
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
  analytics: RunAnalytics | null;
  /** Virtual seconds per wall second the run was asked for (0: as fast as possible). */
  speed: number;
  starting: boolean;
};

export const simulation = createStore<SimulationState>({
  runId: null,
  name: '',
  progress: null,
  series: emptySeries(),
  analytics: null,
  speed: 0,
  starting: false,
});

/** The settings form (numbers stay text while they are not numbers, so the field can say so). */
export type SimulationForm = { participants: number | string | undefined; seed: number | string | undefined; profiles: string; speed: number; name: string };
export const simulationForm = createStore<SimulationForm>({ participants: 1000, seed: 1, profiles: '', speed: 0, name: '' });

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
  simulation.set({ ...s, progress: p, series: appendProgress(s.series, p) });
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

export async function refreshAnalytics(): Promise<void> {
  const runId = simulation.get().runId;
  if (!runId || analyticsBusy) return;
  analyticsBusy = true;
  try {
    const analytics = await api().call('runs.analytics', { runId });
    if (simulation.get().runId === runId) simulation.set((s) => ({ ...s, analytics }));
  } catch (err) {
    notifyError(err, 'Reading the run analytics');
  } finally {
    analyticsBusy = false;
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

export async function startSimulation(hunt: unknown, name: string, settings: SimulationSettings): Promise<void> {
  listen();
  simulation.set((s) => ({ ...s, starting: true }));
  try {
    const run = await api().call('runs.simulate', { hunt, name: name || undefined, settings });
    progressThrottle.cancel();
    simulation.set({ runId: run.id, name: run.name, progress: null, series: emptySeries(), analytics: null, speed: settings.speed, starting: false });
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
  if (speed !== undefined) simulation.set((s) => ({ ...s, speed }));
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
  listen();
  progressThrottle.cancel();
  simulation.set((s) => ({ ...s, runId, name, progress: null, series: emptySeries(), analytics: null, starting: false }));
  const p = await api().call('runs.progress', { runId });
  progressThrottle.push(p);
  if (isLive(p.status)) startAnalyticsLoop();
  else void refreshAnalytics();
}
