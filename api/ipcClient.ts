// StudioApi over Electron IPC, built in the page from the small bridge the preload
// exposes (`window.studioIpc`). The bridge hands back plain outcomes rather than
// throwing, because Electron's contextBridge drops custom fields of errors (our `code`);
// errors are made into ApiErrors here, in the page's own realm.
import type { ApiErrorBody, Arg, Method, Result, StudioApi, Topics } from './contract';
import { ApiError } from './errors';

export type IpcOutcome = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };
export type IpcMessage = { topic: string; message: unknown };

/** What electron/preload.ts exposes as `window.studioIpc`. */
export type StudioIpcBridge = {
  invoke(method: string, arg: unknown): Promise<IpcOutcome>;
  /** Every pushed message; returns the unsubscribe function. */
  listen(listener: (m: IpcMessage) => void): () => void;
};

export const IPC_CALL_CHANNEL = 'studio:call';
export const IPC_EVENT_CHANNEL = 'studio:event';

export function createIpcClient(bridge: StudioIpcBridge): StudioApi {
  return {
    async call<M extends Method>(method: M, arg: Arg<M>): Promise<Awaited<Result<M>>> {
      const outcome = await bridge.invoke(method, arg ?? {});
      if (!outcome.ok) throw ApiError.fromBody(outcome.error);
      return outcome.result as Awaited<Result<M>>;
    },
    subscribe<T extends keyof Topics>(topic: T, listener: (message: Topics[T]) => void) {
      return bridge.listen((m) => {
        if (m.topic === topic) listener(m.message as Topics[T]);
      });
    },
  };
}
