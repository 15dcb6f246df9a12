// The IPC wiring with Electron replaced by a stand-in: calls are answered only for our
// own window's main frame on our page, and pushed messages wait for the page to load.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const handlers = new Map<string, (...args: unknown[]) => unknown>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (...args: unknown[]) => unknown) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { registerStudioIpc } = await import('../../electron/ipc');
const { createEventBus } = await import('../../host/api/bus');

type FakeFrame = { url: string };

function fakeWindow(id: number, url: string) {
  const mainFrame: FakeFrame = { url };
  const sent: unknown[] = [];
  let loading = true;
  return {
    sent,
    mainFrame,
    setLoaded: () => (loading = false),
    win: {
      isDestroyed: () => false,
      webContents: { id, mainFrame, isLoading: () => loading, getURL: () => mainFrame.url, send: (_c: string, m: unknown) => sent.push(m) },
    },
  };
}

describe('Electron IPC wiring', () => {
  beforeEach(() => handlers.clear());

  it('answers our window and refuses other senders, frames and pages', async () => {
    const own = fakeWindow(1, 'app://studio/index.html');
    const calls: string[] = [];
    registerStudioIpc({
      dispatch: async (method) => (calls.push(method), { ok: true, result: 'fine' }),
      bus: createEventBus(),
      window: () => own.win as never,
    });
    const invoke = handlers.get('studio:call')!;
    const event = (senderId: number, frame: FakeFrame | null, mainFrame: FakeFrame) => ({ sender: { id: senderId, mainFrame }, senderFrame: frame });

    expect(await invoke(event(1, own.mainFrame, own.mainFrame), 'app.info', {})).toEqual({ ok: true, result: 'fine' });
    const other = fakeWindow(2, 'app://studio/index.html');
    expect(await invoke(event(2, other.mainFrame, other.mainFrame), 'app.info', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const iframe = { url: 'app://studio/index.html' };
    expect(await invoke(event(1, iframe, own.mainFrame), 'app.info', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    own.mainFrame.url = 'https://evil.example/';
    expect(await invoke(event(1, own.mainFrame, own.mainFrame), 'app.info', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    own.mainFrame.url = 'app://studio/index.html';
    expect(await invoke(event(1, own.mainFrame, own.mainFrame), 42, {})).toMatchObject({ ok: false, error: { code: 'bad-argument' } });
    expect(calls).toEqual(['app.info']);
  });

  it('holds pushed messages until the page has loaded, then delivers them in order', () => {
    const own = fakeWindow(1, 'app://studio/index.html');
    const bus = createEventBus();
    const ipc = registerStudioIpc({ dispatch: async () => ({ ok: true, result: null }), bus, window: () => own.win as never });
    bus.publish('app.openHunt', { path: '/a.hunt.json' });
    bus.publish('app.menu', { command: 'save' });
    expect(own.sent).toEqual([]);
    own.setLoaded();
    ipc.flush();
    expect(own.sent).toEqual([
      { topic: 'app.openHunt', message: { path: '/a.hunt.json' } },
      { topic: 'app.menu', message: { command: 'save' } },
    ]);
    bus.publish('runs.changed', { runId: '3' });
    expect(own.sent).toHaveLength(3);
    ipc.close();
    expect(handlers.has('studio:call')).toBe(false);
  });
});
