// The page side of connecting: the token from the address, the Electron bridge when
// present, and errors people can act on.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import type { StudioIpcBridge } from '../../api/ipcClient';
import { connectStudioApi, createWebClient, tokenFromLocation } from '../../api/webClient';

function fakeWindow(hash: string, stored: Record<string, string> = {}, extra: Record<string, unknown> = {}) {
  const replaced: string[] = [];
  const win = {
    location: { hash, pathname: '/', search: '', origin: 'http://127.0.0.1:4000' },
    sessionStorage: { getItem: (k: string) => stored[k] ?? null, setItem: (k: string, v: string) => (stored[k] = v) },
    history: { replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) },
    ...extra,
  };
  return { win: win as unknown as Window, stored, replaced };
}

describe('web client in the page', () => {
  it('takes the token from the fragment, keeps it for reloads and clears it from the address bar', () => {
    const { win, stored, replaced } = fakeWindow('#token=abc123');
    expect(tokenFromLocation(win)).toBe('abc123');
    expect(stored['studio-token']).toBe('abc123');
    expect(replaced).toEqual(['/']);
    // After a reload the fragment is gone; the stored token is used.
    expect(tokenFromLocation(fakeWindow('', stored).win)).toBe('abc123');
    expect(tokenFromLocation(fakeWindow('').win)).toBeNull();
  });

  it('says how to get in when the page was opened without the token', () => {
    expect(() => connectStudioApi(fakeWindow('').win)).toThrow(ApiError);
    expect(() => connectStudioApi(fakeWindow('').win)).toThrow(/#token=/);
  });

  it('uses the Electron bridge when the preload exposed it, and rethrows its errors as ApiErrors', async () => {
    const bridge: StudioIpcBridge = {
      invoke: async (method) =>
        method === 'app.info'
          ? { ok: true, result: { host: 'electron' } }
          : { ok: false, error: { code: 'not-found', message: 'There is no run 9.' } },
      listen: (listener) => {
        listener({ topic: 'runs.changed', message: { runId: '1' } });
        listener({ topic: 'app.menu', message: { command: 'save' } });
        return () => undefined;
      },
    };
    const api = connectStudioApi(fakeWindow('', {}, { studioIpc: bridge }).win);
    expect(await api.call('app.info', {})).toEqual({ host: 'electron' });
    const err = await api.call('runs.get', { runId: '9' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'not-found', message: 'There is no run 9.' });
    const menus: string[] = [];
    api.subscribe('app.menu', (m) => menus.push(m.command));
    expect(menus).toEqual(['save']);
  });

  it('reports an unreachable host as an io error naming the address', async () => {
    const client = createWebClient({
      baseUrl: 'http://127.0.0.1:9',
      token: 't',
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const err = await client.call('app.info', {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'io' });
    expect((err as Error).message).toContain('http://127.0.0.1:9');
  });
});
