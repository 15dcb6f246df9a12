// The bootstrap picks its interval's ends by selection, not by sorting every resample's
// means: the figures must be the ones a sort gives, to the digit.
import { describe, expect, it } from 'vitest';
import { PairResamples, selectQuantile } from '../../../engine/whatif/bootstrap';
import { quantile } from '../../../engine/analytics/stats';
import { seededUniform } from '../../../engine/sim/random';

describe('bootstrap intervals', () => {
  it('select the same quantiles a sort gives, ties and all', () => {
    const u = seededUniform(5);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(u() * 300);
      // Some trials draw from few distinct values (resample means often tie).
      const distinct = trial % 3 === 0 ? 1 + Math.floor(u() * 4) : 0;
      const values = Float64Array.from({ length: n }, () => (distinct ? Math.floor(u() * distinct) / 7 : u() * 200 - 100));
      for (const q of [0, 0.025, 0.1, 0.5, 0.9, 0.975, 1]) {
        const sorted = values.slice().sort();
        expect(selectQuantile(values.slice(), q), `n ${n}, q ${q}`).toBe(quantile(sorted, q));
      }
    }
  });

  it("give a sort's interval over the resampled means, with values missing in some runs", () => {
    const u = seededUniform(11);
    for (const runs of [2, 5, 20]) {
      const resamples = new PairResamples(runs, { seed: runs, resamples: 500 });
      for (let trial = 0; trial < 40; trial++) {
        const diffs = Array.from({ length: runs }, (_, j) => (trial % 4 === 1 && j % 3 === 0 ? null : trial % 5 === 0 ? 0.25 : Math.round((u() - 0.5) * 1e6) / 1e3));
        // The reference: every resample's mean (pairs without a value left out), sorted.
        const means: number[] = [];
        const picked = resamples.picks;
        for (let r = 0; r < 500; r++) {
          let sum = 0;
          let count = 0;
          for (let j = 0; j < runs; j++) {
            const d = diffs[picked[r * runs + j]];
            if (d === null) continue;
            sum += d;
            count++;
          }
          if (count > 0) means.push(sum / count);
        }
        const sorted = Float64Array.from(means).sort();
        const present = diffs.filter((d) => d !== null).length;
        const expected = present < 2 ? null : { lo: quantile(sorted, 0.025), hi: quantile(sorted, 0.975) };
        expect(resamples.meanInterval(diffs), `runs ${runs}, trial ${trial}`).toEqual(expected);
      }
    }
  });
});
