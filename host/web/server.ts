// The local web host: the studio's built page and its API over HTTP and WebSocket,
// on 127.0.0.1 only. Every API request and event socket needs the per-start token;
// every request must name us in its Host header; a foreign Origin is refused.
// Long work never runs on a request: the handlers start it and answer with its id,
// progress follows on the event socket.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENTS_PATH, TOKEN_HEADER, WS_PROTOCOL, WS_TOKEN_PREFIX } from '../../api/webClient';
import type { ApiErrorBody } from '../../api/contract';
import type { EventBus, TopicMessage } from '../api/bus';
import { httpStatusFor, type Dispatch } from '../api/dispatch';
import { isAllowedHost, isAllowedOrigin, LOOPBACK, newToken, securityHeaders, tokenFromProtocols, tokenMatches } from './security';
import { serveStatic } from './static';

/** Large enough for a big event log sent by runs.replay; larger ones belong on the command line. */
export const MAX_BODY_BYTES = 512 * 1024 * 1024;
const API_PREFIX = '/api/';

export type WebHostOptions = {
  dispatch: Dispatch;
  bus: EventBus;
  /** The built renderer (renderer/dist). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  onError?: (err: unknown) => void;
};

export type WebHost = {
  /** The studio's address with the token in the fragment: what the user opens. */
  url: string;
  origin: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
};

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? newToken();
  const server = createServer();
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    // The page offers `studio.v1` and `token.<hex>`; answer with the first only, so the token is not echoed.
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${LOOPBACK}:${port}`;
  const headers = securityHeaders(port);

  function sendError(res: ServerResponse, status: number, body: ApiErrorBody) {
    res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!isAllowedHost(req.headers.host, port)) {
      return sendError(res, 403, { code: 'unauthorized', message: 'This host serves only http://127.0.0.1 and http://localhost on its own port.' });
    }
    const path = new URL(req.url ?? '/', origin).pathname;
    if (path.startsWith(API_PREFIX)) return void handleApi(req, res, path.slice(API_PREFIX.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendError(res, 405, { code: 'bad-argument', message: `${req.method} is not allowed here.` });
    }
    serveStatic(opts.staticDir, req, res, headers);
  });

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string) {
    if (!isAllowedOrigin(req.headers.origin, port)) {
      return sendError(res, 403, { code: 'unauthorized', message: 'Requests from other origins are refused.' });
    }
    // No CORS preflight is ever answered with permission: other pages cannot call the API.
    if (req.method !== 'POST') return sendError(res, 405, { code: 'bad-argument', message: 'API methods are called with POST.' });
    if (!tokenMatches(req.headers[TOKEN_HEADER] as string | undefined, token)) {
      return sendError(res, 401, { code: 'unauthorized', message: 'Missing or wrong studio token: open the address printed when the studio started.' });
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return sendError(res, 415, { code: 'bad-argument', message: 'The argument must be sent as application/json.' });
    }
    let body: string;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (err) {
      return sendError(res, 413, { code: 'bad-argument', message: err instanceof Error ? err.message : String(err) });
    }
    let arg: unknown;
    try {
      arg = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      return sendError(res, 400, { code: 'bad-argument', message: `${method}: the request body is not valid JSON.` });
    }
    const outcome = await opts.dispatch(method, arg);
    if (!outcome.ok) return sendError(res, httpStatusFor(outcome.error.code), outcome.error);
    const json = JSON.stringify(outcome.result ?? null);
    res.writeHead(200, { ...headers, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(json);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', origin).pathname;
    const given = tokenFromProtocols(req.headers['sec-websocket-protocol'], WS_TOKEN_PREFIX);
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (path !== EVENTS_PATH) return refuse(404, 'Not Found');
    if (!isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)) return refuse(403, 'Forbidden');
    if (!tokenMatches(given, token)) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => sockets.delete(ws));
      // The socket is for pushed messages only; anything the page sends is ignored.
    });
  });

  const unlisten = opts.bus.listen((m: TopicMessage) => {
    const text = JSON.stringify(m);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  server.on('clientError', (err, socket) => {
    opts.onError?.(err);
    socket.destroy();
  });

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    server,
    async close() {
      unlisten();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error(`The request is larger than ${Math.round(limit / 1024 / 1024)} MB.`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
