// The socket to the live host: connects with the device's token, reconnects with a
// growing delay when the Wi-Fi drops, and on every (re)connect sends what the outbox holds, in order.
import { LIVE_TOKEN_PREFIX, LIVE_WS_PATH, LIVE_WS_PROTOCOL, type ServerMessage } from '../../api/liveProtocol';
import type { Outbox, Queued } from './outbox';

export class Connection {
  private ws: WebSocket | null = null;
  private delay = 500;
  private stopped = false;
  online = false;

  constructor(
    private readonly outbox: Outbox,
    private readonly onMessage: (m: ServerMessage) => void,
    private readonly onState: (online: boolean) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.ws?.close();
  }

  /** Sends one action now if connected (otherwise it waits in the outbox). */
  send(q: Queued): void {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ type: 'act', n: q.n, event: q.event }));
  }

  private open(): void {
    const session = this.outbox.session;
    if (!session || this.stopped) return;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${LIVE_WS_PATH}`;
    const ws = new WebSocket(url, [LIVE_WS_PROTOCOL, LIVE_TOKEN_PREFIX + session.token]);
    this.ws = ws;
    ws.onmessage = (e) => {
      const m = JSON.parse(String(e.data)) as ServerMessage;
      if (m.type === 'welcome') {
        this.delay = 500;
        this.outbox.knownUpTo(m.lastAction);
        this.onMessage(m);
        for (const q of this.outbox.pending()) this.send(q);
        return;
      }
      this.onMessage(m);
    };
    ws.onopen = () => {
      this.online = true;
      this.onState(true);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.online = false;
      this.onState(false);
      if (this.stopped) return;
      setTimeout(() => this.open(), this.delay);
      this.delay = Math.min(10_000, this.delay * 2);
    };
  }
}
