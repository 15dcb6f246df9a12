// Server-pushed messages (api/contract.ts `Topics`) from the services to whichever
// transport is serving the studio: the web host's WebSocket or Electron's IPC.
// Progress is throttled here, once for both transports: a simulation can report
// thousands of times a second, the studio needs at most ten a second per run.
import type { RunProgress, Topics } from '../../api/contract';

export type TopicMessage = { [T in keyof Topics]: { topic: T; message: Topics[T] } }[keyof Topics];
export type BusListener = (m: TopicMessage) => void;

export type EventBus = {
  publish<T extends keyof Topics>(topic: T, message: Topics[T]): void;
  /** Every message on every topic; returns the unsubscribe function. */
  listen(listener: BusListener): () => void;
  close(): void;
};

/** Progress updates per run are delivered at most once per this many ms (≤ 10/s). */
export const PROGRESS_INTERVAL_MS = 100;

export function createEventBus(opts: { progressIntervalMs?: number } = {}): EventBus {
  const interval = opts.progressIntervalMs ?? PROGRESS_INTERVAL_MS;
  const listeners = new Set<BusListener>();
  // Per run: when its last progress went out, and the newest update held back since.
  const lastSent = new Map<string, number>();
  const pending = new Map<string, { progress: RunProgress; timer: ReturnType<typeof setTimeout> }>();

  function deliver(m: TopicMessage) {
    for (const l of [...listeners]) {
      try {
        l(m);
      } catch {
        // One broken transport must not stop the others.
      }
    }
  }

  function publishProgress(p: RunProgress) {
    const now = Date.now();
    const held = pending.get(p.runId);
    // A run that stopped (completed, cancelled, ...) always reports its final state at once.
    const final = p.status !== 'running';
    const since = now - (lastSent.get(p.runId) ?? -Infinity);
    if (final || since >= interval) {
      if (held) {
        clearTimeout(held.timer);
        pending.delete(p.runId);
      }
      lastSent.set(p.runId, now);
      if (final) lastSent.delete(p.runId);
      deliver({ topic: 'run.progress', message: p });
      return;
    }
    if (held) {
      held.progress = p; // keep only the newest; the timer is already set
      return;
    }
    const timer = setTimeout(() => {
      const entry = pending.get(p.runId);
      pending.delete(p.runId);
      if (!entry) return;
      lastSent.set(p.runId, Date.now());
      deliver({ topic: 'run.progress', message: entry.progress });
    }, interval - since);
    pending.set(p.runId, { progress: p, timer });
  }

  return {
    publish(topic, message) {
      if (topic === 'run.progress') publishProgress(message as RunProgress);
      else deliver({ topic, message } as TopicMessage);
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      for (const { timer } of pending.values()) clearTimeout(timer);
      pending.clear();
      listeners.clear();
    },
  };
}
