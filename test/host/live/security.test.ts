// One test per security rule of the live host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { goLive, type LiveHost } from '../../../host/live/host';
import { ORGANISER_TOKEN_HEADER, DEVICE_TOKEN_HEADER } from '../../../host/live/server';
import { LIVE_HUNT, tempDir } from './fixtures';
import { joinTeam, Phone } from './phone';

let dir: string;
let h: LiveHost;
let base: string;
let phone: Phone;

beforeAll(async () => {
  dir = tempDir();
  h = await goLive({ db: join(dir, 'studio.db'), dataDir: dir, hunt: LIVE_HUNT, bind: '127.0.0.1', port: 0, limits: { uploadBytes: 64 * 1024 } });
  base = `http://127.0.0.1:${h.server.port}`;
  phone = await Phone.join(base, h.run.code, 'Secure');
}, 60_000);
afterAll(async () => {
  phone?.close();
  await h?.close();
});

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 7)]);
const upload = (body: Buffer, headers: Record<string, string> = {}, path = '/play/upload') =>
  fetch(base + path, { method: 'POST', headers: { 'content-type': 'image/png', [DEVICE_TOKEN_HEADER]: phone.token, ...headers }, body: new Uint8Array(body) });

function allFiles(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(d, e.name)) : [join(d, e.name)]));
}

describe('live host security', () => {
  it("refuses a player's token on the console API and /metrics; the studio's token opens both", async () => {
    for (const headers of [{ [DEVICE_TOKEN_HEADER]: phone.token }, { [ORGANISER_TOKEN_HEADER]: phone.token }, {}] as Record<string, string>[]) {
      const res = await fetch(`${base}/organiser/adjust`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ team: phone.team, points: 500, reason: 'hack' }) });
      expect(res.status).toBe(401);
    }
    expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${phone.token}` } })).status).toBe(401);
    const ok = await fetch(`${base}/organiser/state`, { method: 'POST', headers: { 'content-type': 'application/json', [ORGANISER_TOKEN_HEADER]: h.organiserToken }, body: '{}' });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { teams: unknown[] }).teams).toHaveLength(1);
    const metrics = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${h.organiserToken}` } });
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/application\/openmetrics-text/);
    expect(await metrics.text()).toMatch(/hunt_live_connected_devices 1/);
    // Nothing the player tried reached the log.
    expect(h.run.recentActivity().map((a) => a.type)).toEqual(['join']);
  });

  it('refuses an oversize upload (413) and one that is not an image by its bytes (415), whatever its content type says', async () => {
    expect((await upload(Buffer.concat([PNG, Buffer.alloc(70 * 1024)]))).status).toBe(413);
    expect((await upload(Buffer.from('<svg onload=alert(1)>'), { 'content-type': 'image/png' })).status).toBe(415);
    expect((await upload(PNG, { [DEVICE_TOKEN_HEADER]: 'not-a-device' })).status).toBe(401);
  });

  it('stores an upload under its content hash only: a path in its name is never used', async () => {
    const res = await upload(PNG, { 'content-disposition': 'attachment; filename="../../../evil.png"', 'x-file-name': '../../evil.png' }, '/play/upload?name=../../evil.png');
    expect(res.status).toBe(200);
    const { ref } = (await res.json()) as { ref: string };
    expect(ref).toMatch(/^photo\/[0-9a-f]{64}\.png$/);
    expect(allFiles(dir).filter((f) => f.includes('evil'))).toEqual([]);
    expect(existsSync(join(dir, 'live', 'uploads', ref.slice('photo/'.length)))).toBe(true);
    // The console's photo viewer takes only refs of that shape.
    const traversal = await fetch(`${base}/organiser/photo`, { method: 'POST', headers: { 'content-type': 'application/json', [ORGANISER_TOKEN_HEADER]: h.organiserToken }, body: JSON.stringify({ ref: 'photo/../../studio.db' }) });
    expect(traversal.status).toBe(404);
  });

  it('keeps a team name with a script as plain text (control characters removed, never HTML)', async () => {
    const name = '<img src=x onerror="alert(1)">\u0007Owls';
    const r = await joinTeam(base, h.run.code, name);
    const body = r.body as { teamName: string; team: string };
    expect(body.teamName).toBe('<img src=x onerror="alert(1)">Owls');
    expect(h.run.view(body.team)?.name).toBe('<img src=x onerror="alert(1)">Owls');
    // The players' page sets every name and text with textContent (test/e2e/live.player.test.ts renders one).
  });

  // Last: it blocks this address's joins for a minute.
  it('limits join-code guessing: after 5 wrong codes from an address even the right one waits', async () => {
    for (let i = 0; i < 5; i++) expect((await joinTeam(base, 'WRONG1', 'Guessers')).status).toBe(403);
    const blocked = await joinTeam(base, h.run.code, 'Guessers');
    expect(blocked.status).toBe(429);
    expect(h.run.registry.teamByName('Guessers')).toBeUndefined();
  });

});
