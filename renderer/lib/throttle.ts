// Coalesces a fast stream of messages (run progress can arrive thousands of times
// a second) into at most one delivery per interval, always ending with the latest.

export type Throttle<T> = { push(value: T): void; flush(): void; cancel(): void };

export type Scheduler = { now(): number; setTimeout(f: () => void, ms: number): unknown; clearTimeout(h: unknown): void };

const realScheduler: Scheduler = {
  now: () => performance.now(),
  setTimeout: (f, ms) => setTimeout(f, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export function throttle<T>(deliver: (value: T) => void, intervalMs: number, scheduler: Scheduler = realScheduler): Throttle<T> {
  let pending: { value: T } | null = null;
  let lastAt = -Infinity;
  let timer: unknown = null;
  const fire = () => {
    timer = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    lastAt = scheduler.now();
    deliver(value);
  };
  return {
    push(value) {
      pending = { value };
      if (timer !== null) return;
      const wait = Math.max(0, lastAt + intervalMs - scheduler.now());
      if (wait === 0) fire();
      else timer = scheduler.setTimeout(fire, wait);
    },
    flush() {
      if (timer !== null) scheduler.clearTimeout(timer);
      fire();
    },
    cancel() {
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
