import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';

// The V8 flag is process-wide: record the calls instead of changing the test process's heap.
const setFlags = vi.hoisted(() => vi.fn());
vi.mock('node:v8', async (original) => ({ ...(await original<typeof import('node:v8')>()), setFlagsFromString: setFlags }));

import { heapGrowthFlag, REPLAY_HEAP_GROWING_PERCENT } from '../../../host/store/heap-growth';
import { ingestRun } from '../../../host/store/ingest';
import { linesSource } from '../../../host/store/source';
import { exampleHunt, generateLog } from './gen-log';
import { tempDir } from '../../db/helpers';

const hunt = exampleHunt();
let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir('hunt-heap-growth-');
});
afterAll(() => tmp.cleanup());

describe('heapGrowthFlag', () => {
  it('gives the replay factor unless the process was started with a growing factor of its own', () => {
    expect(REPLAY_HEAP_GROWING_PERCENT).toBe(100);
    expect(heapGrowthFlag([])).toBe('--heap-growing-percent=100');
    expect(heapGrowthFlag(['--max-old-space-size=512', '--import', 'tsx'])).toBe('--heap-growing-percent=100');
    expect(heapGrowthFlag(['--heap-growing-percent=30'])).toBeNull();
    expect(heapGrowthFlag(['--heap_growing_percent=30'])).toBeNull();
    expect(heapGrowthFlag(['--heap-growing-percent', '30'])).toBeNull();
  });
});

describe('a durable run sets the factor', () => {
  it('not for a simulation; for the first replay of the process, once', async () => {
    const lines = generateLog(hunt, { events: 300, participants: 12, seed: 3 });
    const file = join(tmp.dir, 'growth.db');
    await ingestRun({ db: file, hunt, kind: 'simulation', name: 'sim', workers: 1 }, lines);
    expect(setFlags).not.toHaveBeenCalled();
    await ingestRun({ db: file, hunt, kind: 'replay', name: 'replay 1', workers: 1 }, lines);
    expect(setFlags.mock.calls).toEqual([['--heap-growing-percent=100']]);
    await ingestRun({ db: file, hunt, kind: 'live', name: 'live', workers: 1 }, lines);
    expect(setFlags).toHaveBeenCalledTimes(1);
  });

  it('a resume sets it for a replay run, not for a simulation run', async () => {
    const lines = generateLog(hunt, { events: 3000, participants: 40, seed: 5 });
    const cut = async (kind: 'simulation' | 'replay') => {
      const ac = new AbortController();
      const file = join(tmp.dir, `resume-${kind}.db`);
      const out = await ingestRun(
        { db: file, hunt, kind, name: kind, workers: 1, batchSize: 100, signal: ac.signal, progressEveryMs: 0, onProgress: (p) => p.processed >= 1000 && ac.abort() },
        linesSource(lines),
      );
      expect(out.status).toBe('cancelled');
      return { file, runId: out.runId };
    };
    const sim = await cut('simulation');
    const replay = await cut('replay');
    // A fresh process, as far as the once-only setting knows.
    vi.resetModules();
    setFlags.mockClear();
    const { resumeRun } = await import('../../../host/store/resume');
    expect((await resumeRun(sim.file, sim.runId, { source: linesSource(lines) })).status).toBe('completed');
    expect(setFlags).not.toHaveBeenCalled();
    expect((await resumeRun(replay.file, replay.runId, { source: linesSource(lines) })).status).toBe('completed');
    expect(setFlags.mock.calls).toEqual([['--heap-growing-percent=100']]);
  });
});

