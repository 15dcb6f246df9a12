import { describe, expect, it } from 'vitest';
import { defaultProfiles } from '../../../engine/sim/presets';
import { compareDesigns } from '../../../host/whatif/compare';
import { runTasks } from '../../../host/whatif/pool';
import { parkHunt } from '../../engine/sim/helpers';

const a = parkHunt();
const b = structuredClone(a);
b.steps.find((s) => s.id === 'riddle')!.timeLimitSec = 120;
const common = { a, b, profiles: defaultProfiles(), participants: 120, runs: 4, seed: 9 };

describe('compareDesigns', () => {
  it('gives identical results with one worker and with two', async () => {
    const one = await compareDesigns({ ...common, workers: 1 });
    const two = await compareDesigns({ ...common, workers: 2 });
    expect(two).toEqual(one);
    expect(one.metrics.find((m) => m.key === 'step/riddle/failed')!.verdict).toBe('higher');
  });

  it('reports progress up to the end and stops when cancelled', async () => {
    const seen: number[] = [];
    await compareDesigns({ ...common, workers: 2, onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1] - 1e-9)).toBe(true);

    const controller = new AbortController();
    const big = compareDesigns({ ...common, participants: 20_000, runs: 20, signal: controller.signal, onProgress: () => controller.abort(new Error('cancelled')) });
    await expect(big).rejects.toThrow('cancelled');
  });

  it('names the design whose hunt is not valid, and a profile step it lacks', async () => {
    await expect(compareDesigns({ ...common, b: { ...b, steps: [] } })).rejects.toThrow(/not valid/);
    const profiles = defaultProfiles().map((p) => ({ ...p, solveByStep: { plaque: 0.5 } }));
    const noPlaque = structuredClone(a);
    noPlaque.steps = noPlaque.steps.filter((s) => s.id !== 'plaque');
    noPlaque.steps.find((s) => s.id === 'pond')!.requires = ['riddle'];
    await expect(compareDesigns({ ...common, b: noPlaque, profiles })).rejects.toThrow(/design B.*plaque/);
  });

  it('runs no worker for no tasks', async () => {
    expect(await runTasks([])).toEqual([]);
  });
});
