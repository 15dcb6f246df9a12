import { describe, expect, it } from 'vitest';
import { latest } from '../../../renderer/debugger/latest';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('latest request wins', () => {
  it('runs at most one request at a time and skips the stale ones', async () => {
    const started: number[] = [];
    const delivered: number[] = [];
    const resolvers: (() => void)[] = [];
    const l = latest<number, number>(
      (n) => {
        started.push(n);
        return new Promise((res) => resolvers.push(() => res(n * 10)));
      },
      (r) => delivered.push(r),
      () => {},
    );
    l.request(1);
    l.request(2);
    l.request(3);
    l.request(4);
    expect(started).toEqual([1]);
    resolvers.shift()!();
    await tick();
    expect(delivered).toEqual([]); // 1's answer is stale: 4 was asked meanwhile
    expect(started).toEqual([1, 4]);
    resolvers.shift()!();
    await tick();
    expect(delivered).toEqual([40]);
  });

  it('cancel drops the answer in flight', async () => {
    const delivered: number[] = [];
    let resolve!: () => void;
    const l = latest<number, number>((n) => new Promise((res) => (resolve = () => res(n))), (r) => delivered.push(r), () => {});
    l.request(7);
    l.cancel();
    resolve();
    await tick();
    expect(delivered).toEqual([]);
  });

  it('reports errors of the newest request', async () => {
    const errors: unknown[] = [];
    const l = latest<number, number>(() => Promise.reject(new Error('boom')), () => {}, (e) => errors.push(e));
    l.request(1);
    await tick();
    await tick();
    expect(errors).toHaveLength(1);
  });
});
