// A hunt/2 live run: a judged photo, judged by the organiser, an adjustment and extra
// time; every intervention is a line of the log (by: organiser), the verdicts are the
// engine's hunt/2 ones, and a restart rebuilds the same state from the log.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../db/open';
import { iterateEvents } from '../../../db/events';
import { goLive, type LiveHost } from '../../../host/live/host';
import { organiserCall } from '../../../host/live/organiser';
import { DEVICE_TOKEN_HEADER } from '../../../host/live/server';
import { LIVE_HUNT_V2, tempDir } from './fixtures';
import { Phone } from './phone';

const hosts: LiveHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close().catch(() => undefined);
});

async function start(dir: string): Promise<LiveHost> {
  const h = await goLive({ db: join(dir, 'studio.db'), dataDir: dir, hunt: LIVE_HUNT_V2, bind: '127.0.0.1', port: 0 });
  hosts.push(h);
  return h;
}
const base = (h: LiveHost) => `http://127.0.0.1:${h.server.port}`;
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 3)]);

function storedLines(dir: string, runId: number) {
  const db = openDatabase(join(dir, 'studio.db'), { readonly: true, check: 'none' });
  try {
    return [...iterateEvents(db, runId)].map((e) => ({ ...JSON.parse(e.raw), rejection: e.rejection }) as Record<string, unknown>);
  } finally {
    db.close();
  }
}

describe('live hunt/2: the organiser judges, adjusts and extends', () => {
  it('judges a submitted photo, adjusts and extends as log lines, and a restart rebuilds the same state', async () => {
    const dir = tempDir();
    const h = await start(dir);
    const a = await Phone.join(base(h), h.run.code, 'Judged');
    await a.ack(a.act({ type: 'answer', step: 'riddle', text: 'piano' }));
    const up = await fetch(`${base(h)}/play/upload`, { method: 'POST', headers: { 'content-type': 'image/jpeg', [DEVICE_TOKEN_HEADER]: a.token }, body: new Uint8Array(JPEG) });
    const { ref } = (await up.json()) as { ref: string };
    const submitted = await a.ack(a.act({ type: 'submit', step: 'selfie', ref }));
    expect(submitted.rejected).toBeNull();
    expect(submitted.view?.steps.find((s) => s.id === 'selfie')?.status).toBe('pending');

    const ctx = h.server.organiser;
    expect(h.run.judgingQueue()).toEqual([expect.objectContaining({ team: a.team, step: 'selfie', ref })]);
    const judged = (await organiserCall(ctx, 'judge', { team: a.team, step: 'selfie', accept: true, points: 40 })) as { rejected: unknown };
    expect(judged.rejected).toBeNull();
    const adjusted = (await organiserCall(ctx, 'adjust', { team: a.team, points: -15, reason: 'ran through the flower bed' })) as { rejected: unknown };
    expect(adjusted.rejected).toBeNull();
    const extended = (await organiserCall(ctx, 'extend', { team: a.team, seconds: 600 })) as { rejected: unknown };
    expect(extended.rejected).toBeNull();
    await organiserCall(ctx, 'message', { text: 'Lunch at noon' });

    const view = h.run.view(a.team)!;
    expect(view.steps.find((s) => s.id === 'selfie')).toMatchObject({ status: 'solved', score: 40 });
    expect(view.score).toBe(100 + 40 - 15);
    expect(h.run.judgingQueue()).toEqual([]);
    // The phone is told at once.
    await a.waitFor(() => a.received.some((m) => m.type === 'view' && m.view.score === 125));

    const lines = storedLines(dir, h.run.runId);
    expect(lines.filter((l) => l.by === 'organiser').map((l) => [l.type, l.rejection])).toEqual([
      ['judge', null],
      ['adjust', null],
      ['extend', null],
      ['message', 'unknown-type'],
    ]);
    expect(lines.find((l) => l.type === 'adjust')).toMatchObject({ p: a.team, points: -15, reason: 'ran through the flower bed' });

    // A restart rebuilds the same state from the log (the stored verdicts must agree with the rules).
    a.close();
    await h.close();
    const h2 = await start(dir);
    expect(h2.reopened).toBe(true);
    expect(h2.run.view(a.team)?.score).toBe(125);
    expect(h2.run.messages.map((m) => m.text)).toEqual(['Lunch at noon']);
  });
});
