// The IPC side of the API: one invoke channel into the shared dispatcher, one event
// channel out of the bus. Calls are accepted only from our own window's main frame
// showing our own page; pushed messages wait until the page has loaded.
import { ipcMain, type BrowserWindow } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type IpcOutcome } from '../api/ipcClient';
import type { EventBus, TopicMessage } from '../host/api/bus';
import type { Dispatch } from '../host/api/dispatch';
import { isOwnPageUrl, isTrustedSender } from './security';

export function registerStudioIpc(opts: { dispatch: Dispatch; bus: EventBus; window: () => BrowserWindow | null; devServerUrl?: string }): { close(): void; flush(): void } {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, arg: unknown): Promise<IpcOutcome> => {
    const win = opts.window();
    const frame = event.senderFrame;
    const trusted = isTrustedSender(
      { webContentsId: event.sender.id, frameUrl: frame ? frame.url : null, isMainFrame: frame !== null && frame === event.sender.mainFrame },
      win && !win.isDestroyed() ? win.webContents.id : null,
      opts.devServerUrl,
    );
    if (!trusted) return { ok: false, error: { code: 'unauthorized', message: 'Calls are accepted only from the studio window.' } };
    if (typeof method !== 'string') return { ok: false, error: { code: 'bad-argument', message: 'The method name must be a string.' } };
    return opts.dispatch(method, arg);
  });

  // Messages published before the page can receive them are held, then delivered in order.
  let held: TopicMessage[] = [];
  const deliver = (m: TopicMessage) => {
    const win = opts.window();
    if (!win || win.isDestroyed() || win.webContents.isLoading() || !isOwnPageUrl(win.webContents.getURL(), opts.devServerUrl)) {
      held.push(m);
      return;
    }
    win.webContents.send(IPC_EVENT_CHANNEL, m);
  };
  const unlisten = opts.bus.listen(deliver);
  const flush = () => {
    const queue = held;
    held = [];
    for (const m of queue) deliver(m);
  };
  return {
    flush,
    close() {
      unlisten();
      ipcMain.removeHandler(IPC_CALL_CHANNEL);
    },
  };
}
