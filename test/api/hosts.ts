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
import { createHandlers } from '../../host/api/handlers';
import { createInProcessApi } from '../../host/api/inProcess';
import { startWebHost } from '../../host/web/server';

export type ApiUnderTest = {
  api: StudioApi;
  bus: EventBus;
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

function handlersFor(dirs: ReturnType<typeof freshDirs>, bus: EventBus, host: 'electron' | 'web') {
  return createHandlers({ host, version: '0.0.0-test', dataDir: dirs.dataDir, examplesDir: dirs.examplesDir, startupHunt: null, bus });
}

export const inProcess: ApiFactory = async () => {
  const dirs = freshDirs();
  const bus = createEventBus({ progressIntervalMs: 20 });
  const api = createInProcessApi(createDispatcher(handlersFor(dirs, bus, 'web')), bus);
  return { api, bus, ...dirs, close: async () => (bus.close(), rmSync(dirs.dir, { recursive: true, force: true })) };
};

export const overWebHost: ApiFactory = async () => {
  const dirs = freshDirs();
  const bus = createEventBus({ progressIntervalMs: 20 });
  const host = await startWebHost({ dispatch: createDispatcher(handlersFor(dirs, bus, 'web')), bus, staticDir: join(dirs.dir, 'no-page') });
  const client = createWebClient({
    baseUrl: host.origin,
    token: host.token,
    WebSocket: WebSocket as unknown as NonNullable<Parameters<typeof createWebClient>[0]['WebSocket']>,
    reconnectMs: 50,
  });
  return {
    api: client,
    bus,
    ...dirs,
    async close() {
      client.close();
      await host.close();
      bus.close();
      rmSync(dirs.dir, { recursive: true, force: true });
    },
  };
};
