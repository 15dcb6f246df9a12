// The API implemented once, in plain Node (no Electron): Electron's IPC, the web host
// and the contract tests all serve this same handler map through createDispatcher.
// A method appears here only when the service behind it exists.
import type { Arg, Method, Result } from '../../api/contract';
import type { EventBus } from './bus';
import { huntHandlers } from './hunts';
import { createRecentHunts, type RecentHunts } from './recent';
import { createRunsContext, runHandlers, type RunsContext } from './runs/index';
import { liveHandlers } from './live';
import { consoleHandlers } from './console';
import { whatIfHandlers } from './whatif/handlers';
import { join } from 'node:path';

export type HandlerImpls = { [M in Method]?: (arg: Arg<M>) => Result<M> | Promise<Result<M>> };

export type HostDeps = {
  host: 'electron' | 'web';
  version: string;
  /** Where the studio keeps its database and settings (Electron: userData; web: --data-dir). */
  dataDir: string;
  /** The folder of bundled `*.hunt.json` examples. */
  examplesDir: string;
  /** A hunt file to open when the studio starts (argv, the OS, or the bundled example). */
  startupHunt: string | null;
  bus: EventBus;
  /** Called when a hunt is opened or saved (Electron adds it to the OS recent documents). */
  onRecent?: (path: string) => void;
  /** The recent-hunts list to use (Electron shares it with its menu); by default one in dataDir. */
  recent?: RecentHunts;
  /** The runs' database and the runs in progress; by default DATA_DIR/studio.db (see runsContextFor). */
  runs?: RunsContext;
};

/** The runs context for a data directory: its database is DATA_DIR/studio.db. */
export function runsContextFor(dataDir: string, bus: EventBus): RunsContext {
  return createRunsContext(join(dataDir, 'studio.db'), bus);
}

export function createHandlers(deps: HostDeps): HandlerImpls {
  const recent = deps.recent ?? createRecentHunts(deps.dataDir, deps.onRecent);
  const runs = deps.runs ?? runsContextFor(deps.dataDir, deps.bus);
  return {
    'app.info': () => ({ version: deps.version, host: deps.host, dataDir: deps.dataDir, startupHunt: deps.startupHunt }),
    ...huntHandlers(deps, recent),
    ...runHandlers(runs),
    ...liveHandlers(runs),
    ...consoleHandlers(runs),
    ...whatIfHandlers(runs),
  };
}
