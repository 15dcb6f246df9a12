import { describe, expect, it } from 'vitest';
import { BoundedQueue } from '../../../../engine/flow/boundedQueue';
import { readStage, type LineItem } from '../../../../host/store/stages/read';

async function drain<T>(q: BoundedQueue<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of q) out.push(x);
  return out;
}

describe('read stage', () => {
  it("hands the source's items on in order (single lines and chunks as they come), then closes its queue", async () => {
    async function* source(): AsyncGenerator<LineItem> {
      yield 'a';
      yield ['b', 'c'];
      yield 'd';
    }
    const q = new BoundedQueue<LineItem>(1);
    const [, items] = await Promise.all([readStage(source(), q), drain(q)]);
    expect(items).toEqual(['a', ['b', 'c'], 'd']);
    expect(q.isClosed).toBe(true);
  });

  it('is held back by a consumer that does not take (backpressure): it reads only what the queue holds', async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<LineItem> {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield String(i);
      }
    }
    const q = new BoundedQueue<LineItem>(2);
    const reading = readStage(source(), q);
    await new Promise((r) => setImmediate(r));
    // Two accepted, the third waits in push: no more is read.
    expect(pulled).toBe(3);
    expect(q.queued).toBe(2);
    q.close();
    await reading;
  });

  it('stops and closes the source when its consumer closes the queue (a cancelled run)', async () => {
    let closed = false;
    let pulled = 0;
    async function* source(): AsyncGenerator<LineItem> {
      try {
        for (let i = 0; ; i++) {
          pulled++;
          yield String(i);
        }
      } finally {
        closed = true;
      }
    }
    const q = new BoundedQueue<LineItem>(1);
    const reading = readStage(source(), q);
    expect(await q.next()).toEqual({ kind: 'item', item: '0' });
    q.close();
    await reading;
    expect(closed).toBe(true);
    expect(pulled).toBeLessThan(5);
  });

  it("fails with the source's error", async () => {
    async function* source(): AsyncGenerator<LineItem> {
      yield 'a';
      throw new Error('disk gone');
    }
    const q = new BoundedQueue<LineItem>(4);
    await expect(readStage(source(), q)).rejects.toThrow('disk gone');
  });
});
