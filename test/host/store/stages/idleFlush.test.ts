import { describe, expect, it } from 'vitest';
import { BoundedQueue } from '../../../../engine/flow/boundedQueue';
import { idleFlush } from '../../../../host/store/stages/idleFlush';

describe('idleFlush (the stall flush as the queue idle policy)', () => {
  it('wakes a consumer that waited the given time for its source, and not one that got an item sooner', async () => {
    const q = new BoundedQueue<string>(2, idleFlush(50));
    const started = performance.now();
    expect(await q.next()).toEqual({ kind: 'idle' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    const waiting = q.next();
    await q.push('line');
    expect(await waiting).toEqual({ kind: 'item', item: 'line' });
    // The timer of the wait that got its item was cleared: the next wait is a fresh one.
    const again = q.next();
    q.close();
    expect(await again).toEqual({ kind: 'end' });
  });
});
