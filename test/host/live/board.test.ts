// The console's compact state: a summary per team that agrees with the team's full view
// (as its phones see it), per-step counts that agree with a count over every team's view,
// kept by recomputing only the teams a line changed or a deadline reached since the last
// poll; one team in full on demand (console.team).
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { goLive, type LiveHost } from '../../../host/live/host';
import { boardOf } from '../../../host/live/board';
import { consoleState, organiserCall } from '../../../host/live/organiser';
import type { ConsoleState } from '../../../api/liveConsole';
import type { Hunt } from '../../../engine/hunt/schema';
import { tempDir } from './fixtures';

/** A riddle to answer within a minute, a code step after it, and ten minutes in all. */
const HUNT = {
  format: 'hunt/1',
  id: 'board-test',
  title: 'Board test hunt',
  timeLimitSec: 600,
  wrongAnswerPenalty: 5,
  steps: [
    { id: 'quick', title: 'Quick riddle', kind: 'answer', prompt: 'Say yes', answers: ['yes'], timeLimitSec: 60, hints: [{ text: 'Agree', penalty: 10 }] },
    { id: 'code', title: 'The code', kind: 'code', code: 'C-1', points: 50, requires: ['quick'] },
    { id: 'free', title: 'Free answer', kind: 'answer', prompt: 'Any colour', answers: ['red'], points: 30 },
  ],
} as unknown as Hunt;

const TEAMS = 30;

const hosts: LiveHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.stop().catch(() => undefined);
});

/** What the board must say, worked out from scratch from every team's full view. */
function fromViews(h: LiveHost) {
  const views = h.run.teamViews();
  const teams = views
    .map((v) => ({ team: v.team, name: v.name, status: v.status, score: v.score, solved: v.steps.filter((s) => s.status === 'solved').length, timeLeft: v.timeLeft }))
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .map((t, i) => ({ rank: i + 1, ...t }));
  const steps = HUNT.steps.map((s, i) => {
    const n = (status: string) => views.filter((v) => v.steps[i].status === status).length;
    return { id: s.id, title: s.title, kind: s.kind, available: n('available'), pending: n('pending'), solved: n('solved'), failed: n('failed') };
  });
  return { teams, steps };
}

function compact(s: ConsoleState) {
  return { teams: s.teams.map(({ rank, team, name, status, score, solved, timeLeft }) => ({ rank, team, name, status, score, solved, timeLeft })), steps: s.steps };
}

describe('the console\'s compact state', () => {
  it('summarises each team as its full view does, recomputing only the teams that changed', async () => {
    let wall = Date.now();
    const dir = tempDir();
    const h = await goLive({ db: join(dir, 'studio.db'), dataDir: dir, hunt: HUNT, bind: '127.0.0.1', port: 0, wall: () => wall });
    hosts.push(h);
    const run = h.run;
    const ctx = h.server.organiser;
    const board = boardOf(run);
    const devices = [];
    for (let i = 0; i < TEAMS; i++) devices.push((await run.joinTeam(`Team ${String(i + 1).padStart(2, '0')}`)).device);
    // A third answer the quick riddle, some of those scan the code too; some take a hint; one answers wrong.
    await Promise.all(
      devices.map(async (d, i) => {
        if (i % 3 === 0) await run.deviceAction(d, 1, { type: 'answer', step: 'quick', text: 'yes' });
        if (i % 6 === 0) await run.deviceAction(d, 2, { type: 'scan', step: 'code', code: 'C-1' });
        if (i % 5 === 1) await run.deviceAction(d, 3, { type: 'hint', step: 'quick' });
        if (i === 7) await run.deviceAction(d, 4, { type: 'answer', step: 'free', text: 'blue' });
      }),
    );

    const first = consoleState(ctx, {});
    expect(board.lastRecomputed).toBe(TEAMS);
    expect(compact(first)).toEqual(fromViews(h));
    expect(first.steps[0]).toMatchObject({ solved: 10, available: 20, failed: 0 });
    expect(first.teams[0]).toMatchObject({ rank: 1, phones: 1, online: 0, lastSeenAgoSec: null });
    // No step views come along: a team's row is a few fields.
    expect(JSON.stringify(first.teams).length / TEAMS).toBeLessThan(200);

    // Nothing happened: no team is summarised again, and the answer is the same (but for time left).
    const again = consoleState(ctx, {});
    expect(board.lastRecomputed).toBe(0);
    expect(compact(again)).toEqual(fromViews(h));

    // One line: one team is summarised again, and moves up the board.
    await run.deviceAction(devices[29], 1, { type: 'answer', step: 'free', text: 'red' });
    const one = consoleState(ctx, {});
    expect(board.lastRecomputed).toBe(1);
    expect(compact(one)).toEqual(fromViews(h));
    expect(one.steps[2].solved).toBe(1);

    // The quick riddle's minute passes: the teams that did not answer it fail it (no line
    // is written: the deadline is the rules'), and only they are summarised again.
    wall += 61_000;
    const late = consoleState(ctx, {});
    expect(board.lastRecomputed).toBe(20);
    expect(compact(late)).toEqual(fromViews(h));
    expect(late.steps[0]).toMatchObject({ solved: 10, available: 0, failed: 20 });
    consoleState(ctx, {});
    expect(board.lastRecomputed).toBe(0);

    // The hunt's ten minutes pass: every team is out of time.
    wall += 600_000;
    const over = consoleState(ctx, {});
    expect(compact(over)).toEqual(fromViews(h));
    expect(new Set(over.teams.map((t) => [t.status, t.timeLeft].join()))).toEqual(new Set(['timed_out,0']));

    // One team in full, on demand: its steps as its phones see them, and its phones.
    const detail = (await organiserCall(ctx, 'team', { team: devices[1].team })) as Awaited<ReturnType<typeof run.view>> & { devices: unknown[] };
    expect(detail).toEqual({ ...run.view(devices[1].team), devices: ctx.devices(devices[1].team) });
    expect(detail?.steps[0]).toMatchObject({ id: 'quick', status: 'failed', hints: ['Agree'], prompt: 'Say yes' });
    await expect(organiserCall(ctx, 'team', { team: 'team-99' })).rejects.toMatchObject({ code: 'not-found' });
  });
});
