// Serving phones over HTTPS with the host's own certificate: browsers give GPS and the
// camera only to secure pages, and a LAN address over plain http is not one.
import { afterEach, describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import WebSocket from 'ws';
import { LIVE_TOKEN_PREFIX, LIVE_WS_PATH, LIVE_WS_PROTOCOL, type ServerMessage } from '../../../api/liveProtocol';
import { goLive, type LiveHost } from '../../../host/live/host';
import { networkChoices } from '../../../host/live/interfaces';
import { lastServedAt } from '../../../host/live/servedAt';
import { liveCertificate, liveTlsDir } from '../../../host/live/tls';
import { LIVE_HUNT, tempDir } from './fixtures';

const hosts: LiveHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close().catch(() => undefined);
});

/** A network address of this machine if it has one (what phones would use), else loopback. */
const ADDRESS = networkChoices().find((c) => !c.internal && c.address !== '0.0.0.0')?.address ?? '127.0.0.1';

/** An HTTPS request from a client that trusts only this certificate: it fails unless the certificate names the address. */
function trustedRequest(url: string, ca: string, method = 'GET', body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ca, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('live hunt over HTTPS', () => {
  it('serves the players page and the live socket over HTTPS on the chosen address, with a certificate naming it', async () => {
    const dir = tempDir();
    const h = await goLive({ db: join(dir, 'studio.db'), dataDir: dir, hunt: LIVE_HUNT, bind: ADDRESS, port: 0, https: true });
    hosts.push(h);
    expect(h.server.scheme).toBe('https');
    expect(h.server.joinUrls).toEqual([`https://${ADDRESS}:${h.server.port}/#code=${h.run.code}`]);
    const cert = (await liveCertificate(dir, [ADDRESS])).cert;
    expect(new X509Certificate(cert).fingerprint256).toBe(h.server.fingerprint);
    expect(new X509Certificate(cert).checkIP(ADDRESS)).toBe(ADDRESS);

    const base = `https://${ADDRESS}:${h.server.port}`;
    const page = await trustedRequest(`${base}/`, cert);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html');
    const joined = await trustedRequest(`${base}/play/join`, cert, 'POST', JSON.stringify({ code: h.run.code, team: 'The Owls' }));
    expect(joined.status).toBe(200);
    const { token } = JSON.parse(joined.text) as { token: string };

    const ws = new WebSocket(`wss://${ADDRESS}:${h.server.port}${LIVE_WS_PATH}`, [LIVE_WS_PROTOCOL, LIVE_TOKEN_PREFIX + token], { ca: cert });
    const first = await new Promise<ServerMessage>((resolve, reject) => {
      ws.once('message', (d) => resolve(JSON.parse(d.toString()) as ServerMessage));
      ws.once('error', reject);
    });
    ws.close();
    expect(first.type).toBe('welcome');
    expect(lastServedAt(dir, h.run.runId)).toEqual({ bind: ADDRESS, port: h.server.port, https: true });
  });

  it('keeps its certificate across restarts, so a phone that accepted it is not asked again', async () => {
    const dir = tempDir();
    const a = await liveCertificate(dir, [ADDRESS]);
    const b = await liveCertificate(dir, [ADDRESS]);
    expect(b.fingerprint).toBe(a.fingerprint);
    const h = await goLive({ db: join(dir, 'studio.db'), dataDir: dir, hunt: LIVE_HUNT, bind: ADDRESS, port: 0, https: true });
    hosts.push(h);
    expect(h.server.fingerprint).toBe(a.fingerprint);
  });

  it('makes a new certificate for an address the stored one does not name, one close to expiry, or a damaged one', async () => {
    const dir = tempDir();
    const first = await liveCertificate(dir, ['127.0.0.1']);
    const moved = await liveCertificate(dir, ['10.20.30.40']);
    expect(moved.fingerprint).not.toBe(first.fingerprint);
    expect(new X509Certificate(moved.cert).checkIP('10.20.30.40')).toBe('10.20.30.40');
    const later = await liveCertificate(dir, ['10.20.30.40'], new Date(Date.now() + 380 * 24 * 3600_000));
    expect(later.fingerprint).not.toBe(moved.fingerprint);
    writeFileSync(join(liveTlsDir(dir), 'cert.pem'), 'not a certificate');
    const repaired = await liveCertificate(dir, ['10.20.30.40']);
    expect(new X509Certificate(repaired.cert).checkIP('10.20.30.40')).toBe('10.20.30.40');
  });

  it('stays on plain http unless asked', async () => {
    const dir = tempDir();
    const h = await goLive({ db: join(dir, 'studio.db'), dataDir: dir, hunt: LIVE_HUNT, bind: '127.0.0.1', port: 0 });
    hosts.push(h);
    expect(h.server.scheme).toBe('http');
    expect(h.server.fingerprint).toBeNull();
    expect(lastServedAt(dir, h.run.runId)?.https).toBe(false);
  });
});
