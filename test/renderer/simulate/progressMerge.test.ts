import { describe, expect, it } from 'vitest';
import type { RunProgress } from '../../../api/contract';
import { mergeProgress } from '../../../renderer/simulate/progressMerge';

const progress = (over: Partial<RunProgress>): RunProgress => ({
  runId: '1',
  status: 'running',
  processed: 0,
  total: null,
  virtualTime: 0,
  eventsPerSec: 0,
  active: 10,
  finished: 0,
  timedOut: 0,
  quit: 0,
  ...over,
});

describe('mergeProgress', () => {
  it('keeps the newer counts when a control reply arrives after a pushed message, but takes its status', () => {
    const pushed = progress({ processed: 41, virtualTime: 120, finished: 2, status: 'paused' });
    const lateReply = progress({ processed: 40, virtualTime: 118, status: 'paused' });
    expect(mergeProgress(pushed, lateReply)).toEqual(pushed);
    const cancelled = progress({ processed: 40, status: 'cancelled' });
    expect(mergeProgress(pushed, cancelled)).toEqual({ ...pushed, status: 'cancelled' });
  });

  it('takes any message with as many or more events, and anything from another run', () => {
    const prev = progress({ processed: 41 });
    const next = progress({ processed: 42, virtualTime: 130 });
    expect(mergeProgress(prev, next)).toBe(next);
    const other = progress({ runId: '2', processed: 3 });
    expect(mergeProgress(prev, other)).toBe(other);
    expect(mergeProgress(null, other)).toBe(other);
  });
});
