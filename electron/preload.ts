// The preload: the page's only door to the main process. It exposes two functions
// (call a method, listen to pushed messages) and never ipcRenderer itself, so the
// page can reach nothing but the studio API. Runs sandboxed, with contextIsolation.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type IpcMessage, type IpcOutcome, type StudioIpcBridge } from '../api/ipcClient';

const bridge: StudioIpcBridge = {
  invoke: (method, arg) => ipcRenderer.invoke(IPC_CALL_CHANNEL, String(method), arg) as Promise<IpcOutcome>,
  listen(listener) {
    const handler = (_event: IpcRendererEvent, m: IpcMessage) => listener(m);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('studioIpc', bridge);
