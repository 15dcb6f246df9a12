// The browser transport: StudioApi over the local web host (host/web). Calls are
// `POST /api/<method>` with the argument as the JSON body; pushed messages arrive on
// one WebSocket at `/api/events`. Both carry the per-start token the host printed in
// the studio's URL (`#token=...`): as the `X-Studio-Token` header, and as a WebSocket
// subprotocol because browsers cannot set headers on a WebSocket.
// No Node imports: this file runs in the page (and in Node tests, given `ws`).
import type { ApiErrorBody, Arg, Method, Result, StudioApi, Topics } from './contract';
import { ApiError, isApiErrorBody } from './errors';
import { createIpcClient, type StudioIpcBridge } from './ipcClient';

export const TOKEN_HEADER = 'x-studio-token';
export const WS_PROTOCOL = 'studio.v1';
export const WS_TOKEN_PREFIX = 'token.';
export const EVENTS_PATH = '/api/events';
const TOKEN_STORAGE_KEY = 'studio-token';

/** The part of the WebSocket class this client needs (the DOM's or the `ws` package's). */
type SocketLike = {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(): void;
};
type SocketConstructor = new (url: string, protocols: string[]) => SocketLike;

export type WebClientOptions = {
  /** The host's origin, e.g. `http://127.0.0.1:5173`. */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  WebSocket?: SocketConstructor;
  /** Delay before reconnecting a dropped event socket while someone still listens. */
  reconnectMs?: number;
};

export type WebClient = StudioApi & {
  /** Resolves once the event socket is open (subscribing opens it). */
  ready(): Promise<void>;
  close(): void;
};

type Listener = (message: never) => void;

export function createWebClient(opts: WebClientOptions): WebClient {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const Socket = opts.WebSocket ?? (globalThis as unknown as { WebSocket: SocketConstructor }).WebSocket;
  const reconnectMs = opts.reconnectMs ?? 1000;
  const listeners = new Map<string, Set<Listener>>();
  let socket: SocketLike | null = null;
  let open: Promise<void> | null = null;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | null = null;

  async function call<M extends Method>(method: M, arg: Arg<M>): Promise<Awaited<Result<M>>> {
    let response: Response;
    try {
      response = await doFetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: opts.token },
        body: JSON.stringify(arg ?? {}),
      });
    } catch (err) {
      throw new ApiError('io', `The studio host at ${base} cannot be reached (${err instanceof Error ? err.message : String(err)}). Is it still running?`);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new ApiError('internal', `The studio host answered ${method} with something that is not JSON (HTTP ${response.status}).`);
    }
    if (response.ok) return body as Awaited<Result<M>>;
    if (isApiErrorBody(body)) throw ApiError.fromBody(body);
    throw new ApiError('internal', `The studio host answered ${method} with HTTP ${response.status}.`);
  }

  function connect(): Promise<void> {
    if (open) return open;
    const wsUrl = base.replace(/^http/, 'ws') + EVENTS_PATH;
    open = new Promise<void>((resolve, reject) => {
      const s = new Socket(wsUrl, [WS_PROTOCOL, WS_TOKEN_PREFIX + opts.token]);
      socket = s;
      s.onopen = () => resolve();
      s.onerror = () => reject(new ApiError('unauthorized', `The studio host at ${base} refused the event connection.`));
      s.onmessage = (ev) => dispatch(ev.data);
      s.onclose = () => {
        socket = null;
        open = null;
        if (!closed && hasListeners()) retry = setTimeout(() => void connect().catch(() => undefined), reconnectMs);
      };
    });
    // Listeners attach later; an unhandled rejection here would only be noise.
    open.catch(() => undefined);
    return open;
  }

  function dispatch(data: unknown) {
    let msg: { topic?: unknown; message?: unknown };
    try {
      msg = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      return;
    }
    if (typeof msg.topic !== 'string') return;
    for (const l of listeners.get(msg.topic) ?? []) l(msg.message as never);
  }

  function hasListeners() {
    for (const set of listeners.values()) if (set.size > 0) return true;
    return false;
  }

  function subscribe<T extends keyof Topics>(topic: T, listener: (message: Topics[T]) => void): () => void {
    let set = listeners.get(topic);
    if (!set) listeners.set(topic, (set = new Set()));
    set.add(listener as Listener);
    void connect().catch(() => undefined);
    return () => {
      set.delete(listener as Listener);
    };
  }

  return {
    call,
    subscribe,
    ready: () => connect(),
    close() {
      closed = true;
      if (retry) clearTimeout(retry);
      socket?.close();
    },
  };
}

/**
 * The token the web host put in the studio's URL fragment (`#token=...`, never sent to the
 * server in requests for pages). It is moved to sessionStorage and removed from the address bar,
 * so a reload keeps working and the token does not linger in the visible URL.
 */
export function tokenFromLocation(win: Window = window): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(win.location.hash);
  if (match) {
    try {
      win.sessionStorage.setItem(TOKEN_STORAGE_KEY, match[1]);
    } catch {
      // Storage may be disabled; the token still works for this page load.
    }
    win.history.replaceState(null, '', win.location.pathname + win.location.search);
    return match[1];
  }
  try {
    return win.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * The API for the page it runs in: in Electron, IPC through the bridge the preload exposes
 * (`window.studioIpc`); in a plain browser, the web host's client. The renderer calls this once
 * and never needs to know which. Throws an ApiError('unauthorized') in a browser opened without the token.
 */
export function connectStudioApi(win: Window = window): StudioApi {
  const bridge = (win as unknown as { studioIpc?: StudioIpcBridge }).studioIpc;
  if (bridge) return createIpcClient(bridge);
  const token = tokenFromLocation(win);
  if (!token) {
    throw new ApiError(
      'unauthorized',
      'This page has no access token. Open the studio with the address printed by `npm run studio:web` (it ends in #token=...).',
    );
  }
  return createWebClient({ baseUrl: win.location.origin, token });
}

export type { ApiErrorBody };
