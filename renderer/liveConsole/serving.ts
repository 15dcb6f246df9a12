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
  /** The hunt last ended from this screen, to offer its run in the debugger. */
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
