// The one request/response channel (engine/threads/client.ts, server.ts) with a real
// worker thread: replies matched by sequence number, errors, moved buffers, timeouts,
// notifications and the worker's death.
import { afterEach, describe, expect, it } from 'vitest';
import { startWorker } from '../../../engine/threads/worker';
import { CallTimeoutError, ThreadClient, ThreadDiedError, type ClientOptions, type ThreadDeath } from '../../../engine/threads/client';
import { RemoteError } from '../../../engine/threads/protocol';
import type { SampleApi, SampleEvents } from './fixtures/sample-protocol';

const ENTRY = new URL('./fixtures/sample.worker.ts', import.meta.url);
const open: ThreadClient<SampleApi, SampleEvents>[] = [];

function start(opts: Partial<ClientOptions> = {}): ThreadClient<SampleApi, SampleEvents> {
  const client = new ThreadClient<SampleApi, SampleEvents>(startWorker(ENTRY), { name: 'sample', ...opts });
  open.push(client);
  return client;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.terminate()));
});

describe('thread channel', () => {
  it('answers calls in the order they were made when the handlers answer at once', async () => {
    const client = start();
    const order: number[] = [];
    const calls = Array.from({ length: 200 }, (_, i) => client.call('echo', { i }).then((v) => (order.push(i), v)));
    expect(await Promise.all(calls)).toEqual(Array.from({ length: 200 }, (_, i) => ({ i })));
    expect(order).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(client.inFlight).toBe(0);
  }, 60_000);

  it('matches concurrent replies to their calls by sequence number, whatever order they come back in', async () => {
    const client = start();
    const order: string[] = [];
    const slow = client.call('later', 300, 1).then((v) => (order.push('slow'), v));
    const quick = client.call('later', 0, 2).then((v) => (order.push('quick'), v));
    const now = client.call('echo', 3).then((v) => (order.push('echo'), v));
    expect(await Promise.all([slow, quick, now])).toEqual([1, 2, 3]);
    expect(order.indexOf('slow')).toBe(2);
  }, 60_000);

  it("rejects with the worker's error, its name, message and code kept, and goes on serving", async () => {
    const client = start();
    const err = await client.call('fail', 'DbError', 'the disk is full', 'SQLITE_FULL').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RemoteError);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ name: 'DbError', message: 'the disk is full', code: 'SQLITE_FULL', thread: 'sample', method: 'fail' });
    expect((err as RemoteError).remoteStack).toMatch(/sample\.worker\.ts/);
    await expect(client.call('fail', 'RangeError', 'no code', null)).rejects.toMatchObject({ name: 'RangeError', message: 'no code', code: undefined });
    await expect(client.call('echo', 'still here')).resolves.toBe('still here');
  }, 60_000);

  it('rejects a call to a method the worker does not have', async () => {
    const client = start();
    const untyped = client as unknown as ThreadClient<{ missing(): void }>;
    await expect(untyped.call('missing')).rejects.toMatchObject({ name: 'TypeError', message: 'the worker has no method missing()' });
  }, 60_000);

  it('moves buffers listed for transfer both ways, and copies the others', async () => {
    const client = start();
    const sent = new Float64Array(1000);
    const back = await client.callWith({ transfer: [sent.buffer] }, 'fill', sent);
    expect(sent.byteLength).toBe(0); // moved to the worker
    expect(back.length).toBe(1000);
    expect(back[999]).toBe(999);
    const kept = new Float64Array(10);
    expect(await client.call('byteLength', kept)).toBe(80);
    expect(kept.byteLength).toBe(80); // copied, still ours
  }, 60_000);

  it('rejects a call not answered within its timeout, and only that call', async () => {
    const client = start();
    await client.call('echo', 'warm'); // the worker has started
    const hung = client.callWith({ timeoutMs: 200 }, 'hang');
    const other = client.call('later', 400, 7);
    await expect(hung).rejects.toBeInstanceOf(CallTimeoutError);
    await expect(hung).rejects.toThrow('no answer to hang() within 200 ms (sample worker)');
    expect(await other).toBe(7);
    expect(client.alive).toBe(true);
  }, 60_000);

  it("pushes the worker's notifications in order, before the reply that follows them", async () => {
    const client = start();
    const seen: string[] = [];
    client.on('progress', (p) => seen.push(`${p.done}/${p.of}`));
    const count = await client.call('progress', 5);
    seen.push(`reply ${count}`);
    expect(seen).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5', 'reply 5']);
  }, 60_000);

  it('runs one-way requests in order with the calls', async () => {
    const client = start();
    for (let i = 0; i < 20; i++) client.tell('record', i);
    expect(await client.call('recorded')).toEqual(Array.from({ length: 20 }, (_, i) => i));
  }, 60_000);

  for (const how of ['uncaught', 'exit'] as const) {
    it(`rejects every waiting call, and every later one, when the worker dies (${how})`, async () => {
      const deaths: ThreadDeath[] = [];
      const client = start().onDeath((d) => deaths.push(d));
      await client.call('echo', 'warm');
      const waiting = [client.call('hang'), client.call('later', 60_000, 1), client.callWith({ timeoutMs: 60_000 }, 'hang')];
      client.tell('die', how, 3);
      const reasons = await Promise.all(waiting.map((p) => p.then(() => null, (e: unknown) => e)));
      const expected = how === 'exit' ? 'the thread exited (code 3)' : 'uncaught Error: sample worker died on purpose';
      for (const r of reasons) {
        expect(r).toBeInstanceOf(ThreadDiedError);
        expect((r as Error).message).toBe(`the sample worker thread stopped: ${expected}`);
      }
      await expect(client.call('echo', 1)).rejects.toThrow(`the sample worker thread stopped: ${expected}`);
      expect(client.alive).toBe(false);
      expect(deaths).toHaveLength(1);
      expect(deaths[0].kind).toBe(how === 'exit' ? 'exit' : 'error');
    }, 60_000);
  }

  it("uses the caller's own error for a death when given one", async () => {
    const client = start({ deathError: (d) => new Error(`the generator stopped unexpectedly (${d.kind === 'exit' ? `exit code ${d.code}` : d.error.message})`) });
    const waiting = client.call('hang');
    client.tell('die', 'exit', 9);
    await expect(waiting).rejects.toThrow('the generator stopped unexpectedly (exit code 9)');
  }, 60_000);

  it('rejects waiting calls when terminated, without reporting a death', async () => {
    const deaths: ThreadDeath[] = [];
    const client = start().onDeath((d) => deaths.push(d));
    await client.call('echo', 'warm');
    const waiting = expect(client.call('hang')).rejects.toThrow('the sample worker thread stopped: the worker was terminated');
    await client.terminate();
    await waiting;
    expect(deaths).toEqual([]);
  }, 60_000);

  it('fail() rejects waiting calls with the given error and stops the worker', async () => {
    const client = start();
    const waiting = expect(client.call('hang')).rejects.toThrow('given up');
    await client.fail(new Error('given up'));
    await waiting;
    await expect(client.call('echo', 1)).rejects.toThrow('given up');
  }, 60_000);
});
