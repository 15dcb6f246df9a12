// A phone speaking the live protocol from Node (tests, the fault test's players, the load
// benchmark): joins over HTTP, numbers its actions, keeps them until acknowledged, and
// resends them in order after every reconnect, as the players' page does. The benchmark
// gives each phone its own loopback address (127.x.y.z), as each phone has its own at a venue.
import { request } from 'node:http';
import WebSocket from 'ws';
import { LIVE_TOKEN_PREFIX, LIVE_WS_PATH, LIVE_WS_PROTOCOL, type PlayerEvent, type ServerMessage } from '../../../api/liveProtocol';

export type Ack = Extract<ServerMessage, { type: 'ack' }>;

export async function joinTeam(base: string, code: string, team: string, localAddress?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  if (localAddress) return joinFrom(base, JSON.stringify({ code, team }), localAddress);
  const res = await fetch(`${base}/play/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, team }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The join from a given local address (fetch cannot choose one). */
function joinFrom(base: string, body: string, localAddress: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/play/join`, { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> });
        } catch (err) {
          reject(err as Error);
        }
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export class Phone {
  ws: WebSocket | null = null;
  nextN = 1;
  readonly queue: { n: number; event: PlayerEvent; sentAt: number }[] = [];
  readonly acks = new Map<number, Ack>();
  readonly received: ServerMessage[] = [];
  /** Latencies from first send to ack, ms. */
  readonly latencies: number[] = [];
  /** The same, by action number. */
  readonly latencyOf = new Map<number, number>();
  private waiters: { test: () => boolean; resolve: () => void }[] = [];
  private keepConnected = true;

  constructor(
    readonly base: string,
    readonly token: string,
    readonly device: string,
    readonly team: string,
    private readonly record = true,
    readonly localAddress?: string,
  ) {}

  static async join(base: string, code: string, team: string, record = true, localAddress?: string): Promise<Phone> {
    const r = await joinTeam(base, code, team, localAddress);
    if (r.status !== 200) throw new Error(`join failed: ${r.status} ${JSON.stringify(r.body)}`);
    const p = new Phone(base, String(r.body.token), String(r.body.device), String(r.body.team), record, localAddress);
    await p.connect();
    return p;
  }

  connect(): Promise<void> {
    this.keepConnected = true;
    const url = this.base.replace(/^http/, 'ws') + LIVE_WS_PATH;
    const ws = new WebSocket(url, [LIVE_WS_PROTOCOL, LIVE_TOKEN_PREFIX + this.token], this.localAddress ? { localAddress: this.localAddress } : {});
    this.ws = ws;
    return new Promise<void>((resolve, reject) => {
      ws.on('message', (data) => {
        const m = JSON.parse(data.toString()) as ServerMessage;
        if (this.record || m.type !== 'ack') this.received.push(m);
        if (m.type === 'welcome') {
          for (const q of this.queue) ws.send(JSON.stringify({ type: 'act', n: q.n, event: q.event }));
          resolve();
        }
        if (m.type === 'ack') {
          const i = this.queue.findIndex((q) => q.n === m.n);
          if (i >= 0) {
            const ms = performance.now() - this.queue[i].sentAt;
            this.latencies.push(ms);
            this.latencyOf.set(m.n, ms);
            this.queue.splice(i, 1);
          }
          if (this.acks.has(m.n) && this.acks.get(m.n)!.seq !== m.seq) throw new Error(`action ${m.n} acknowledged twice with different lines`);
          this.acks.set(m.n, m);
        }
        if (m.type === 'refused' && m.retry && m.n !== null) {
          const q = this.queue.find((x) => x.n === m.n);
          setTimeout(() => q && this.ws?.readyState === WebSocket.OPEN && this.ws.send(JSON.stringify({ type: 'act', n: q.n, event: q.event })), 200);
        }
        this.check();
      });
      ws.on('error', (err) => reject(err));
      ws.on('close', () => {
        if (this.ws === ws) this.ws = null;
        reject(new Error('closed before welcome'));
        if (this.keepConnected) setTimeout(() => this.keepConnected && this.connect().catch(() => undefined), 200);
      });
    });
  }

  /** Sends a new action (kept until acknowledged); resolves with its number. */
  act(event: PlayerEvent): number {
    const q = { n: this.nextN++, event, sentAt: performance.now() };
    this.queue.push(q);
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ type: 'act', n: q.n, event }));
    return q.n;
  }

  /** Sends raw text on the socket (protocol tests). */
  raw(text: string): void {
    this.ws?.send(text);
  }

  waitFor(test: () => boolean, timeoutMs = 20_000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for the host')), timeoutMs);
      this.waiters.push({ test, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  ack(n: number): Promise<Ack> {
    return this.waitFor(() => this.acks.has(n)).then(() => this.acks.get(n)!);
  }

  private check(): void {
    this.waiters = this.waiters.filter((w) => (w.test() ? (w.resolve(), false) : true));
  }

  close(): void {
    this.keepConnected = false;
    this.ws?.close();
  }
}
