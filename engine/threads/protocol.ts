// The wire format of the one request/response channel between a thread and its worker
// (client.ts on the starting side, server.ts inside the worker), and the types both
// sides share. A worker's protocol is two types:
//   Api    = { method(args): result }   requests answered by the worker, matched by seq
//   Events = { name: payload }          one-way notifications the worker pushes
// Both sides import these types, so a request, its reply and every notification are
// checked by the compiler on both ends.
import type { Transferable } from 'node:worker_threads';

export type { Transferable };

/** A worker's request surface: each method takes plain (cloneable) arguments and returns a value or a promise of one. */
export type ThreadApi<A> = { [K in keyof A]: (...args: never[]) => unknown };
/** A worker's notifications: event name to payload. */
export type ThreadEvents<E> = { [K in keyof E]: unknown };
export type NoEvents = Record<never, never>;

export type Args<A, K extends keyof A> = A[K] extends (...args: infer P) => unknown ? P : never;
export type Result<A, K extends keyof A> = A[K] extends (...args: never[]) => infer R ? Awaited<R> : never;

/** A value sent with the buffers to move (not copy) to the other thread. */
export class Transferred<T> {
  constructor(
    readonly value: T,
    readonly transfer: readonly Transferable[],
  ) {}
}

/** Returned by a worker's handler: answer with `value`, moving the buffers in `transfer`. */
export function withTransfer<T>(value: T, transfer: readonly Transferable[]): Transferred<T> {
  return new Transferred(value, transfer);
}

/** What the worker's handlers may return for a method of the API: its result, moved or not, or a promise of either. */
export type Handlers<A extends ThreadApi<A>> = {
  [K in keyof A]: (...args: Args<A, K>) => Result<A, K> | Transferred<Result<A, K>> | Promise<Result<A, K> | Transferred<Result<A, K>>>;
};

/** An error as it crosses threads: what the receiving side needs to rebuild it. */
export type WireError = { name: string; message: string; code?: string; stack?: string };

/** seq 0: a one-way request (no reply is sent). */
export type RequestMessage = { rpc: 'call'; seq: number; method: string; args: unknown[] };
export type ReplyMessage = { rpc: 'reply'; seq: number; ok: true; value: unknown } | { rpc: 'reply'; seq: number; ok: false; error: WireError };
export type EventMessage = { rpc: 'event'; event: string; payload: unknown };
export type FromWorker = ReplyMessage | EventMessage;

export function isFromWorker(m: unknown): m is FromWorker {
  const rpc = (m as { rpc?: unknown } | null)?.rpc;
  return rpc === 'reply' || rpc === 'event';
}

export function isRequest(m: unknown): m is RequestMessage {
  return (m as { rpc?: unknown } | null)?.rpc === 'call';
}

export function toWireError(err: unknown): WireError {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { name: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}), ...(err.stack ? { stack: err.stack } : {}) };
  }
  return { name: 'Error', message: String(err) };
}

/**
 * An error thrown by the worker's handler, rebuilt on the calling side: same name, message
 * and code; the worker's stack in `remoteStack` (this one's stack is where the reply arrived).
 */
export class RemoteError extends Error {
  readonly code: string | undefined;
  readonly remoteStack: string | undefined;
  constructor(
    readonly thread: string,
    readonly method: string,
    wire: WireError,
  ) {
    super(wire.message);
    this.name = wire.name;
    this.code = wire.code;
    this.remoteStack = wire.stack;
  }
}
