// The organiser's console through the studio's API (in-process and over the web host):
// going live on a chosen address, the live state, judging, adjusting, extending and
// messages as log lines, stopping and carrying on, ending; the export replays to the
// live result.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { compileHunt } from '../../engine/hunt/compile';
import { replayLines } from '../../engine/replay/replay';
import { DEVICE_TOKEN_HEADER } from '../../host/live/server';
import { LIVE_HUNT, LIVE_HUNT_V2 } from '../host/live/fixtures';
import { Phone } from '../host/live/phone';
import { inProcess, overWebHost, type ApiFactory, type ApiUnderTest } from './hosts';
import type { Hunt } from '../../api/contract';

const open: ApiUnderTest[] = [];
const phones: Phone[] = [];
afterEach(async () => {
  for (const p of phones.splice(0)) p.close();
  for (const u of open.splice(0)) await u.close();
});

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 9)]);

async function joined(base: string, code: string, team: string): Promise<Phone> {
  const p = await Phone.join(base, code, team);
  phones.push(p);
  return p;
}

function suite(factory: ApiFactory) {
  const start = async () => {
    const u = await factory();
    open.push(u);
    return u;
  };

  it('lists the machine\'s addresses and refuses one that is not', async () => {
    const { api } = await start();
    const networks = await api.call('console.networks', {});
    expect(networks).toContainEqual({ address: '127.0.0.1', name: expect.any(String), internal: true });
    expect(networks.at(-1)).toEqual({ address: '0.0.0.0', name: 'every interface', internal: false });
    await expect(api.call('console.goLive', { hunt: LIVE_HUNT, bind: '10.254.253.252', port: 0 })).rejects.toMatchObject({ code: 'bad-argument', message: expect.stringMatching(/not a network address of this machine/) });
    await expect(api.call('console.state', {})).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/go live first/) });
  });

  it('says when the port is taken', async () => {
    const { api } = await start();
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    try {
      await expect(api.call('console.goLive', { hunt: LIVE_HUNT, bind: '127.0.0.1', port })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(new RegExp(`Port ${port} is already in use`)) });
      // No empty live run is left behind to carry on.
      expect(await api.call('console.openRuns', {})).toEqual([]);
      // Nothing is left half-started: going live on a free port works.
      expect((await api.call('console.goLive', { hunt: LIVE_HUNT, bind: '127.0.0.1', port: 0 })).port).toBeGreaterThan(0);
    } finally {
      busy.close();
    }
  });

  it('goes live, judges, adjusts, extends and messages as log lines; stops, carries on, ends; the export replays to the live result', async () => {
    const { api } = await start();
    const live = await api.call('console.goLive', { hunt: LIVE_HUNT_V2, bind: '127.0.0.1', port: 0 });
    expect(live).toMatchObject({ bind: '127.0.0.1', opened: expect.stringMatching(/this machine only/), code: expect.stringMatching(/^[A-Z2-9]{6}$/), reopened: false });
    expect(live.join).toEqual([{ url: `http://127.0.0.1:${live.port}/#code=${live.code}`, qr: expect.stringMatching(/^data:image\/png;base64,/) }]);
    expect(await api.call('console.serving', {})).toEqual(live);
    await expect(api.call('console.goLive', { hunt: LIVE_HUNT_V2, bind: '127.0.0.1', port: 0 })).rejects.toMatchObject({ code: 'conflict' });
    expect((await api.call('runs.list', {})).find((r) => r.id === live.runId)).toMatchObject({ kind: 'live', status: 'running' });

    const base = `http://127.0.0.1:${live.port}`;
    const owls = await joined(base, live.code, 'The Owls');
    const foxes = await joined(base, live.code, '<b>Foxes</b>');
    await owls.ack(owls.act({ type: 'answer', step: 'riddle', text: 'piano' }));
    await foxes.ack(foxes.act({ type: 'answer', step: 'riddle', text: 'a door' }));
    const up = await fetch(`${base}/play/upload`, { method: 'POST', headers: { 'content-type': 'image/jpeg', [DEVICE_TOKEN_HEADER]: owls.token }, body: new Uint8Array(JPEG) });
    const { ref } = (await up.json()) as { ref: string };
    await owls.ack(owls.act({ type: 'submit', step: 'selfie', ref }));

    const state = await api.call('console.state', {});
    expect(state).toMatchObject({ format: 'hunt/2', code: live.code, ended: false });
    expect(state.teams.map((t) => [t.rank, t.name, t.score, t.solved, t.phones, t.online])).toEqual([
      [1, 'The Owls', 100, 1, 1, 1],
      [2, '<b>Foxes</b>', 0, 0, 1, 1],
    ]);
    // A summary per team, not its steps (console.team gives one team in full).
    expect(Object.keys(state.teams[0]).sort()).toEqual(['lastSeenAgoSec', 'name', 'online', 'phones', 'rank', 'score', 'solved', 'status', 'team', 'timeLeft']);
    expect(state.teams[0]).toMatchObject({ status: 'active', lastSeenAgoSec: 0, timeLeft: expect.any(Number) });
    expect(state.judging).toEqual([expect.objectContaining({ team: owls.team, step: 'selfie', ref, teamName: 'The Owls', points: 60 })]);
    const owlsInFull = await api.call('console.team', { team: owls.team });
    expect(owlsInFull).toMatchObject({ team: owls.team, name: 'The Owls', score: 100, devices: [{ id: owls.device, connected: true }] });
    expect(owlsInFull.steps.map((st) => [st.id, st.status])).toEqual([
      ['riddle', 'solved'],
      ['selfie', 'pending'],
      ['plaque', 'available'],
      ['fountain', 'available'],
    ]);
    await expect(api.call('console.team', { team: 'team-99' })).rejects.toMatchObject({ code: 'not-found' });
    expect(state.steps.find((s) => s.id === 'selfie')).toMatchObject({ kind: 'judged', pending: 1 });
    expect((await api.call('console.state', { team: foxes.team })).activity.map((a) => a.type)).toEqual(['answer', 'join']);
    const photo = await api.call('console.photo', { ref });
    expect(photo).toEqual({ mime: 'image/jpeg', dataUrl: `data:image/jpeg;base64,${JPEG.toString('base64')}` });
    await expect(api.call('console.photo', { ref: '../../studio.db' })).rejects.toMatchObject({ code: 'not-found' });

    expect((await api.call('console.judge', { team: owls.team, step: 'selfie', accept: true, points: 45 })).rejected).toBeNull();
    expect((await api.call('console.adjust', { team: foxes.team, points: 10, reason: 'helped another team' })).rejected).toBeNull();
    expect((await api.call('console.extend', { team: foxes.team, seconds: 300 })).rejected).toBeNull();
    await api.call('console.message', { text: 'Ten minutes left' });
    await api.call('console.message', { team: foxes.team, text: 'Your hint is on the board' });
    await expect(api.call('console.adjust', { team: foxes.team, points: 5, reason: '  ' })).rejects.toMatchObject({ code: 'bad-argument' });
    await expect(api.call('console.judge', { team: 'team-99', step: 'selfie', accept: true })).rejects.toMatchObject({ code: 'not-found' });
    await foxes.waitFor(() => foxes.received.some((m) => m.type === 'message' && m.message.text === 'Your hint is on the board'));
    expect(owls.received.some((m) => m.type === 'message' && m.message.text === 'Your hint is on the board')).toBe(false);

    const after = await api.call('console.state', { rejectedOnly: true });
    expect(after.teams.map((t) => [t.name, t.score])).toEqual([
      ['The Owls', 145],
      ['<b>Foxes</b>', 10],
    ]);
    expect(after.teams[1].timeLeft).toBeGreaterThan(3600);
    expect(after.judging).toEqual([]);
    expect(after.activity.map((a) => [a.type, a.rejected])).toEqual([
      ['message', 'unknown-type'],
      ['message', 'unknown-type'],
    ]);

    // Stop serving: the run stays open and is offered to carry on at the same address.
    await api.call('console.stopServing', {});
    expect(await api.call('console.serving', {})).toBeNull();
    const openRuns = await api.call('console.openRuns', {});
    expect(openRuns).toEqual([expect.objectContaining({ runId: live.runId, code: live.code, teams: 2, lastBind: '127.0.0.1', lastPort: live.port })]);
    const again = await api.call('console.goLive', { runId: live.runId, bind: '127.0.0.1', port: live.port });
    expect(again).toMatchObject({ runId: live.runId, code: live.code, reopened: true, port: live.port });
    // The phones reconnect by themselves and carry on.
    await owls.waitFor(() => owls.received.filter((m) => m.type === 'welcome').length >= 2);
    await owls.ack(owls.act({ type: 'scan', step: 'plaque', code: 'PLQ-7' }));
    const carried = await api.call('console.state', {});
    expect(carried.teams.map((t) => [t.name, t.score])).toEqual([
      ['The Owls', 195],
      ['<b>Foxes</b>', 10],
    ]);
    expect(carried.messages.map((m) => m.text)).toEqual(['Ten minutes left', 'Your hint is on the board']);

    expect(await api.call('console.endHunt', {})).toEqual({ runId: live.runId, status: 'completed' });
    expect(await api.call('console.openRuns', {})).toEqual([]);
    const run = await api.call('runs.get', { runId: live.runId });
    expect(run).toMatchObject({ kind: 'live', status: 'completed' });
    const scores = Object.fromEntries(run.result!.participants.map((p) => [p.id, p.score]));
    expect(scores).toEqual({ [owls.team]: 195, [foxes.team]: 10 });

    // The exported log replays to the live result.
    const exported = await api.call('runs.export', { runId: live.runId, format: 'jsonl' });
    const replayed = await replayLines(compileHunt(run.hunt as Hunt), exported.text.split('\n'));
    expect(replayed.participants).toEqual(run.result!.participants);
  });
}

describe('organiser console API, in-process', () => suite(inProcess));
describe('organiser console API, over the web host', () => suite(overWebHost));
