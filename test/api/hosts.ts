// The two ways the contract suite reaches the API: the handlers in-process, and the
// web host over HTTP + WebSocket through the browser client. Each start gets fresh
// data and examples folders, so tests never share state.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { StudioApi } from '../../api/contract';
import { createWebClient } from '../../api/webClient';
import { createEventBus, type EventBus } from '../../host/api/bus';
import { createDispatcher } from '../../host/api/dispatch';
import { createHandlers, runsContextFor } from '../../host/api/handlers';
import type { RunsContext } from '../../host/api/runs/index';
import { createInProcessApi } from '../../host/api/inProcess';
import { startWebHost } from '../../host/web/server';

export type ApiUnderTest = {
  api: StudioApi;
  bus: EventBus;
  runs: RunsContext;
  dir: string;
  dataDir: string;
  examplesDir: string;
  close(): Promise<void>;
};
export type ApiFactory = () => Promise<ApiUnderTest>;

const FIXTURES = join(__dirname, '..', 'fixtures', 'conformance');

/** A fresh folder with a data dir and two example hunts (one valid, one with errors). */
export function freshDirs() {
  const dir = mkdtempSync(join(tmpdir(), 'studio-api-'));
  const dataDir = join(dir, 'data');
  const examplesDir = join(dir, 'examples');
  mkdirSync(examplesDir);
  copyFileSync(join(FIXTURES, 'case1.hunt.json'), join(examplesDir, 'river-trail.hunt.json'));
  copyFileSync(join(FIXTURES, 'case12.hunt.json'), join(examplesDir, 'broken-loop.hunt.json'));
  return { dir, dataDir, examplesDir };
}

function handlersFor(dirs: ReturnType<typeof freshDirs>, bus: EventBus, runs: RunsContext, host: 'electron' | 'web') {
  return createHandlers({ host, version: '0.0.0-test', dataDir: dirs.dataDir, examplesDir: dirs.examplesDir, startupHunt: null, bus, runs });
}

/** Waits for runs still in progress (a test that starts one may end before it does), then closes the database. */
async function stopRuns(runs: RunsContext) {
  for (const run of [...runs.active.values()]) run.stop();
  const deadline = Date.now() + 20_000;
  while (runs.active.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  runs.close();
}

export const inProcess: ApiFactory = async () => {
  const dirs = freshDirs();
  const bus = createEventBus({ progressIntervalMs: 20 });
  const runs = runsContextFor(dirs.dataDir, bus);
  const api = createInProcessApi(createDispatcher(handlersFor(dirs, bus, runs, 'web')), bus);
  return {
    api,
    bus,
    runs,
    ...dirs,
    async close() {
      await stopRuns(runs);
      bus.close();
      rmSync(dirs.dir, { recursive: true, force: true });
    },
  };
};

export const overWebHost: ApiFactory = async () => {
  const dirs = freshDirs();
  const bus = createEventBus({ progressIntervalMs: 20 });
  const runs = runsContextFor(dirs.dataDir, bus);
  const host = await startWebHost({ dispatch: createDispatcher(handlersFor(dirs, bus, runs, 'web')), bus, staticDir: join(dirs.dir, 'no-page') });
  const client = createWebClient({
    baseUrl: host.origin,
    token: host.token,
    WebSocket: WebSocket as unknown as NonNullable<Parameters<typeof createWebClient>[0]['WebSocket']>,
    reconnectMs: 50,
  });
  return {
    api: client,
    bus,
    runs,
    ...dirs,
    async close() {
      client.close();
      await stopRuns(runs);
      await host.close();
      bus.close();
      rmSync(dirs.dir, { recursive: true, force: true });
    },
  };
};
