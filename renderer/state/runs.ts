// The list of stored runs, refreshed when the host says a run changed, with the
// progress of those in progress; resuming an interrupted run and cancelling one.
import type { RunProgress, RunSummary } from '../../api/contract';
import { api } from '../api';
import { createStore } from './store';
import { notifyError } from './notices';
import { confirm } from './dialogs';
import { throttle } from '../lib/throttle';

/** The newest progress of each run in progress, at most four updates a second (the list only shows counts). */
export const runProgress = createStore<Record<string, RunProgress>>({});
const progressBatch: Record<string, RunProgress> = {};
const progressThrottle = throttle<null>(() => {
  const batch = { ...progressBatch };
  for (const k of Object.keys(progressBatch)) delete progressBatch[k];
  runProgress.set((all) => ({ ...all, ...batch }));
}, 250);

export const runs = createStore<RunSummary[] | null>(null);
let listening = false;
let refreshTimer: ReturnType<typeof setTimeout> | null = null;

export async function refreshRuns(): Promise<void> {
  try {
    runs.set(await api().call('runs.list', {}));
  } catch (err) {
    notifyError(err, 'Listing the runs');
  }
}

/** Starts following run changes (at most one refresh every half second). */
export function followRuns(): void {
  if (!listening) {
    listening = true;
    api().subscribe('runs.changed', () => {
      if (refreshTimer) return;
      refreshTimer = setTimeout(() => {
        refreshTimer = null;
        void refreshRuns();
      }, 500);
    });
    api().subscribe('run.progress', (p) => {
      progressBatch[p.runId] = p;
      progressThrottle.push(null);
    });
  }
  void refreshRuns();
}

/**
 * One run's summary, from the list (runs.get also returns the whole result, which for
 * 100,000 participants is megabytes of JSON: the screens page through participants instead).
 */
export async function runSummary(runId: string): Promise<RunSummary> {
  let found = runs.get()?.find((r) => r.id === runId);
  if (!found) {
    await refreshRuns();
    found = runs.get()?.find((r) => r.id === runId);
  }
  if (!found) throw new Error(`Run ${runId} no longer exists.`);
  return found;
}

export async function deleteRun(run: RunSummary): Promise<boolean> {
  const ok = await confirm({
    title: 'Delete this run?',
    message: `“${run.name}” and its ${run.events.toLocaleString('en-US')} stored events will be deleted. This cannot be undone.`,
    confirmLabel: 'Delete run',
    cancelLabel: 'Keep it',
  });
  if (!ok) return false;
  try {
    await api().call('runs.delete', { runId: run.id });
    await refreshRuns();
    return true;
  } catch (err) {
    notifyError(err, 'Deleting the run');
    return false;
  }
}

/** Continues an interrupted run (runs.resume): its progress then shows in the list, where it can be cancelled. */
export async function resumeRun(run: RunSummary): Promise<void> {
  try {
    await api().call('runs.resume', { runId: run.id });
    await refreshRuns();
  } catch (err) {
    notifyError(err, `Resuming “${run.name}”`);
  }
}

export async function cancelRun(run: RunSummary): Promise<void> {
  try {
    const p = await api().call('runs.control', { runId: run.id, action: 'cancel' });
    runProgress.set((all) => ({ ...all, [run.id]: p }));
  } catch (err) {
    notifyError(err, `Cancelling “${run.name}”`);
  }
}
