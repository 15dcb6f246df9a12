import { describe, expect, it } from 'vitest';
import type { Hunt } from '../../../engine/hunt/schema';
import { defaultProfiles } from '../../../engine/sim/presets';
import { compareRuns, type Comparison } from '../../../engine/whatif/compare';
import { runInMemory, type RunOutcome } from '../../../engine/whatif/run-in-memory';
import { parkHunt } from '../sim/helpers';

const hunt = parkHunt();
const profiles = defaultProfiles();

function runs(h: Hunt, k: number, participants = 150, seed = 1): RunOutcome[] {
  return Array.from({ length: k }, (_, i) => runInMemory(h, { participants, seed: seed + i, profiles }));
}

/** The riddle allows one attempt only: most participants fail it. */
function harderRiddle(): Hunt {
  const h = structuredClone(hunt);
  const riddle = h.steps.find((s) => s.id === 'riddle')!;
  if (riddle.kind !== 'answer') throw new Error('fixture changed');
  riddle.maxAttempts = 1;
  return h;
}

const metric = (c: Comparison, key: string) => c.metrics.find((m) => m.key === key)!;

describe('compareRuns', () => {
  it('finds no difference between a design and itself: every difference and interval is zero, no verdict', () => {
    const a = runs(hunt, 6);
    const c = compareRuns(a, runs(hunt, 6), { seed: 1 });
    expect(c.metrics.length).toBeGreaterThan(20);
    for (const m of c.metrics) {
      expect(m.verdict).toBeNull();
      if (m.diff !== null) expect(m.diff).toBe(0);
      if (m.ci !== null) expect(m.ci).toEqual({ lo: 0, hi: 0 });
    }
    expect(c.distributions.score.a).toEqual(c.distributions.score.b);
  });

  it('finds a planted difference with the right sign: a riddle made far harder fails more and scores less', () => {
    const c = compareRuns(runs(hunt, 8), runs(harderRiddle(), 8), { seed: 1 });
    const failed = metric(c, 'step/riddle/failed');
    expect(failed.verdict).toBe('higher');
    expect(failed.ci!.lo).toBeGreaterThan(0);
    expect(metric(c, 'score.p50').verdict).toBe('lower');
    expect(metric(c, 'hintsPerParticipant').verdict).toBe('lower'); // fewer tries, fewer hints
    // Everyone reaches the first step in both designs: the same participants play both.
    expect(metric(c, 'step/gate/reached').diff).toBe(0);
  });

  it('narrows its intervals as the number of runs grows', () => {
    const few = compareRuns(runs(hunt, 3, 100), runs(harderRiddle(), 3, 100), { seed: 1 });
    const many = compareRuns(runs(hunt, 24, 100), runs(harderRiddle(), 24, 100), { seed: 1 });
    const width = (c: Comparison, key: string) => metric(c, key).ci!.hi - metric(c, key).ci!.lo;
    for (const key of ['step/riddle/failed', 'finishRate', 'score.p50']) expect(width(many, key)).toBeLessThan(width(few, key));
  });

  it('is reproducible from the seed and pairs runs by seed', () => {
    const a = runs(hunt, 4);
    const b = runs(harderRiddle(), 4);
    expect(compareRuns(a, b, { seed: 5 })).toEqual(compareRuns(a, b, { seed: 5 }));
    expect(() => compareRuns(a, runs(harderRiddle(), 4, 150, 2), { seed: 5 })).toThrow(/seed/);
    expect(compareRuns(a, b, { seed: 5 }).seeds).toEqual([1, 2, 3, 4]);
  });

  it('gives no interval from a single run pair', () => {
    const c = compareRuns(runs(hunt, 1), runs(harderRiddle(), 1), { seed: 1 });
    expect(metric(c, 'finishRate').ci).toBeNull();
    expect(metric(c, 'finishRate').verdict).toBeNull();
  });

  it('compares only the steps both designs have, and lists the others', () => {
    const b = structuredClone(hunt);
    b.steps = b.steps.filter((s) => s.id !== 'plaque');
    b.steps.find((s) => s.id === 'pond')!.requires = ['riddle'];
    const c = compareRuns(runs(hunt, 2), runs(b, 2), { seed: 1 });
    expect(c.stepsOnlyInA).toEqual(['plaque']);
    expect(c.stepsOnlyInB).toEqual([]);
    expect(c.metrics.some((m) => m.step === 'plaque')).toBe(false);
  });
});
