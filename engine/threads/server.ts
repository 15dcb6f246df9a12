// The worker's end of its channel (protocol.ts): runs each request's handler as the
// request arrives (an async handler lets later requests run meanwhile, as before),
// answers with the request's sequence number, and pushes notifications. A handler's
// error goes back as that call's rejection, name, message and code kept.
import { parentPort, type MessagePort } from 'node:worker_threads';
import {
  isRequest,
  toWireError,
  Transferred,
  type Handlers,
  type NoEvents,
  type ReplyMessage,
  type ThreadApi,
  type ThreadEvents,
  type Transferable,
} from './protocol';

export type ThreadServer<E extends ThreadEvents<E>> = {
  /** Pushes a notification to the starting thread, moving the buffers in `transfer`. */
  notify<K extends keyof E & string>(event: K, payload: E[K], transfer?: readonly Transferable[]): void;
  /** Closes the channel; the thread ends once nothing else keeps it alive. Replies already sent still arrive. */
  close(): void;
};

/** Serves `handlers` on this worker's parentPort. Call once, from the worker's entry (*.worker.ts). */
export function serveThread<A extends ThreadApi<A>, E extends ThreadEvents<E> = NoEvents>(handlers: Handlers<A>): ThreadServer<E> {
  if (!parentPort) throw new Error('serveThread() must run in a worker thread (started with startWorker)');
  const port: MessagePort = parentPort;
  const table = handlers as unknown as Record<string, (...args: unknown[]) => unknown>;

  const reply = (seq: number, outcome: { value: unknown } | { error: unknown }) => {
    if (seq === 0) {
      // A one-way request has nobody to answer: its failure is the thread's failure.
      if ('error' in outcome) throw outcome.error;
      return;
    }
    if ('error' in outcome) {
      port.postMessage({ rpc: 'reply', seq, ok: false, error: toWireError(outcome.error) } satisfies ReplyMessage);
      return;
    }
    const { value, transfer } = outcome.value instanceof Transferred ? outcome.value : { value: outcome.value, transfer: undefined };
    try {
      port.postMessage({ rpc: 'reply', seq, ok: true, value } satisfies ReplyMessage, transfer);
    } catch (err) {
      // A result that cannot be cloned: the caller gets the DataCloneError instead of nothing.
      port.postMessage({ rpc: 'reply', seq, ok: false, error: toWireError(err) } satisfies ReplyMessage);
    }
  };

  port.on('message', (m: unknown) => {
    if (!isRequest(m)) throw new Error(`the worker received a message outside its channel: ${String((m as { rpc?: unknown })?.rpc ?? m)}`);
    const handler = Object.hasOwn(table, m.method) ? table[m.method] : undefined;
    if (!handler) {
      reply(m.seq, { error: new TypeError(`the worker has no method ${m.method}()`) });
      return;
    }
    let result: unknown;
    try {
      result = handler(...m.args);
    } catch (error) {
      reply(m.seq, { error });
      return;
    }
    if (result instanceof Promise) {
      result.then(
        (value: unknown) => reply(m.seq, { value }),
        (error: unknown) => reply(m.seq, { error }),
      );
    } else reply(m.seq, { value: result });
  });

  return {
    notify(event, payload, transfer) {
      port.postMessage({ rpc: 'event', event, payload }, transfer);
    },
    close() {
      port.close();
    },
  };
}
