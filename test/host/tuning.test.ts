import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';

// The V8 flag is process-wide: record the calls instead of changing the test process's heap.
const setFlags = vi.hoisted(() => vi.fn());
vi.mock('node:v8', async (original) => ({ ...(await original<typeof import('node:v8')>()), setFlagsFromString: setFlags }));

import { heapGrowthFlag, REPLAY_HEAP_GROWING_PERCENT, REPLAY_YOUNG_GENERATION_MB } from '../../host/tuning';
import { ingestRun } from '../../host/store/ingest';
import { linesSource } from '../../host/store/source';
import { exampleHunt, generateLog } from './store/gen-log';
import { tempDir } from '../db/helpers';

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
    const { resumeRun } = await import('../../host/store/resume');
    expect((await resumeRun(sim.file, sim.runId, { source: linesSource(lines) })).status).toBe('completed');
    expect(setFlags).not.toHaveBeenCalled();
    expect((await resumeRun(replay.file, replay.runId, { source: linesSource(lines) })).status).toBe('completed');
    expect(setFlags.mock.calls).toEqual([['--heap-growing-percent=100']]);
  });
});


describe('tuningProfile', () => {
  it('gives a replay latency-sized flow and the heap growing factor, a simulation larger batches, tighter heaps and, when large, a process of its own', async () => {
    const { tuningProfile, OWN_PROCESS_FROM, pipelineHeapMb, simulationShardHeapMb, generatorHeapMb, simulationProcessFlags, SIMULATION_PROCESS_ENV } = await import('../../host/tuning');
    const replay = tuningProfile({ kind: 'replay', participants: null, steps: 20, cores: 2 });
    expect(replay.flow).toEqual({ batchSize: 250, maxInFlightBatches: 2, maxOutputBacklog: 2, maxWriterInFlight: 4, flushEachItem: false, readAheadItems: 2, batchesAheadOfRuntime: 1, checkpointsWaiting: 2 });
    expect(replay.runFlags).toEqual(['--heap-growing-percent=100']);
    expect(replay.heap.shardMb).toBeNull();
    expect(replay.heap.shardYoungMb).toBe(REPLAY_YOUNG_GENERATION_MB);
    expect(replay.ownProcess).toBe(false);
    const live = tuningProfile({ kind: 'live', participants: null, steps: 20, cores: 2 });
    expect(live.flow).toEqual({ batchSize: 128, maxInFlightBatches: 4, maxOutputBacklog: 4, maxWriterInFlight: 8, flushEachItem: true, readAheadItems: 2, batchesAheadOfRuntime: 1, checkpointsWaiting: 2 });
    expect(live.runFlags).toEqual(replay.runFlags);
    expect(live.heap.shardYoungMb).toBe(REPLAY_YOUNG_GENERATION_MB);

    const small = tuningProfile({ kind: 'simulation', participants: 10_000, steps: 20, cores: 2 });
    expect(small.flow).toEqual({ batchSize: 2000, maxInFlightBatches: 4, maxOutputBacklog: 4, maxWriterInFlight: 4, flushEachItem: false, readAheadItems: 2, batchesAheadOfRuntime: 1, checkpointsWaiting: 2 });
    expect(small.runFlags).toEqual([]);
    expect(small.ownProcess).toBe(false);
    expect(small.startFlags).toEqual([]);
    expect(small.heap).toMatchObject({ pipelineMb: pipelineHeapMb(10_000), pipelineYoungMb: null, shardMb: simulationShardHeapMb(10_000, 2, 20), shardYoungMb: 16, generatorMb: generatorHeapMb(10_000, 20) });

    const big = tuningProfile({ kind: 'simulation', participants: OWN_PROCESS_FROM, steps: 20, cores: 2, workers: 1 });
    expect(big.ownProcess).toBe(true);
    expect(big.startFlags).toEqual(simulationProcessFlags(2));
    expect(big.env).toEqual(SIMULATION_PROCESS_ENV);
    expect(big.heap.shardMb).toBe(simulationShardHeapMb(OWN_PROCESS_FROM, 1, 20));
    expect(big.heap.pipelineYoungMb).toBe(24);
  });

  it('gives the pipeline its structural queue sizes from the profile, the same for every run kind', async () => {
    const { tuningProfile } = await import('../../host/tuning');
    const { pipelineOptions } = await import('../../host/store/ingest');
    const kinds = ['replay', 'live', 'simulation'] as const;
    for (const kind of kinds) {
      for (const participants of [null, 100_000]) {
        const profile = tuningProfile({ kind, participants, steps: 20, cores: 2 });
        expect(profile.flow).toMatchObject({ readAheadItems: 2, batchesAheadOfRuntime: 1, checkpointsWaiting: 2 });
        // What the pipeline is given is the profile's, not a value of its own.
        const opts = pipelineOptions({}, { ...profile, flow: { ...profile.flow, readAheadItems: 5, batchesAheadOfRuntime: 3, checkpointsWaiting: 7 } }, 100, 1000);
        expect(opts).toMatchObject({ readAheadItems: 5, batchesAheadOfRuntime: 3, checkpointsWaiting: 7 });
      }
    }
  });

  it('sizes a replay shard from one per-participant estimate: at 20 steps the cap the runtime sized replays with', async () => {
    const { tuningProfile, participantKb } = await import('../../host/tuning');
    const { defaultOldGenerationMb } = await import('../../engine/runtime/shardedRuntime');
    for (const n of [10_000, 100_000]) {
      const cap = tuningProfile({ kind: 'replay', participants: n, steps: 20, cores: 2 }).heap.shardMb!;
      expect(Math.abs(cap - defaultOldGenerationMb(n / 2, 20)!)).toBeLessThanOrEqual(1);
    }
    // The simulation's cap is the same estimate with no headroom (its generator shares the budget).
    const sim = tuningProfile({ kind: 'simulation', participants: 100_000, steps: 20, cores: 2 }).heap.shardMb!;
    expect(sim).toBe(64 + Math.ceil((50_000 * participantKb(20)) / 1024));
  });
});
