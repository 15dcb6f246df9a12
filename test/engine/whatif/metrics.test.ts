import { describe, expect, it } from 'vitest';
import { runMetrics } from '../../../engine/whatif/metrics';
import { fairHunt, parkHunt, profile, runSim } from '../sim/helpers';

describe('runMetrics', () => {
  it('hunt/2 runs add bonus uptake and judging waits, which follow the profile knobs; hunt/1 runs do not have them', () => {
    const metrics = (bonus: number, median: number) =>
      runMetrics(runSim(fairHunt(), { participants: 40, seed: 2, profiles: [profile({ name: 'p', bonus, judging: { delaySec: { median, spread: 0.2 } } })] }).recorder.summary()).values;
    const low = metrics(0, 60);
    const high = metrics(1, 600);
    expect(low.get('bonus.share')).toBe(0);
    expect(high.get('bonus.share')).toBeGreaterThan(0.5);
    expect(high.get('judging.waitSec.p50')!).toBeGreaterThan(low.get('judging.waitSec.p50')! * 5);
    const v1 = runMetrics(runSim(parkHunt(), { participants: 10, seed: 2, profiles: [profile({ name: 'p' })] }).recorder.summary());
    expect(v1.info.some((m) => m.key.startsWith('bonus') || m.key.startsWith('judging'))).toBe(false);
  });
});
