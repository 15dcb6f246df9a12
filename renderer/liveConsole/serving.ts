// What the studio is serving as a live hunt (or nothing), kept outside the screen so that
// switching screens does not lose it; and the calls that change it: go live, stop serving,
// end the hunt. The live state itself is polled by useLiveState while the console is shown.
import { api } from '../api';
import { createStore } from '../state/store';
import type { Arg } from '../../api/contract';
import type { LiveServing } from '../../api/liveConsole';

export type Ended = { runId: string; status: string; huntTitle: string };

export type ConsoleServing = {
  /** False until the host was asked once. */
  loaded: boolean;
  info: LiveServing | null;
  /** The live run last ended or stopped by the host, to offer it in the debugger. */
  ended: Ended | null;
};

export const consoleServing = createStore<ConsoleServing>({ loaded: false, info: null, ended: null });

/** Asks the host what it serves (the hunt may have ended by itself, or the host restarted). */
export async function refreshServing(): Promise<LiveServing | null> {
  const info = await api().call('console.serving', {});
  consoleServing.set((s) => ({ ...s, loaded: true, info }));
  return info;
}

export async function goLive(arg: Arg<'console.goLive'>): Promise<LiveServing> {
  const info = await api().call('console.goLive', arg);
  consoleServing.set({ loaded: true, info, ended: null });
  return info;
}

export async function stopServing(): Promise<void> {
  await api().call('console.stopServing', {});
  consoleServing.set((s) => ({ ...s, info: null }));
}

export async function endHunt(): Promise<Ended> {
  const title = consoleServing.get().info?.huntTitle ?? '';
  const { runId, status } = await api().call('console.endHunt', {});
  const ended = { runId, status, huntTitle: title };
  consoleServing.set({ loaded: true, info: null, ended });
  return ended;
}

/**
 * The host stopped serving without this screen asking (the runs list's Cancel, its pipeline
 * failing): the screen goes back to Go live and says how the run stands.
 * Returns false when it is still being served (the conflict was something else).
 */
export async function noticeServingEnded(): Promise<boolean> {
  const was = consoleServing.get().info;
  if (await refreshServing()) return false;
  if (!was) return true;
  const run = await api().call('runs.get', { runId: was.runId }).catch(() => null);
  consoleServing.set((s) => ({ ...s, ended: { runId: was.runId, status: run?.status ?? 'no longer served', huntTitle: was.huntTitle } }));
  return true;
}
