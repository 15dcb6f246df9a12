// A comparison or a sweep runs without the by-profile summaries: the whole run's
// figures, scores and finish times must be the ones a full run gives.
import { describe, expect, it } from 'vitest';
import { defaultProfiles } from '../../../engine/sim/presets';
import { runInMemory } from '../../../engine/whatif/run-in-memory';
import { runMetrics } from '../../../engine/whatif/metrics';
import { parkHunt } from '../sim/helpers';

describe('runInMemory', () => {
  it('without by-profile summaries gives the same run summary, metrics and outcomes', () => {
    const settings = { participants: 300, seed: 4, profiles: defaultProfiles() };
    const full = runInMemory(parkHunt(), settings);
    const lean = runInMemory(parkHunt(), settings, { byProfile: false });
    expect(full.summary.byProfile.map((p) => p.profile)).toEqual(['casual', 'competitive', 'families', 'speedrunners']);
    expect(lean.summary.byProfile).toEqual([]);
    expect({ ...lean.summary, byProfile: undefined }).toEqual({ ...full.summary, byProfile: undefined });
    expect([...runMetrics(lean.summary).values]).toEqual([...runMetrics(full.summary).values]);
    expect(lean.scores).toEqual(full.scores);
    expect(lean.finishTimes).toEqual(full.finishTimes);
    expect(lean.events).toBe(full.events);
  });
});
