import { describe, expect, it } from 'vitest';
import { BoundedQueue, type IdlePolicy, type Next } from '../../../engine/flow/boundedQueue';

/** Lets every pending promise callback run. */
const settle = () => new Promise<void>((r) => setImmediate(r));

/** An idle policy the test fires by hand. */
function manualIdle(): IdlePolicy & { fire(): void; armed: number } {
  let pending: (() => void) | null = null;
  const policy = {
    armed: 0,
    arm(fire: () => void) {
      policy.armed++;
      pending = fire;
      return () => {
        if (pending === fire) pending = null;
      };
    },
    fire() {
      pending?.();
    },
  };
  return policy;
}

async function drain<T>(q: BoundedQueue<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of q) out.push(x);
  return out;
}

describe('BoundedQueue', () => {
  it('keeps order across producers blocked at capacity and items already queued', async () => {
    const q = new BoundedQueue<number>(2);
    const pushes = [1, 2, 3, 4, 5].map((n) => q.push(n));
    const drained = drain(q);
    expect(await Promise.all(pushes)).toEqual([true, true, true, true, true]);
    q.close();
    expect(await drained).toEqual([1, 2, 3, 4, 5]);
  });

  it('admits up to capacity, then makes producers wait in order until the consumer takes the next item', async () => {
    const q = new BoundedQueue<string>(2);
    const admitted: string[] = [];
    await q.push('a');
    await q.push('b');
    const c = q.push('c').then(() => admitted.push('c'));
    const d = q.push('d').then(() => admitted.push('d'));
    await settle();
    expect(admitted).toEqual([]);
    expect(q.inFlight).toBe(2);
    // Taking 'a' does not free its slot yet: the consumer is still working on it.
    expect(await q.next()).toEqual({ kind: 'item', item: 'a' });
    await settle();
    expect(admitted).toEqual([]);
    // Asking for the next item releases 'a': 'c' is admitted (and 'd' still waits).
    expect(await q.next()).toEqual({ kind: 'item', item: 'b' });
    await c;
    expect(admitted).toEqual(['c']);
    expect(await q.next()).toEqual({ kind: 'item', item: 'c' });
    await d;
    expect(admitted).toEqual(['c', 'd']);
    expect(q.peakInFlight).toBe(2);
  });

  it('tells a producer when there is room: once the consumer is done with what was pushed', async () => {
    const q = new BoundedQueue<string>(1);
    await q.room();
    await q.push('a');
    let roomy = false;
    const room = q.room().then(() => (roomy = true));
    expect(await q.next()).toEqual({ kind: 'item', item: 'a' });
    await settle();
    // Taken, but still being worked on: no room yet.
    expect(roomy).toBe(false);
    const waiting = q.next();
    await room;
    expect(roomy).toBe(true);
    q.close();
    expect(await waiting).toEqual({ kind: 'end' });
    const failed = new BoundedQueue<string>(1);
    await failed.push('x');
    const pending = failed.room();
    failed.fail(new Error('first'));
    await expect(pending).rejects.toThrow('first');
  });

  it('hands a waiting consumer the next item at once', async () => {
    const q = new BoundedQueue<number>(1);
    const waiting = q.next();
    await q.push(7);
    expect(await waiting).toEqual({ kind: 'item', item: 7 });
  });

  it('carries the first error: the second is ignored, producers and consumer see the first', async () => {
    const q = new BoundedQueue<number>(1);
    await q.push(1);
    const blocked = q.push(2);
    const first = new Error('stage failed');
    expect(q.fail(first)).toEqual([1, 2]);
    expect(q.fail(new Error('later failure'))).toEqual([]);
    await expect(blocked).rejects.toBe(first);
    await expect(q.push(3)).rejects.toBe(first);
    await expect(q.next()).rejects.toBe(first);
    expect(q.error).toBe(first);
  });

  it('rejects a consumer already waiting when the queue fails, and fails on a carried promise', async () => {
    const q = new BoundedQueue<Promise<number>>(4);
    const waiting = q.next();
    const failure = new Error('verdicts lost');
    const carried = Promise.reject(failure);
    q.failOn(carried);
    await expect(waiting).rejects.toBe(failure);
    await expect(q.push(Promise.resolve(1))).rejects.toBe(failure);
    await expect(carried).rejects.toBe(failure);
  });

  it('drains what was accepted after close, refuses later pushes, and releases blocked producers with false', async () => {
    const q = new BoundedQueue<number>(2);
    await q.push(1);
    await q.push(2);
    const blocked = q.push(3);
    q.close();
    expect(await blocked).toBe(false);
    expect(await q.push(4)).toBe(false);
    expect(await q.next()).toEqual({ kind: 'item', item: 1 });
    expect(await q.next()).toEqual({ kind: 'item', item: 2 });
    expect(await q.next()).toEqual({ kind: 'end' });
    expect(q.inFlight).toBe(0);
  });

  it('ends a consumer waiting on an empty queue when it is closed', async () => {
    const q = new BoundedQueue<number>(2);
    const waiting = q.next();
    q.close();
    expect(await waiting).toEqual({ kind: 'end' });
  });

  it('wakes a consumer waiting on an empty queue with idle when its policy fires, never while items wait', async () => {
    const idle = manualIdle();
    const q = new BoundedQueue<number>(2, idle);
    const first = q.next();
    expect(idle.armed).toBe(1);
    idle.fire();
    expect(await first).toEqual({ kind: 'idle' });
    // An item that arrives disarms the policy: a late fire changes nothing.
    const second = q.next();
    await q.push(5);
    idle.fire();
    expect(await second).toEqual({ kind: 'item', item: 5 });
    // With items queued the consumer gets them without arming the policy.
    await q.push(6);
    const armed = idle.armed;
    expect(await q.next()).toEqual({ kind: 'item', item: 6 });
    expect(idle.armed).toBe(armed);
    q.close();
    expect(await q.next()).toEqual({ kind: 'end' });
  });

  it('rejects a bad capacity and a second concurrent consumer', () => {
    expect(() => new BoundedQueue(0)).toThrow(/whole number ≥ 1/);
    expect(() => new BoundedQueue(1.5)).toThrow(/whole number ≥ 1/);
    const q = new BoundedQueue<number>(1);
    void q.next();
    expect(() => q.next()).toThrow(/called again/);
    q.close();
  });

  it('never has more than capacity in flight under a fast producer and a slow consumer', async () => {
    const q = new BoundedQueue<number>(3);
    const seen: number[] = [];
    const consumer = (async () => {
      for (;;) {
        const n: Next<number> = await q.next();
        if (n.kind !== 'item') return;
        expect(q.inFlight).toBeLessThanOrEqual(3);
        seen.push(n.item);
        await settle();
      }
    })();
    for (let i = 0; i < 50; i++) await q.push(i);
    q.close();
    await consumer;
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(q.peakInFlight).toBe(3);
  });
});
