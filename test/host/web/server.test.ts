// The web host's guards, tested from the outside: what another local page, a
// DNS-rebinding page or another local process would try.
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus } from '../../../host/api/bus';
import { createDispatcher } from '../../../host/api/dispatch';
import { createHandlers } from '../../../host/api/handlers';
import { startWebHost, type WebHost } from '../../../host/web/server';

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function send(host: WebHost, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string; connectTo?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: opts.connectTo ?? '127.0.0.1', port: host.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

function api(host: WebHost, method: string, headers: Record<string, string>, body = '{}') {
  return send(host, { method: 'POST', path: `/api/${method}`, headers: { 'content-type': 'application/json', ...headers }, body });
}

function wsOutcome(url: string, protocols: string[], origin?: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, protocols, origin ? { origin } : {});
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

describe('web host security', () => {
  let host: WebHost;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'studio-web-'));
    const page = join(dir, 'page');
    mkdirSync(join(page, 'assets'), { recursive: true });
    writeFileSync(join(page, 'index.html'), '<!doctype html><title>studio</title>');
    writeFileSync(join(page, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    const bus = createEventBus();
    const handlers = createHandlers({ host: 'web', version: 't', dataDir: join(dir, 'data'), examplesDir: join(dir, 'ex'), startupHunt: null, bus });
    host = await startWebHost({ dispatch: createDispatcher(handlers), bus, staticDir: page });
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const ok = () => ({ 'x-studio-token': host.token });

  it('listens on 127.0.0.1 only', async () => {
    const address = host.server.address();
    expect(address).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
    // Every other address of this machine refuses the connection.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && a.family === 'IPv4' && !a.internal)
      .map((a) => a!.address);
    for (const address of others) {
      const refused = await new Promise<boolean>((resolve) => {
        const s = connect({ host: address, port: host.port });
        s.on('connect', () => (s.destroy(), resolve(false)));
        s.on('error', () => resolve(true));
      });
      expect(refused, `reachable on ${address}`).toBe(true);
    }
  });

  it('answers API calls that carry the token', async () => {
    const r = await api(host, 'app.info', ok());
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ host: 'web' });
  });

  it('refuses API calls without the token or with a wrong one (401)', async () => {
    const none = await api(host, 'app.info', {});
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).code).toBe('unauthorized');
    expect((await api(host, 'app.info', { 'x-studio-token': wrongToken(host.token) })).status).toBe(401);
    expect((await api(host, 'app.info', { 'x-studio-token': '' })).status).toBe(401);
  });

  it('refuses calls from another origin, even with the token (403)', async () => {
    const r = await api(host, 'app.info', { ...ok(), origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    expect((await api(host, 'app.info', { ...ok(), origin: `http://127.0.0.1:${host.port + 1}` })).status).toBe(403);
    expect((await api(host, 'app.info', { ...ok(), origin: 'null' })).status).toBe(403);
    expect((await api(host, 'app.info', { ...ok(), origin: host.origin })).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding) on pages and API alike', async () => {
    expect((await send(host, { path: '/', headers: { host: `evil.example:${host.port}` } })).status).toBe(403);
    expect((await api(host, 'app.info', { ...ok(), host: `rebind.example:${host.port}` })).status).toBe(403);
    expect((await send(host, { path: '/', headers: { host: `localhost:${host.port}` } })).status).toBe(200);
  });

  it('never grants CORS: a preflight is refused and no Access-Control header is ever sent', async () => {
    const pre = await send(host, {
      method: 'OPTIONS',
      path: '/api/app.info',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-studio-token' },
    });
    expect(pre.status).toBe(403);
    const r = await api(host, 'app.info', ok());
    expect(Object.keys(r.headers).some((h) => h.startsWith('access-control-'))).toBe(false);
  });

  it('accepts only POST with a JSON body on the API', async () => {
    expect((await send(host, { path: '/api/app.info', headers: ok() })).status).toBe(405);
    expect((await api(host, 'app.info', { ...ok(), 'content-type': 'text/plain' })).status).toBe(415);
    const notJson = await api(host, 'app.info', ok(), '{nope');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).code).toBe('bad-argument');
  });

  it('serves the page with a strict CSP and without the token in it', async () => {
    const r = await send(host, { path: '/' });
    expect(r.status).toBe(200);
    expect(r.body).not.toContain(host.token);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect((await send(host, { path: '/assets/app.js' })).headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('never serves files outside the page folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%2fsecret.txt']) {
      const r = await send(host, { path });
      expect(r.body, path).not.toContain('secret');
    }
  });

  it('opens the event socket only with the token, our origin and our host', async () => {
    const url = `ws://127.0.0.1:${host.port}/api/events`;
    expect(await wsOutcome(url, ['studio.v1', `token.${host.token}`], host.origin)).toBe('open');
    expect(await wsOutcome(url, ['studio.v1'], host.origin)).toBe(401);
    expect(await wsOutcome(url, ['studio.v1', 'token.wrong'], host.origin)).toBe(401);
    expect(await wsOutcome(url, ['studio.v1', `token.${host.token}`], 'http://evil.example')).toBe(403);
    expect(await wsOutcome(`ws://127.0.0.1:${host.port}/elsewhere`, ['studio.v1', `token.${host.token}`], host.origin)).toBe(404);
  });

  it('prints an address that carries the token only in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
  });
});

/** The token with its last character changed: always wrong, whatever the token ends with. */
function wrongToken(token: string): string {
  return token.slice(0, -1) + (token.endsWith('0') ? '1' : '0');
}
