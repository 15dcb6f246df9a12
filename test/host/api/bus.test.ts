import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunProgress } from '../../../api/contract';
import { createEventBus, type TopicMessage } from '../../../host/api/bus';

const progress = (runId: string, processed: number, status: RunProgress['status'] = 'running'): RunProgress => ({
  runId, status, processed, total: null, virtualTime: processed, eventsPerSec: 0, active: 0, finished: 0, timedOut: 0, quit: 0,
});

describe('event bus', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends each run at most 10 progress updates a second, always the newest, and the final state at once', () => {
    const bus = createEventBus();
    const got: TopicMessage[] = [];
    bus.listen((m) => got.push(m));
    // 1,000 updates over one second for one run.
    for (let i = 1; i <= 1000; i++) {
      bus.publish('run.progress', progress('a', i));
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(200);
    const sent = got.map((m) => (m.message as RunProgress).processed);
    expect(sent.length).toBeGreaterThanOrEqual(9);
    expect(sent.length).toBeLessThanOrEqual(11);
    expect(sent.at(-1)).toBe(1000);
    expect([...sent].sort((x, y) => x - y)).toEqual(sent);
    got.length = 0;
    bus.publish('run.progress', progress('a', 1001));
    bus.publish('run.progress', progress('a', 1002, 'completed'));
    expect(got.map((m) => (m.message as RunProgress).status)).toContain('completed');
    vi.advanceTimersByTime(500);
    // The held-back update is dropped: nothing arrives after the final state.
    expect((got.at(-1)!.message as RunProgress).status).toBe('completed');
  });

  it('throttles runs independently and passes other topics straight through', () => {
    const bus = createEventBus();
    const got: TopicMessage[] = [];
    bus.listen((m) => got.push(m));
    bus.publish('run.progress', progress('a', 1));
    bus.publish('run.progress', progress('b', 1));
    bus.publish('runs.changed', { runId: 'a' });
    bus.publish('runs.changed', { runId: 'a' });
    expect(got).toHaveLength(4);
  });

  it('keeps delivering when one listener throws, and stops after unsubscribe', () => {
    const bus = createEventBus();
    const got: string[] = [];
    bus.listen(() => {
      throw new Error('broken transport');
    });
    const off = bus.listen((m) => got.push(m.topic));
    bus.publish('runs.changed', { runId: 'x' });
    off();
    bus.publish('runs.changed', { runId: 'y' });
    expect(got).toEqual(['runs.changed']);
  });
});
