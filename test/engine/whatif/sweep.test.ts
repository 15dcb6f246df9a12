import { describe, expect, it } from 'vitest';
import { defaultProfiles } from '../../../engine/sim/presets';
import { parsePath, setHuntField, setProfileField } from '../../../engine/whatif/paths';
import { grid, parseVary, pointDesign, summarizePoint } from '../../../engine/whatif/sweep';
import { runInMemory } from '../../../engine/whatif/run-in-memory';
import { parkHunt } from '../sim/helpers';

const hunt = parkHunt();
const profiles = defaultProfiles();

describe('paths', () => {
  it('sets a hunt field by id or index, creating a missing last field, without touching the original', () => {
    const before = JSON.stringify(hunt);
    const h = setHuntField(hunt, parsePath('/locations/gate/radiusM'), 7);
    expect(h.locations!.find((l) => l.id === 'gate')!.radiusM).toBe(7);
    expect(setHuntField(hunt, parsePath('/steps/1/hints/0/penalty'), 3).steps[1].hints![0].penalty).toBe(3);
    expect(setHuntField(hunt, parsePath('/steps/plaque/timeLimitSec'), 60).steps.find((s) => s.id === 'plaque')!.timeLimitSec).toBe(60);
    expect(JSON.stringify(hunt)).toBe(before);
  });

  it('sets a profile field in one profile or in all', () => {
    const all = setProfileField(profiles, parsePath('profiles/*/walk/gpsNoiseM'), 15);
    expect(all.map((p) => p.walk.gpsNoiseM)).toEqual([15, 15, 15, 15]);
    const one = setProfileField(profiles, parsePath('profiles/casual/walk/speedMps'), 2);
    expect(one.map((p) => p.walk.speedMps)).toEqual([2, ...profiles.slice(1).map((p) => p.walk.speedMps)]);
    expect(profiles[0].walk.speedMps).not.toBe(2);
  });

  it('names the path and what is wrong with it', () => {
    expect(() => setHuntField(hunt, parsePath('/steps/nope/timeLimitSec'), 1)).toThrow('/steps/nope/timeLimitSec: /steps has no item with id "nope"');
    expect(() => setHuntField(hunt, parsePath('/steps/riddle/prompt'), 1)).toThrow('/steps/riddle/prompt: /steps/riddle/prompt is not a number');
    expect(() => setHuntField(hunt, parsePath('/steps/riddle/x/y'), 1)).toThrow('/steps/riddle/x does not exist');
    expect(() => parsePath('steps/riddle')).toThrow(/starts with \//);
    expect(() => setProfileField(profiles, parsePath('profiles/nobody/walk/speedMps'), 1)).toThrow('has no item with name "nobody"');
  });
});

describe('parseVary and grid', () => {
  it('makes the values of a range from their index, free of float noise', () => {
    expect(parseVary('/locations/gate/radiusM=5..30:5').values).toEqual([5, 10, 15, 20, 25, 30]);
    expect(parseVary('profiles/*/walk/speedMps=0.1..0.5:0.1').values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(parseVary('/x=1..2:5').values).toEqual([1]);
    expect(() => parseVary('/x=5..1:1')).toThrow(/FROM/);
    expect(() => parseVary('/x=1..5:0')).toThrow(/STEP/);
    expect(() => parseVary('/x=1-5')).toThrow(/FROM\.\.TO:STEP/);
  });

  it('lists every combination, the first axis slowest', () => {
    const g = grid([parseVary('/a=1..2:1'), parseVary('/b=10..30:10')]);
    expect(g.map((p) => p.values)).toEqual([[1, 10], [1, 20], [1, 30], [2, 10], [2, 20], [2, 30]]);
    expect(() => grid([parseVary('/a=1..2:1'), parseVary('/b=1..2:1'), parseVary('/c=1..2:1')])).toThrow(/one or two/);
    expect(() => grid([parseVary('/a=1..200:1'), parseVary('/b=1..200:1')])).toThrow(/at most/);
  });
});

describe('pointDesign', () => {
  it('reports a point that makes the hunt or a profile invalid, naming the path', () => {
    const radius = [parseVary('/locations/gate/radiusM=0..10:10')];
    const bad = pointDesign(hunt, profiles, radius, [0]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem).toMatch(/^\/locations\/gate\/radiusM = 0 makes the hunt invalid: \/locations\/0\/radiusM/);
    expect(pointDesign(hunt, profiles, radius, [10]).ok).toBe(true);
    const penalty = pointDesign(hunt, profiles, [parseVary('/steps/riddle/hints/0/penalty=0..1:0.5')], [0.5]);
    expect(penalty.ok).toBe(false);
    const solve = pointDesign(hunt, profiles, [parseVary('profiles/*/solve/answer=0..2:1')], [2]);
    expect(solve.ok).toBe(false);
    if (!solve.ok) expect(solve.problem).toContain('profiles/*/solve/answer = 2 makes profile "casual" invalid: /profiles/0/solve/answer');
  });

  it('summarises a point: a figure moves the way the parameter pushes it', () => {
    const axes = [parseVary('profiles/*/walk/speedMps=0.5..3:2.5')];
    const at = (speed: number) => {
      const d = pointDesign(hunt, profiles, axes, [speed]);
      if (!d.ok) throw new Error(d.problem);
      const outcomes = [1, 2, 3].map((seed) => runInMemory(d.hunt, { participants: 80, seed, profiles: d.profiles }));
      const r = summarizePoint({ index: 0, values: [speed] }, outcomes, { seed: 1 });
      if (!r.ok) throw new Error('not ok');
      return r.metrics.find((m) => m.key === 'finishTime.p50')!;
    };
    const slow = at(0.5);
    const fast = at(3);
    expect(fast.mean!).toBeLessThan(slow.mean!);
    expect(fast.ci!.hi).toBeLessThan(slow.ci!.lo);
  });
});
