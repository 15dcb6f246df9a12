import { describe, expect, it } from 'vitest';
import { defaultProfiles } from '../../../engine/sim/presets';
import { parseVary, type PointResult } from '../../../engine/whatif/sweep';
import { runSweep } from '../../../host/whatif/sweep';
import { parkHunt } from '../../engine/sim/helpers';

const common = {
  hunt: parkHunt(),
  profiles: defaultProfiles(),
  axes: [parseVary('/locations/gate/radiusM=0..20:10'), parseVary('profiles/*/walk/gpsNoiseM=0..10:10')],
  participants: 60,
  runs: 2,
  seed: 4,
};

describe('runSweep', () => {
  it('streams every point once, invalid ones with their reason, and gives the same sweep for one worker or two', async () => {
    const streamed: PointResult[] = [];
    const one = await runSweep({ ...common, workers: 1, onPoint: (p) => streamed.push(p) });
    const two = await runSweep({ ...common, workers: 2 });
    expect(two).toEqual(one);
    expect(streamed.map((p) => p.index).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(one.points.filter((p) => !p.ok).map((p) => p.values)).toEqual([[0, 0], [0, 10]]);
    expect(one.points[2]).toMatchObject({ ok: true, runs: 2, values: [10, 0] });
    expect(one.seeds).toEqual([4, 5]);
  });
});
