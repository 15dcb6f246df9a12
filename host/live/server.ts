// The live host: serves the players' page, their join, uploads and WebSocket on the
// address the organiser chose, and the organiser's calls and /metrics behind the
// studio's token. A player's token reaches only its own device's socket and uploads;
// nothing a player sends is used as a path or shown as HTML.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ApiError } from '../../api/errors';
import { httpStatusFor } from '../api/dispatch';
import { tokenFromProtocols, tokenMatches } from '../web/security';
import { DEFAULT_LIMITS, RateLimiter, type LiveLimits } from './limits';
import { LiveMetrics } from './metrics';
import { organiserCall, type DeviceInfo, type OrganiserContext } from './organiser';
import { cleanTeamName, LIVE_TOKEN_PREFIX, LIVE_WS_PATH, LIVE_WS_PROTOCOL, MAX_MESSAGE_BYTES, parseClientMessage, type ClientMessage, type OrganiserMessage, type ServerMessage } from '../../api/liveProtocol';
import type { Device } from './registry';
import type { LiveRun } from './run';
import { UploadStore } from './uploads';
import type { PlayerPage } from './playerPage';
import type { LiveTls } from './tls';

export const ORGANISER_TOKEN_HEADER = 'x-studio-token';
export const DEVICE_TOKEN_HEADER = 'x-device-token';
const JSON_BODY_BYTES = 64 * 1024;
const JOIN_BODY_BYTES = 1024;
/** Actions a device may have waiting for its rate limit before it is disconnected. */
const MAX_HELD = 200;

export type LiveServerOptions = {
  run: LiveRun;
  /** The interface to listen on: 127.0.0.1 (this machine only), 0.0.0.0 (every interface) or one address. */
  bind: string;
  port: number;
  /** The studio's token: the console, its calls and /metrics need it. */
  organiserToken: string;
  uploadsDir: string;
  /** The players' page (playerPage()). */
  page: PlayerPage;
  limits?: Partial<LiveLimits>;
  /** Serve over HTTPS with this certificate (phones then get GPS and the camera). */
  tls?: LiveTls;
  onError?: (err: unknown) => void;
};

export type LiveServer = {
  port: number;
  bind: string;
  /** The addresses phones can open (the code in the fragment fills in the join form). */
  joinUrls: string[];
  /** "https" when served with a certificate. */
  scheme: 'http' | 'https';
  /** The certificate's SHA-256 fingerprint when served over HTTPS. */
  fingerprint: string | null;
  metrics: LiveMetrics;
  organiser: OrganiserContext;
  close(): Promise<void>;
};

type Connection = { ws: WebSocket; device: Device; address: string };

/** The addresses a server bound to `bind` is reachable on. */
export function reachableAddresses(bind: string): string[] {
  if (bind !== '0.0.0.0' && bind !== '::') return [bind];
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) if (i.family === 'IPv4') out.push(i.address);
  return out.sort((a, b) => Number(a.startsWith('127.')) - Number(b.startsWith('127.')));
}

function playerHeaders(): Record<string, string> {
  return {
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' blob: data:",
      "media-src 'self' blob:",
      "connect-src 'self'",
      "manifest-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
      "object-src 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(self), geolocation=(self)',
  };
}

function codeMatches(given: unknown, code: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given.trim().toUpperCase());
  const b = Buffer.from(code);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readLimited(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new ApiError('bad-argument', `larger than ${limit} bytes`));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new ApiError('bad-argument', `larger than ${limit} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A browser's Origin, when sent, must be the address it asked for: another page cannot call us. */
function sameOrigin(req: IncomingMessage, scheme: 'http' | 'https'): boolean {
  const origin = req.headers.origin;
  return origin === undefined || origin === `${scheme}://${req.headers.host}`;
}

export async function startLiveServer(opts: LiveServerOptions): Promise<LiveServer> {
  const { run } = opts;
  const limits: LiveLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const perDevice = new RateLimiter(limits.device);
  const perAddress = new RateLimiter(limits.address);
  const wrongPerAddress = new RateLimiter(limits.wrongCodePerAddress);
  const wrongTotal = new RateLimiter(limits.wrongCodeTotal);
  const uploads = new UploadStore(opts.uploadsDir);
  const headers = playerHeaders();
  const connections = new Set<Connection>();
  const byTeam = new Map<string, Set<Connection>>();
  const lastSeen = new Map<string, number>();
  const metrics = new LiveMetrics({ connectedDevices: () => connections.size, queueDepth: () => run.queueDepth });

  const scheme = opts.tls ? 'https' : 'http';
  const server: Server = opts.tls ? createTlsServer({ key: opts.tls.key, cert: opts.tls.cert }) : createServer();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(LIVE_WS_PROTOCOL) ? LIVE_WS_PROTOCOL : false),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.bind, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const joinUrls = reachableAddresses(opts.bind).map((a) => `${scheme}://${a}:${port}/#code=${run.code}`);

  const send = (ws: WebSocket, m: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  };
  const teamSockets = (team: string) => byTeam.get(team) ?? new Set<Connection>();
  const pushView = (team: string, except?: Connection) => {
    const view = run.view(team);
    if (!view) return;
    for (const c of teamSockets(team)) if (c !== except) send(c.ws, { type: 'view', view });
  };
  const pushMessage = (message: OrganiserMessage) => {
    for (const c of message.to === null ? connections : teamSockets(message.to)) send(c.ws, { type: 'message', message });
  };
  const devices = (team: string): DeviceInfo[] => {
    const now = performance.now();
    const online = new Set([...teamSockets(team)].map((c) => c.device.id));
    return run.registry.devicesOf(team).map((d) => {
      const seen = lastSeen.get(d.id);
      return { id: d.id, connected: online.has(d.id), lastSeenAgoSec: seen === undefined ? null : Math.round((now - seen) / 1000) };
    });
  };
  const organiser: OrganiserContext = {
    run,
    joinUrls,
    devices,
    figures: () => metrics.figures(),
    pushView: (team) => pushView(team),
    pushMessage,
    onStopped: () => {
      for (const c of connections) send(c.ws, { type: 'ended' });
    },
  };

  function json(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  }
  const fail = (res: ServerResponse, status: number, message: string, code = 'bad-argument') => json(res, status, { code, message });

  function address(req: IncomingMessage): string {
    return req.socket.remoteAddress ?? '?';
  }

  async function handleJoin(req: IncomingMessage, res: ServerResponse) {
    const addr = address(req);
    if (wrongPerAddress.blocked(addr) || wrongTotal.blocked('*')) return fail(res, 429, 'Too many wrong join codes: wait a minute and try again.', 'rate-limited');
    const body = JSON.parse((await readLimited(req, JOIN_BODY_BYTES)).toString('utf8') || '{}') as Record<string, unknown>;
    if (!codeMatches(body.code, run.code)) {
      wrongPerAddress.take(addr);
      wrongTotal.take('*');
      return fail(res, 403, 'That is not the join code of this hunt.', 'unauthorized');
    }
    const name = cleanTeamName(body.team);
    if (!name.ok) return fail(res, 400, name.reason);
    const joined = await run.joinTeam(name.value);
    json(res, 200, { token: joined.token, device: joined.device.id, team: joined.team.id, teamName: joined.team.name });
  }

  async function handleUpload(req: IncomingMessage, res: ServerResponse) {
    const device = run.registry.deviceByToken(String(req.headers[DEVICE_TOKEN_HEADER] ?? ''));
    if (!device) return fail(res, 401, 'Missing or unknown device token: join the hunt first.', 'unauthorized');
    if (!perDevice.take(device.id)) return fail(res, 429, 'Too many requests from this phone: wait a moment.', 'rate-limited');
    let bytes: Buffer;
    try {
      bytes = await readLimited(req, limits.uploadBytes);
    } catch {
      res.setHeader('connection', 'close');
      return fail(res, 413, `The photo is larger than ${Math.round(limits.uploadBytes / 1048576)} MB.`);
    }
    const saved = uploads.save(bytes);
    if ('error' in saved) return fail(res, 415, `The upload is ${saved.error}.`);
    json(res, 200, saved);
  }

  async function handleOrganiser(req: IncomingMessage, res: ServerResponse, method: string) {
    if (!tokenMatches(req.headers[ORGANISER_TOKEN_HEADER] as string | undefined, opts.organiserToken)) {
      return fail(res, 401, "The console needs the studio's token.", 'unauthorized');
    }
    const arg = JSON.parse((await readLimited(req, JSON_BODY_BYTES)).toString('utf8') || '{}') as Record<string, unknown>;
    if (method === 'photo') {
      const photo = typeof arg.ref === 'string' ? uploads.read(arg.ref) : null;
      if (!photo) return fail(res, 404, 'No such photo.', 'not-found');
      res.writeHead(200, { ...headers, 'content-type': photo.mime, 'cache-control': 'no-store' });
      return void res.end(photo.bytes);
    }
    json(res, 200, await organiserCall(organiser, method, arg));
  }

  async function handleMetrics(req: IncomingMessage, res: ServerResponse) {
    const bearer = /^Bearer (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
    if (!tokenMatches(bearer ?? (req.headers[ORGANISER_TOKEN_HEADER] as string | undefined), opts.organiserToken)) {
      return fail(res, 401, "/metrics needs the studio's token (Authorization: Bearer TOKEN).", 'unauthorized');
    }
    const text = await metrics.openMetrics();
    res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
    res.end(text);
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://live').pathname;
    if (!perAddress.take(address(req))) return fail(res, 429, 'Too many requests: wait a moment.', 'rate-limited');
    const route = (): Promise<void> | void => {
      if (path === '/metrics' && req.method === 'GET') return handleMetrics(req, res);
      if (req.method === 'GET' || req.method === 'HEAD') {
        const file = opts.page.get(path);
        if (!file) return fail(res, 404, 'No such page.', 'not-found');
        res.writeHead(200, { ...headers, 'content-type': file.type, 'cache-control': 'no-cache' });
        return void res.end(req.method === 'HEAD' ? undefined : file.body);
      }
      if (req.method !== 'POST') return fail(res, 405, `${req.method} is not allowed here.`);
      if (!sameOrigin(req, scheme)) return fail(res, 403, 'Requests from other pages are refused.', 'unauthorized');
      if (path === '/play/join') return handleJoin(req, res);
      if (path === '/play/upload') return handleUpload(req, res);
      if (path.startsWith('/organiser/')) return handleOrganiser(req, res, path.slice('/organiser/'.length));
      return fail(res, 404, 'No such address.', 'not-found');
    };
    Promise.resolve()
      .then(route)
      .catch((err: unknown) => {
        if (res.headersSent) return;
        if (err instanceof ApiError) return fail(res, httpStatusFor(err.code), err.message, err.code);
        if (err instanceof SyntaxError) return fail(res, 400, 'The request body is not valid JSON.');
        opts.onError?.(err);
        fail(res, 500, err instanceof Error ? err.message : String(err), 'internal');
      });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, text: string) => socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    const path = new URL(req.url ?? '/', 'http://live').pathname;
    if (path !== LIVE_WS_PATH) return refuse(404, 'Not Found');
    if (!sameOrigin(req, scheme)) return refuse(403, 'Forbidden');
    const addr = req.socket.remoteAddress ?? '?';
    if (!perAddress.take(addr)) return refuse(429, 'Too Many Requests');
    const token = tokenFromProtocols(req.headers['sec-websocket-protocol'], LIVE_TOKEN_PREFIX);
    const device = token ? run.registry.deviceByToken(token) : undefined;
    if (!device) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => connected({ ws, device, address: addr }));
  });

  function connected(c: Connection) {
    connections.add(c);
    let team = byTeam.get(c.device.team);
    if (!team) byTeam.set(c.device.team, (team = new Set()));
    team.add(c);
    lastSeen.set(c.device.id, performance.now());
    const welcome = (): ServerMessage => {
      const t = run.registry.team(c.device.team)!;
      const messages = run.messages.filter((m) => m.to === null || m.to === t.id);
      return { type: 'welcome', device: c.device.id, team: t.id, teamName: t.name, lastAction: run.lastAction(c.device.id), view: run.view(t.id), messages };
    };
    send(c.ws, welcome());
    if (run.closed) send(c.ws, { type: 'ended' });
    c.ws.on('message', (data, isBinary) => {
      const received = performance.now();
      lastSeen.set(c.device.id, received);
      if (isBinary) return send(c.ws, { type: 'refused', n: null, reason: 'messages are JSON text', retry: false });
      const parsed = parseClientMessage(data.toString());
      if (!parsed.ok) return send(c.ws, { type: 'refused', n: null, reason: parsed.reason, retry: false });
      const m = parsed.value;
      if (m.type === 'sync') return send(c.ws, welcome());
      pace(c, () => take(c, m, received));
    });
    const gone = () => {
      connections.delete(c);
      byTeam.get(c.device.team)?.delete(c);
    };
    c.ws.on('close', gone);
    c.ws.on('error', gone);
  }

  /**
   * Rate limits delay a device's actions instead of turning them away: they wait in the
   * device's queue, in order, and are taken as the limits allow (a refused action that a
   * later one overtook would look like a stale resend). A device that floods past
   * MAX_HELD is disconnected; its phone reconnects and resends in order.
   */
  const held = new Map<string, { jobs: (() => void)[]; timer: NodeJS.Timeout | null }>();
  function pace(c: Connection, job: () => void) {
    let h = held.get(c.device.id);
    if (!h) held.set(c.device.id, (h = { jobs: [], timer: null }));
    if (h.jobs.length === 0 && perDevice.take(c.device.id) && perAddress.take(c.address)) return job();
    if (h.jobs.length >= MAX_HELD) {
      h.jobs.length = 0;
      return c.ws.close(1008, 'too many actions at once');
    }
    h.jobs.push(job);
    const drain = () => {
      h.timer = null;
      while (h.jobs.length > 0 && perDevice.take(c.device.id) && perAddress.take(c.address)) h.jobs.shift()!();
      if (h.jobs.length > 0) h.timer = setTimeout(drain, 50);
    };
    h.timer ??= setTimeout(drain, 50);
  }

  function take(c: Connection, m: Extract<ClientMessage, { type: 'act' }>, received: number) {
    const taken = run.deviceAction(c.device, m.n, m.event);
    if (taken === 'refused') return send(c.ws, { type: 'refused', n: m.n, reason: `action ${m.n} was refused before (it is not in the log)`, retry: false });
    taken.then(
      (v) => {
        const view = run.view(c.device.team);
        send(c.ws, { type: 'ack', n: m.n, seq: v.seq, t: v.t, rejected: v.rejected, view });
        metrics.action(m.event.type, v.rejected, performance.now() - received);
        if (view) for (const other of teamSockets(c.device.team)) if (other !== c) send(other.ws, { type: 'view', view });
      },
      (err: unknown) => send(c.ws, { type: 'refused', n: m.n, reason: err instanceof Error ? err.message : String(err), retry: true }),
    );
  }

  server.on('clientError', (err, socket) => {
    opts.onError?.(err);
    socket.destroy();
  });

  return {
    port,
    bind: opts.bind,
    joinUrls,
    scheme,
    fingerprint: opts.tls?.fingerprint ?? null,
    metrics,
    organiser,
    async close() {
      for (const c of connections) c.ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}


