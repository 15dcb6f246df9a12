// Fault test: `hunt live` SIGKILLed twice mid-hunt while the phones keep sending. After
// each restart the phones reconnect by themselves and resend what was not acknowledged;
// at the end every acknowledged action is in the log exactly once, with the verdict and
// line it was acknowledged with, and no action is in the log twice.
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../../db/open';
import { getRun } from '../../../db/runs';
import { iterateEvents } from '../../../db/events';
import { LIVE_HUNT, tempDir } from './fixtures';
import { Phone } from './phone';

const HUNT_BIN = fileURLToPath(new URL('../../../bin/hunt.mjs', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function startHost(args: string[]): Promise<{ child: ChildProcess; out: string; code: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HUNT_BIN, 'live', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const code = /join code: (\w+)/.exec(out)?.[1];
      if (code && out.includes('players open:')) resolve({ child, out, code });
    });
    child.stderr!.on('data', (d) => (err += d));
    child.on('exit', (c, signal) => reject(new Error(`hunt live exited (${c ?? signal}) before it was ready:\n${out}\n${err}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('hunt live killed with SIGKILL mid-hunt', () => {
  it('loses no acknowledged action and applies none twice; the phones carry on by themselves', async () => {
    const dir = tempDir();
    const huntFile = join(dir, 'live.hunt.json');
    writeFileSync(huntFile, JSON.stringify(LIVE_HUNT));
    const db = join(dir, 'live.db');
    const port = await freePort();
    const args = [huntFile, '--db', db, '--port', String(port)];
    let host = await startHost(args);
    const base = `http://127.0.0.1:${port}`;
    const phones = [
      await Phone.join(base, host.code, 'Owls'),
      await Phone.join(base, host.code, 'Owls'),
      await Phone.join(base, host.code, 'Foxes'),
      await Phone.join(base, host.code, 'Bears'),
    ];
    // Each phone keeps sending: positions and wrong answers (rejected or not, each is a line).
    let sending = true;
    const pumps = phones.map(async (p, i) => {
      let k = 0;
      while (sending) {
        p.act(k % 3 === 0 ? { type: 'answer', step: 'riddle', text: `guess ${i}-${k}` } : { type: 'position', lat: 48.2 + k / 1e5, lon: 16.37 });
        k++;
        // Paced under the per-device and per-address rate limits (four phones share 127.0.0.1).
        await new Promise((r) => setTimeout(r, 250));
      }
    });
    const acked = () => phones.reduce((s, p) => s + p.acks.size, 0);
    try {
      for (let kill = 0; kill < 2; kill++) {
        const before = acked();
        await phones[0].waitFor(() => acked() >= before + 30, 60_000);
        await killed(host.child);
        host = await startHost(args);
        // The phones reconnect on their own and their actions are acknowledged again.
        const after = acked();
        await phones[0].waitFor(() => acked() >= after + 15, 60_000);
      }
      sending = false;
      await Promise.all(pumps);
      await Promise.all(phones.map((p) => p.waitFor(() => p.queue.length === 0, 60_000)));
    } finally {
      sending = false;
      await killed(host.child);
    }

    const conn = openDatabase(db, { readonly: true, check: 'none' });
    try {
      const lines = [...iterateEvents(conn, getRun(conn, 1)!.id)].map((e) => ({ seq: e.seq, rejection: e.rejection, ...(JSON.parse(e.raw) as { dev?: string; n?: number; t: number }) }));
      const byAction = new Map<string, typeof lines>();
      for (const l of lines) if (l.dev && l.n !== undefined) byAction.set(`${l.dev}/${l.n}`, [...(byAction.get(`${l.dev}/${l.n}`) ?? []), l]);
      for (const list of byAction.values()) expect(list).toHaveLength(1);
      let total = 0;
      for (const p of phones) {
        for (const [n, ack] of p.acks) {
          const line = byAction.get(`${p.device}/${n}`)?.[0];
          expect(line, `${p.device} action ${n}`).toBeDefined();
          expect(line!.seq).toBe(ack.seq);
          expect(line!.rejection).toBe(ack.rejected);
          total++;
        }
        // Every action the phone took was acknowledged (none lost, none left behind).
        expect(p.acks.size).toBe(p.nextN - 1);
      }
      expect(total).toBeGreaterThan(60);
      const ts = lines.map((l) => l.t);
      expect([...ts].sort((a, b) => a - b)).toEqual(ts);
    } finally {
      conn.close();
      for (const p of phones) p.close();
    }
  }, 240_000);
});
