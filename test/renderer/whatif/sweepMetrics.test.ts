import { describe, expect, it } from 'vitest';
import type { PointResult } from '../../../api/whatIf';
import { parseVary } from '../../../engine/whatif/sweep';
import { axisValues, pointValue, sweepMetrics } from '../../../renderer/whatif/sweepMetrics';

const point: PointResult = {
  index: 0,
  values: [10],
  ok: true,
  runs: 2,
  metrics: [
    { key: 'finishRate', label: 'finish rate', unit: 'share', mean: 0.8, ci: { lo: 0.7, hi: 0.9 } },
    { key: 'step/gate/solved', label: 'gate: solved', unit: 'share', step: 'gate', mean: 0.75, ci: { lo: 0.6, hi: 0.85 } },
  ],
};

describe('sweep figures in the studio', () => {
  it('lays out the same values as the host computes', () => {
    for (const [from, to, step] of [
      [0, 10, 1],
      [5, 50, 5],
      [0.1, 0.9, 0.1],
      [-3, 3, 0.5],
      [0, 7, 2],
    ]) {
      expect(axisValues({ from, to, step })).toEqual(parseVary(`/x=${from}..${to}:${step}`).values);
    }
  });

  it('offers every figure of a point and, per step, the share who never solved it (1 − solved, interval flipped)', () => {
    expect(sweepMetrics([point]).map((m) => m.key)).toEqual(['finishRate', 'step/gate/solved', 'never/gate']);
    expect(pointValue(point, 'never/gate')).toEqual({ mean: 0.25, lo: 1 - 0.85, hi: 1 - 0.6 });
    expect(pointValue(point, 'finishRate')).toEqual({ mean: 0.8, lo: 0.7, hi: 0.9 });
    expect(pointValue({ index: 1, values: [0], ok: false, problem: 'x' }, 'finishRate')).toBeNull();
    expect(pointValue(undefined, 'finishRate')).toBeNull();
  });
});
