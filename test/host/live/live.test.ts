import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getResult } from '../../../db/results';
import { openDatabase } from '../../../db/open';
import { getRun } from '../../../db/runs';
import { iterateEvents } from '../../../db/events';
import { goLive, type LiveHost } from '../../../host/live/host';
import { LIVE_HUNT, tempDir } from './fixtures';
import { Phone } from './phone';

const HUNT_BIN = fileURLToPath(new URL('../../../bin/hunt.mjs', import.meta.url));
const hosts: LiveHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close().catch(() => undefined);
});

async function start(dir: string, fresh = false): Promise<LiveHost> {
  const h = await goLive({ db: join(dir, 'studio.db'), dataDir: dir, hunt: LIVE_HUNT, bind: '127.0.0.1', port: 0, fresh });
  hosts.push(h);
  return h;
}
const base = (h: LiveHost) => `http://127.0.0.1:${h.server.port}`;

function storedLines(dir: string, runId: number) {
  const db = openDatabase(join(dir, 'studio.db'), { readonly: true, check: 'none' });
  try {
    return [...iterateEvents(db, runId)].map((e) => ({ ...JSON.parse(e.raw), rejection: e.rejection }) as Record<string, unknown>);
  } finally {
    db.close();
  }
}

describe('live hunt: protocol', () => {
  it('judges actions by the rules, acknowledges them once committed, and answers a resend with the original verdict', async () => {
    const dir = tempDir();
    const h = await start(dir);
    const a = await Phone.join(base(h), h.run.code, 'The Owls');
    const b = await Phone.join(base(h), h.run.code.toLowerCase(), '  the owls ');
    expect(b.team).toBe(a.team);
    expect(b.device).not.toBe(a.device);

    const wrong = await a.ack(a.act({ type: 'answer', step: 'riddle', text: 'a door' }));
    expect(wrong.rejected).toBeNull();
    expect(wrong.view?.steps.find((s) => s.id === 'riddle')?.status).toBe('available');
    const right = await a.ack(a.act({ type: 'answer', step: 'riddle', text: 'Piano!' }));
    expect(right.view?.steps.find((s) => s.id === 'riddle')?.status).toBe('solved');
    expect(right.view?.score).toBe(95);
    const late = await b.ack(b.act({ type: 'hint', step: 'riddle' }));
    expect(late.rejected).toBe('step-not-available');
    // The other phone of the team sees the new state.
    await b.waitFor(() => b.received.some((m) => m.type === 'view' && m.view.score === 95));

    // A resend of action 2 (the reconnect case): the same line, not a second one.
    a.raw(JSON.stringify({ type: 'act', n: 2, event: { type: 'answer', step: 'riddle', text: 'Piano!' } }));
    await a.waitFor(() => a.received.filter((m) => m.type === 'ack' && m.n === 2).length === 2);
    const acks = a.received.filter((m) => m.type === 'ack' && m.n === 2);
    expect(acks.map((m) => (m as { seq: number }).seq)).toEqual([right.seq, right.seq]);

    const lines = storedLines(dir, h.run.runId);
    expect(lines.filter((l) => l.dev === a.device && l.n === 2)).toHaveLength(1);
    expect(lines.find((l) => l.n === 2)).toMatchObject({ p: a.team, type: 'answer', text: 'Piano!', rejection: null });
    // Time comes from the host, and never goes backwards.
    const ts = lines.map((l) => l.t as number);
    expect([...ts].sort((x, y) => x - y)).toEqual(ts);
    // No answer or code ever reaches a phone.
    expect(JSON.stringify(a.received)).not.toMatch(/PLQ-7|"answers"/);
  });

  it('refuses a malformed action at the edge without writing it', async () => {
    const dir = tempDir();
    const h = await start(dir);
    const a = await Phone.join(base(h), h.run.code, 'Edge');
    a.raw(JSON.stringify({ type: 'act', n: 1, event: { type: 'answer', step: 'riddle', text: 42 } }));
    await a.waitFor(() => a.received.some((m) => m.type === 'refused'));
    expect(a.received.find((m) => m.type === 'refused')).toMatchObject({ reason: expect.stringMatching(/event.text/), retry: false });
    expect(storedLines(dir, h.run.runId).map((l) => l.type)).toEqual(['join']);
  });

  it('carries on after the host is stopped and started again: same run, same teams, numbering and clock', async () => {
    const dir = tempDir();
    const h1 = await start(dir);
    const a = await Phone.join(base(h1), h1.run.code, 'Restart');
    await a.ack(a.act({ type: 'answer', step: 'riddle', text: 'piano' }));
    const runId = h1.run.runId;
    const code = h1.run.code;
    a.close();
    await h1.close();
    const h2 = await start(dir);
    expect(h2.reopened).toBe(true);
    expect(h2.run.runId).toBe(runId);
    expect(h2.run.code).toBe(code);
    const again = new Phone(base(h2), a.token, a.device, a.team);
    again.nextN = 2;
    await again.connect();
    const welcome = again.received.find((m) => m.type === 'welcome');
    expect(welcome).toMatchObject({ lastAction: 1, team: a.team, view: { score: 100 } });
    const scan = await again.ack(again.act({ type: 'scan', step: 'plaque', code: 'PLQ-7' }));
    expect(scan.view?.score).toBe(150);
    await h2.stop();
    const db = openDatabase(join(dir, 'studio.db'), { readonly: true, check: 'none' });
    let stored: unknown;
    try {
      expect(getRun(db, runId)).toMatchObject({ kind: 'live', status: 'completed', events: 3 });
      stored = getResult(db, runId);
    } finally {
      db.close();
    }
    // After the event: `hunt export` of the live run, replayed by `hunt replay`, gives the live result.
    const exported = spawnSync(process.execPath, [HUNT_BIN, 'export', String(runId), '--db', join(dir, 'studio.db')], { encoding: 'utf8' });
    expect(exported.status, exported.stderr).toBe(0);
    writeFileSync(join(dir, 'live.jsonl'), exported.stdout);
    writeFileSync(join(dir, 'live.hunt.json'), JSON.stringify(LIVE_HUNT));
    const replayed = spawnSync(process.execPath, [HUNT_BIN, 'replay', join(dir, 'live.hunt.json'), join(dir, 'live.jsonl'), '--json'], { encoding: 'utf8' });
    expect(replayed.status, replayed.stderr).toBe(0);
    const result = JSON.parse(replayed.stdout) as { participants: { id: string; score: number; status: string }[] };
    expect(result).toEqual(stored);
    expect(result.participants).toEqual([expect.objectContaining({ id: a.team, score: 150 })]);
  });
});
