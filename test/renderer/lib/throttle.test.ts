import { describe, expect, it } from 'vitest';
import { throttle, type Scheduler } from '../../../renderer/lib/throttle';

function fakeClock() {
  let now = 0;
  const timers: { at: number; f: () => void; id: number }[] = [];
  let nextId = 1;
  const scheduler: Scheduler = {
    now: () => now,
    setTimeout: (f, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, f, id });
      return id;
    },
    clearTimeout: (h) => {
      const i = timers.findIndex((t) => t.id === h);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const t = timers[0];
      if (!t || t.at > end) break;
      timers.shift();
      now = t.at;
      t.f();
    }
    now = end;
  };
  return { scheduler, advance };
}

describe('throttle', () => {
  it('delivers at most once per interval and always the latest value', () => {
    const { scheduler, advance } = fakeClock();
    const got: number[] = [];
    const th = throttle<number>((v) => got.push(v), 100, scheduler);
    for (let i = 0; i < 1000; i++) {
      th.push(i);
      advance(1); // 1000 messages over one second
    }
    advance(200);
    expect(got.length).toBeLessThanOrEqual(11);
    expect(got.length).toBeGreaterThanOrEqual(9);
    expect(got[got.length - 1]).toBe(999);
    expect(got[0]).toBe(0);
  });

  it('flush delivers the pending value now; cancel drops it', () => {
    const { scheduler, advance } = fakeClock();
    const got: string[] = [];
    const th = throttle<string>((v) => got.push(v), 100, scheduler);
    th.push('a');
    th.push('b');
    th.flush();
    expect(got).toEqual(['a', 'b']);
    th.push('c');
    th.cancel();
    advance(500);
    expect(got).toEqual(['a', 'b']);
  });
});
