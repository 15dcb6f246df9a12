import { describe, expect, it } from 'vitest';
import { appendProgress, emptySeries, halve } from '../../../renderer/simulate/series';
import type { RunProgress } from '../../../api/contract';

const p = (virtualTime: number, active: number, finished: number): RunProgress => ({
  runId: 'r', status: 'running', processed: 0, total: null, virtualTime, eventsPerSec: 100, active, finished, timedOut: 1, quit: 0,
});

describe('live chart series', () => {
  it('appends samples; finished counts everyone who is done', () => {
    let s = emptySeries();
    s = appendProgress(s, p(0, 10, 0));
    s = appendProgress(s, p(5, 8, 2));
    expect(s).toEqual({ t: [0, 5], throughput: [100, 100], active: [10, 8], finished: [1, 3] });
  });
  it('replaces a sample at the same time and ignores one from the past', () => {
    let s = appendProgress(appendProgress(emptySeries(), p(5, 8, 2)), p(5, 7, 3));
    expect(s.active).toEqual([7]);
    s = appendProgress(s, p(1, 1, 1));
    expect(s.t).toEqual([5]);
  });
  it('stays bounded and keeps the newest point', () => {
    let s = emptySeries();
    for (let i = 0; i < 5000; i++) s = appendProgress(s, p(i, i, 0), 100);
    expect(s.t.length).toBeLessThanOrEqual(100);
    expect(s.t[s.t.length - 1]).toBe(4999);
    expect(halve({ t: [1, 2, 3], throughput: [1, 2, 3], active: [1, 2, 3], finished: [1, 2, 3] }).t).toEqual([1, 3]);
  });
});
