// The Vite build check: main, preload and every worker entry build exactly as forge
// builds them, and the built worker entries (`<name>.worker.js`, what the packaged app
// starts) answer on their engine/threads channel like the .ts ones do from source.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../../forge.config';
import { startWorker } from '../../engine/threads/worker';
import { ThreadClient } from '../../engine/threads/client';
import type { ShardWorkerApi, ShardWorkerData } from '../../engine/runtime/types';
import type { WriterWorkerApi } from '../../db/writer/protocol';
import type { QueryWorkerApi } from '../../host/api/runs/queryProtocol';
import { openDatabase } from '../../db/open';
import { SYNTHETIC_HUNT } from '../engine/runtime/harness';
import { buildElectronEntries } from './buildElectron';

const repo = join(__dirname, '..', '..');
let outDir = '';
let tmp = '';

beforeAll(async () => {
  // Inside the repository (.vite/ is ignored): the built entries find better-sqlite3 in node_modules.
  mkdirSync(join(repo, '.vite'), { recursive: true });
  outDir = mkdtempSync(join(repo, '.vite', 'built-workers-'));
  tmp = mkdtempSync(join(repo, '.vite', 'built-workers-db-'));
  await buildElectronEntries(repo, outDir);
}, 300_000);

afterAll(() => {
  for (const dir of [outDir, tmp]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const entry = (name: string) => pathToFileURL(join(outDir, `${name}.js`));

describe('built worker entries', () => {
  it('builds main, preload and one <name>.worker.js per worker entry forge lists', () => {
    const vite = (config.plugins ?? []).find((p) => (p as { name: string }).name === 'vite') as unknown as { config: { build: { entry: string }[] } };
    const workers = vite.config.build.map((b) => b.entry).filter((e) => e.endsWith('.worker.ts'));
    expect(workers).toHaveLength(6);
    const built = readdirSync(outDir);
    expect(built).toEqual(expect.arrayContaining(['main.js', 'preload.cjs', ...workers.map((w) => `${basename(w, '.ts')}.js`)]));
  });

  it('a built shard worker answers typed calls', async () => {
    const data: ShardWorkerData = { hunt: SYNTHETIC_HUNT, shard: 0, fault: null, batchDelayMs: 0 };
    const shard = new ThreadClient<ShardWorkerApi>(startWorker(entry('shard.worker'), { workerData: data }), { name: 'built shard' });
    try {
      expect(await shard.call('statusCounts')).toEqual({ active: 0, finished: 0, timed_out: 0, quit: 0 });
      expect(await shard.call('inspect', 'nobody')).toBeNull();
    } finally {
      await shard.terminate();
    }
  }, 120_000);

  it('a built writer commits a run and a built query worker reads it back', async () => {
    const file = join(tmp, 'built.db');
    openDatabase(file).close();
    const writer = new ThreadClient<WriterWorkerApi>(startWorker(entry('writer.worker'), { workerData: { file } }), { name: 'built writer' });
    await writer.call('ready');
    const runId = await writer.call('write', {
      kind: 'create',
      hunt: SYNTHETIC_HUNT,
      run: { kind: 'replay', name: 'built', checkpointEvery: 10, seed: null, settings: null, source: null },
    });
    expect(runId).toBeGreaterThan(0);
    await writer.call('write', { kind: 'close' });
    await writer.exited;
    expect(existsSync(file)).toBe(true);

    const query = new ThreadClient<QueryWorkerApi>(startWorker(entry('query.worker')), { name: 'built query' });
    try {
      const outcome = await query.call('report', file, { kind: 'inspect', runId: runId!, atSeq: 0, participant: 'nobody' });
      expect(outcome).toEqual({ ok: false, notFound: 'Participant "nobody" never joined this run.' });
    } finally {
      await query.terminate();
    }
  }, 120_000);
});
