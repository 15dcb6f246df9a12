// The runs.* part of the contract suite: replays and simulations started through the
// API, answered at once, followed by progress, then read back in every way the studio does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { RunProgress, RunSummary, StudioApi } from '../../api/contract';
import type { ReplayResult } from '../../engine/log/types';
import { apiError } from './contractSuite';
import type { ApiFactory, ApiUnderTest } from './hosts';

const FIXTURES = join(__dirname, '..', 'fixtures', 'conformance');
const hunt = () => JSON.parse(readFileSync(join(FIXTURES, 'case1.hunt.json'), 'utf8'));
const logText = () => readFileSync(join(FIXTURES, 'case1.jsonl'), 'utf8');
// The fixture leaves out finishedAt for participants who did not finish; results carry it as null.
const expected = (): ReplayResult => {
  const r = JSON.parse(readFileSync(join(FIXTURES, 'case1.expected.json'), 'utf8')) as ReplayResult;
  return { ...r, participants: r.participants.map((p) => ({ ...p, finishedAt: p.finishedAt ?? null })) };
};

async function settled(api: StudioApi, runId: string): Promise<RunSummary & { result: ReplayResult | null; hunt: unknown }> {
  await expect.poll(async () => (await api.call('runs.get', { runId })).status, { timeout: 30_000, interval: 50 }).not.toMatch(/running|paused/);
  return api.call('runs.get', { runId });
}

export function runsSuite(factory: ApiFactory) {
  let t: ApiUnderTest;
  beforeEach(async () => {
    t = await factory();
  });
  afterEach(async () => {
    await t.close();
  });

  it('replays a log as a stored run: answered at once, then the spec result, with progress to the end', async () => {
    const progress: RunProgress[] = [];
    t.api.subscribe('run.progress', (p) => progress.push(p));
    await (t.api as { ready?: () => Promise<void> }).ready?.();
    const started = await t.api.call('runs.replay', { hunt: hunt(), name: 'case 1', logText: logText() });
    expect(started).toMatchObject({ kind: 'replay', name: 'case 1', huntId: 'river-trail' });
    expect(started.id).toMatch(/^\d+$/);
    const run = await settled(t.api, started.id);
    expect(run.status).toBe('completed');
    const want = expected();
    expect(run.result).toMatchObject({ hunt: want.hunt, events: want.events, applied: want.applied, rejected: want.rejected, endTime: want.endTime });
    expect(run.result!.participants).toEqual(want.participants);
    await expect.poll(() => progress.at(-1)?.status, { timeout: 5000 }).toBe('completed');
    expect(progress.at(-1)).toMatchObject({ runId: started.id, processed: want.events, total: want.events });
    expect((await t.api.call('runs.list', {})).map((r) => r.id)).toEqual([started.id]);
  });

  it('reads a stored run back: events, rejections, density, participants, inspector, exports, analytics', async () => {
    const { id: runId } = await t.api.call('runs.replay', { hunt: hunt(), name: 'read back', logText: logText() });
    const run = await settled(t.api, runId);
    const want = expected();
    // The run carries the hunt it ran with, so the debugger draws it whatever the editor holds.
    expect(run.hunt).toEqual(hunt());
    const light = await t.api.call('runs.get', { runId, result: false });
    expect(light).toMatchObject({ id: runId, status: 'completed', result: null });
    expect(light.hunt).toEqual(hunt());
    const events = await t.api.call('runs.events', { runId, fromSeq: 1, limit: 10 });
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const firstRejection = await t.api.call('runs.findEvent', { runId, fromSeq: 1, direction: 1, kind: 'rejection' });
    expect(firstRejection).toMatchObject({ line: want.rejected[0].line, rejected: want.rejected[0].reason });
    const lastRejection = await t.api.call('runs.findEvent', { runId, fromSeq: run.events, direction: -1, kind: 'rejection' });
    expect(lastRejection).toMatchObject({ line: want.rejected.at(-1)!.line, rejected: want.rejected.at(-1)!.reason });

    const density = await t.api.call('runs.density', { runId, buckets: 20 });
    expect(density.buckets).toHaveLength(20);
    expect(density.buckets.reduce((a, b) => a + b, 0)).toBe(want.events);
    expect(density.rejections.reduce((a, b) => a + b, 0)).toBe(want.rejected.length);
    expect(density.lastT).toBe(want.endTime);

    const byId = await t.api.call('runs.participants', { runId, atSeq: run.events, sort: 'id', desc: false, offset: 0, limit: 100 });
    expect(byId.total).toBe(want.participants.length);
    expect(byId.rows.map((r) => [r.id, r.status, r.score])).toEqual(want.participants.map((p) => [p.id, p.status, p.score]));
    const byScore = await t.api.call('runs.participants', { runId, atSeq: run.events, sort: 'score', desc: true, offset: 0, limit: 2 });
    expect(byScore.rows.map((r) => r.score)).toEqual([...want.participants.map((p) => p.score)].sort((a, b) => b - a).slice(0, 2));
    // Sorting mid-run seeks each participant's state.
    const mid = await t.api.call('runs.participants', { runId, atSeq: 20, sort: 'score', desc: false, offset: 0, limit: 100 });
    expect(mid.total).toBeLessThanOrEqual(want.participants.length);

    const who = want.participants[0];
    const detail = await t.api.call('runs.inspect', { runId, atSeq: run.events, participant: who.id });
    expect(detail).toMatchObject({ id: who.id, status: who.status, score: who.score, finishedAt: who.finishedAt });
    expect(detail.steps.length).toBe(hunt().steps.length);
    expect(detail.steps.filter((s) => s.status === 'solved').map((s) => s.id).sort()).toEqual([...who.solved].sort());
    expect(detail.events.every((e) => e.p === who.id)).toBe(true);
    expect((await apiError(t.api.call('runs.inspect', { runId, atSeq: 1, participant: 'nobody' }))).code).toBe('not-found');
    // The state alone (what a seek waits for), and the events on their own, at any point, back or forth.
    const stateOnly = await t.api.call('runs.inspect', { runId, atSeq: run.events, participant: who.id, events: false });
    expect(stateOnly).toEqual({ ...detail, events: [] });
    expect(await t.api.call('runs.history', { runId, atSeq: run.events, participant: who.id })).toEqual(detail.events);
    expect(detail.events.length).toBeGreaterThan(2);
    const cut = detail.events[1].seq;
    expect(await t.api.call('runs.history', { runId, atSeq: cut, participant: who.id })).toEqual(detail.events.filter((e) => e.seq <= cut));
    expect((await t.api.call('runs.inspect', { runId, atSeq: cut, participant: who.id })).events).toEqual(detail.events.slice(0, 2));

    const jsonl = await t.api.call('runs.export', { runId, format: 'jsonl' });
    expect(jsonl.fileName).toMatch(/\.jsonl$/);
    expect(jsonl.text.trim().split('\n')).toEqual(logText().split('\n').filter((l) => l.trim() !== ''));
    const json = await t.api.call('runs.export', { runId, format: 'json' });
    expect(JSON.parse(json.text).participants).toEqual(want.participants);
    const csv = await t.api.call('runs.export', { runId, format: 'csv' });
    expect(csv.text.split('\n')[0]).toBe('id,status,score,solved,failed,hintsUsed,finishedAt');
    expect(csv.text.trim().split('\n')).toHaveLength(want.participants.length + 1);

    const analytics = await t.api.call('runs.analytics', { runId });
    expect(analytics.participants).toBe(want.participants.length);
    expect(analytics.funnel.map((f) => f.step)).toEqual(hunt().steps.map((s: { id: string }) => s.id));
  });

  it('compares two runs: the same log twice is identical, a changed log diverges where it changed', async () => {
    const a = await t.api.call('runs.replay', { hunt: hunt(), name: 'a', logText: logText() });
    const lines = logText().split('\n');
    const cut = lines.slice(0, 60).join('\n') + '\n';
    const c = await t.api.call('runs.replay', { hunt: hunt(), name: 'c', logText: cut });
    for (const r of [a, c]) await settled(t.api, r.id);
    // Asked right after starting b: the comparison waits for b to finish rather than refusing.
    const b = await t.api.call('runs.replay', { hunt: hunt(), name: 'b', logText: logText() });
    const same = await t.api.call('runs.compare', { a: a.id, b: b.id });
    expect(same).toEqual({ a: a.id, b: b.id, firstDivergence: null, differences: [] });
    const diff = await t.api.call('runs.compare', { a: a.id, b: c.id });
    const nonBlankBefore = lines.slice(0, 60).filter((l) => l.trim() !== '').length;
    expect(diff.firstDivergence).toMatchObject({ seq: nonBlankBefore + 1, b: null });
    expect(diff.differences.length).toBeGreaterThan(0);
  });

  it('replays a log file from disk as it goes, named after the file', async () => {
    const started = await t.api.call('runs.replayFile', { hunt: hunt(), path: join(FIXTURES, 'case1.jsonl') });
    expect(started.name).toBe('case1.jsonl');
    const run = await settled(t.api, started.id);
    expect(run.status).toBe('completed');
    expect(run.result!.participants).toEqual(expected().participants);
    const missing = await apiError(t.api.call('runs.replayFile', { hunt: hunt(), path: join(t.dir, 'nope.jsonl') }));
    expect(missing.code).toBe('not-found');
    expect(missing.message).toContain('nope.jsonl');
  });

  it('refuses to replay or simulate an invalid hunt, naming its errors', async () => {
    const err = await apiError(t.api.call('runs.replay', { hunt: { format: 'hunt/1' }, name: 'x', logText: '' }));
    expect(err.code).toBe('invalid-hunt');
    expect(err.message).toContain('/id');
    const bad = await apiError(t.api.call('runs.simulate', { hunt: hunt(), settings: { participants: 5, seed: 1, profiles: 'no-such-preset', speed: 0 } }));
    expect(bad.code).toBe('bad-argument');
    expect(await t.api.call('runs.list', {})).toEqual([]);
  });

  it('simulates in the background with progress, and the stored run replays to the same result', async () => {
    const progress: RunProgress[] = [];
    t.api.subscribe('run.progress', (p) => progress.push(p));
    await (t.api as { ready?: () => Promise<void> }).ready?.();
    const sim = await t.api.call('runs.simulate', { hunt: hunt(), name: 'sim', settings: { participants: 30, seed: 7, profiles: null, speed: 0, workers: 1 } });
    expect(sim).toMatchObject({ kind: 'simulation', seed: 7 });
    const run = await settled(t.api, sim.id);
    expect(run.status).toBe('completed');
    expect(run.result!.participants).toHaveLength(30);
    await expect.poll(() => progress.at(-1)?.status, { timeout: 5000 }).toBe('completed');
    // The stored log, replayed as a log, gives the stored result.
    const { text } = await t.api.call('runs.export', { runId: sim.id, format: 'jsonl' });
    const again = await t.api.call('runs.replay', { hunt: hunt(), name: 'again', logText: text });
    const replayed = await settled(t.api, again.id);
    expect(replayed.result!.participants).toEqual(run.result!.participants);
  });

  it('says which settings differ between two simulations and whether the outcome moved, and why a change could not matter', async () => {
    const example = () => JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'old-town-walk.hunt.json'), 'utf8'));
    const settings = { participants: 200, seed: 4, profiles: null, speed: 0, workers: 1 };
    const first = await t.api.call('runs.simulate', { hunt: example(), name: 'first', settings });
    // Only hint penalties lower: the same seed simulates the same people doing the same things.
    const cheaper = example();
    for (const s of cheaper.steps) for (const h of s.hints ?? []) h.penalty = 0;
    const second = await t.api.call('runs.simulate', { hunt: cheaper, name: 'cheaper hints', settings });
    const same = await t.api.call('runs.changes', { a: first.id, b: second.id });
    expect(same.changes.length).toBeGreaterThan(0);
    expect(new Set(same.changes.map((c) => c.setting))).toEqual(new Set(['hint-penalties']));
    expect(same.changes.find((c) => c.step === 'roof-eagle')).toMatchObject({ label: 'hint penalties of “Look up at the roof”', from: '10, 30', to: '0, 0' });
    expect(same.changes.every((c) => /scores only/.test(c.remark ?? ''))).toBe(true);
    expect(same.moved).toBe(false);
    // People took hints in the first run, so free hints changed their scores, and only those.
    const hints = (await t.api.call('runs.analytics', { runId: first.id })).steps.reduce((n, d) => n + d.hints, 0);
    expect(hints).toBeGreaterThan(0);
    expect(same.scoresMoved).toBe(true);
    expect(same.verdict).toMatch(/^The outcome did not move: the same [\d,]+ of 200 finished and every step was solved and failed as often; only the scores changed\.$/);
    // More attempts on a step failed by running out of them, and another seed: the outcome moves, and the seed is named as chance.
    const more = example();
    more.steps.find((s: { id: string }) => s.id === 'mozart-year').maxAttempts = 6;
    const third = await t.api.call('runs.simulate', { hunt: more, name: 'more attempts', settings: { ...settings, seed: 5 } });
    const moved = await t.api.call('runs.changes', { a: first.id, b: third.id });
    expect(moved.changes.map((c) => [c.setting, c.from, c.to])).toEqual([
      ['max-attempts', '2', '6'],
      ['seed', '4', '5'],
    ]);
    expect(moved.changes[0].remark).toBeNull();
    expect(moved.changes[1].remark).toMatch(/chance/);
    expect(moved.moved).toBe(true);
    expect(moved.lines.some((l) => l.startsWith('“Moving day”: solved'))).toBe(true);
    expect((await apiError(t.api.call('runs.changes', { a: first.id, b: '999' }))).code).toBe('not-found');
  });

  it('pauses, steps and cancels a simulation running in real time; a finished run cannot be controlled', async () => {
    const sim = await t.api.call('runs.simulate', { hunt: hunt(), settings: { participants: 50, seed: 3, profiles: null, speed: 1, workers: 1 } });
    const paused = await t.api.call('runs.control', { runId: sim.id, action: 'pause' });
    expect(paused.status).toBe('paused');
    expect((await t.api.call('runs.get', { runId: sim.id })).status).toBe('paused');
    expect((await apiError(t.api.call('runs.delete', { runId: sim.id }))).code).toBe('conflict');
    // Figures read while the run is going are the figures so far, and say so.
    expect((await t.api.call('runs.analytics', { runId: sim.id })).complete).toBe(false);
    expect((await t.api.call('runs.control', { runId: sim.id, action: 'step' })).status).toBe('paused');
    const resumed = await t.api.call('runs.control', { runId: sim.id, action: 'resume', speed: 2 });
    expect(resumed.status).toBe('running');
    expect((await apiError(t.api.call('runs.control', { runId: sim.id, action: 'step' }))).code).toBe('conflict');
    await t.api.call('runs.control', { runId: sim.id, action: 'cancel' });
    const run = await settled(t.api, sim.id);
    expect(run.status).toBe('cancelled');
    // Once it has settled, its figures are its final ones (as of an event: never).
    expect((await t.api.call('runs.analytics', { runId: sim.id })).complete).toBe(true);
    expect((await t.api.call('runs.analytics', { runId: sim.id, atSeq: 1 })).complete).toBe(false);
    expect((await apiError(t.api.call('runs.control', { runId: sim.id, action: 'pause' }))).code).toBe('conflict');
    expect(await t.api.call('runs.delete', { runId: sim.id })).toEqual({ deleted: true });
    expect((await apiError(t.api.call('runs.get', { runId: sim.id }))).code).toBe('not-found');
  });

  it('plays a hunt live: verdicts and state at once, stored as a run the debugger can open', async () => {
    const { runId, detail } = await t.api.call('live.start', { hunt: hunt(), participant: 'designer' });
    expect(detail).toMatchObject({ id: 'designer', status: 'active', joinedAt: 0, score: 0 });
    expect(detail.steps.find((s) => s.id === 'plaza')?.status).toBe('available');
    const wrong = await t.api.call('live.send', { runId, event: { t: 5, p: 'designer', type: 'scan', step: 'plaza', code: 'NOPE' } });
    expect(wrong.rejected).toBeNull();
    expect(wrong.detail.steps.find((s) => s.id === 'plaza')).toMatchObject({ status: 'available', wrongAttempts: 1 });
    const right = await t.api.call('live.send', { runId, event: { t: 9, p: 'designer', type: 'scan', step: 'plaza', code: 'TAB-1' } });
    expect(right.rejected).toBeNull();
    expect(right.detail.steps.find((s) => s.id === 'plaza')).toMatchObject({ status: 'solved', doneAt: 9 });
    const back = await t.api.call('live.send', { runId, event: { t: 2, p: 'designer', type: 'hint', step: 'plaza' } });
    expect(back.rejected).toBe('time-backwards');
    expect(back.detail.events.map((e) => e.rejected)).toEqual([null, null, null, 'time-backwards']);
    expect((await apiError(t.api.call('live.send', { runId, event: { t: 10, p: 'someone-else', type: 'quit' } }))).code).toBe('bad-argument');
    expect(await t.api.call('runs.progress', { runId })).toMatchObject({ status: 'running', processed: 4, virtualTime: 9, active: 1 });
    expect(await t.api.call('live.stop', { runId })).toEqual({ stopped: true });
    const run = await settled(t.api, runId);
    expect(run).toMatchObject({ kind: 'live', status: 'completed', events: 4 });
    const stored = await t.api.call('runs.inspect', { runId, atSeq: 4, participant: 'designer' });
    expect(stored.steps).toEqual(back.detail.steps);
    expect((await apiError(t.api.call('live.send', { runId, event: { t: 11, p: 'designer', type: 'quit' } }))).code).toBe('not-found');
  });

  it('playtests hunt/2: choose, submit, act as the organiser (judge, adjust, extend), wait for an opening; the debugger shows the same', async () => {
    const museum = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'museum-night.hunt.json'), 'utf8'));
    const { runId, detail } = await t.api.call('live.start', { hunt: museum, participant: 'designer' });
    expect(detail).toMatchObject({ format: 'hunt/2', joinIndex: 0, adjusted: 0, extendedSec: 0, deadlineAt: 5400 });
    expect(detail.rotations).toEqual([{ group: 'galleries', order: ['sculpture-hall', 'map-room', 'portrait-gallery'] }]);
    const step = (d: typeof detail, id: string) => d.steps.find((x) => x.id === id)!;
    expect(step(detail, 'dome-terrace').window).toEqual({ opensAt: 1800, closesAt: 4800, deadlineAt: null, next: { kind: 'fails', at: 4800 } });
    const send = async (event: Record<string, unknown>) => t.api.call('live.send', { runId, event: { p: 'designer', ...event } });
    expect((await send({ t: 10, type: 'choose', step: 'welcome', choice: 0 })).detail.steps[0]).toMatchObject({ status: 'available', wrongAttempts: 1 });
    expect((await send({ t: 12, type: 'choose', step: 'welcome', choice: 5 })).rejected).toBe('bad-choice');
    expect(step((await send({ t: 15, type: 'choose', step: 'welcome', choice: 1 })).detail, 'welcome')).toMatchObject({ status: 'solved', score: 40 });
    const submitted = await send({ t: 20, type: 'submit', step: 'museum-haiku', ref: 'Marble and moonlight' });
    expect(step(submitted.detail, 'museum-haiku')).toMatchObject({ status: 'pending', submission: { ref: 'Marble and moonlight', t: 20, seq: 5 } });
    const judged = await send({ t: 30, type: 'judge', step: 'museum-haiku', accept: true, points: 35, by: 'organiser' });
    expect(step(judged.detail, 'museum-haiku')).toMatchObject({ status: 'solved', points: 35, score: 35, submission: null });
    expect(judged.detail.events.at(-1)!.raw).toContain('"by":"organiser"');
    const adjusted = await send({ t: 40, type: 'adjust', points: -15, reason: 'ran in the gallery', by: 'organiser' });
    expect(adjusted.detail).toMatchObject({ adjusted: -15, score: 40 + 35 - 15 });
    expect((await send({ t: 50, type: 'extend', seconds: 600, by: 'organiser' })).detail).toMatchObject({ extendedSec: 600, deadlineAt: 6000 });
    // The riddle opens after two galleries; its own deadline is 900 s later.
    await send({ t: 60, type: 'position', lat: 48.20386, lon: 16.36171 });
    const riddleOpen = await send({ t: 70, type: 'scan', step: 'map-room', code: 'MERCATOR' });
    expect(step(riddleOpen.detail, 'riddle').window).toMatchObject({ deadlineAt: 970, next: { kind: 'fails', at: 970 } });
    // Moving the clock applies the timers: the riddle fails at its deadline, which opens the detour.
    const waited = await t.api.call('live.advance', { runId, t: 1000 });
    expect(step(waited.detail, 'riddle')).toMatchObject({ status: 'failed', doneAt: 970, failedBy: 'time-limit' });
    expect(step(waited.detail, 'riddle-detour')).toMatchObject({ status: 'available', availableAt: 970 });
    expect((await apiError(t.api.call('live.advance', { runId, t: 900 }))).code).toBe('bad-argument');
    expect((await apiError(send({ t: 990, type: 'scan', step: 'riddle-detour', code: 'DESK-7' }))).code).toBe('bad-argument');
    const detour = await send({ t: 1010, type: 'scan', step: 'riddle-detour', code: 'DESK-7' });
    expect(step(detour.detail, 'dome-terrace').window.next).toEqual({ kind: 'opens', at: 1800 });
    // Waiting for the terrace to open.
    expect(step((await t.api.call('live.advance', { runId, t: 1800 })).detail, 'dome-terrace')).toMatchObject({ status: 'available', availableAt: 1800 });
    const there = await send({ t: 1850, type: 'position', lat: 48.20426, lon: 16.36126 });
    expect(step(there.detail, 'dome-terrace')).toMatchObject({ status: 'solved', doneAt: 1850 });
    expect(there.detail.events.map((e) => e.rejected)).toEqual([null, null, 'bad-choice', null, null, null, null, null, null, null, null, null]);
    await t.api.call('live.stop', { runId });
    const run = await settled(t.api, runId);
    expect(run).toMatchObject({ kind: 'live', status: 'completed', events: 12 });
    // The stored run inspected in the debugger: the same state, and the pending submission found in the log.
    const stored = await t.api.call('runs.inspect', { runId, atSeq: 12, participant: 'designer' });
    expect(stored.steps).toEqual(there.detail.steps);
    expect({ ...stored, events: [] }).toEqual({ ...there.detail, events: [] });
    const atSubmit = await t.api.call('runs.inspect', { runId, atSeq: 5, participant: 'designer', events: false });
    expect(step(atSubmit, 'museum-haiku').submission).toEqual({ ref: 'Marble and moonlight', t: 20, seq: 5 });
    expect(atSubmit.steps).toEqual(submitted.detail.steps);
  });

  it('answers not-found for runs that do not exist', async () => {
    expect((await apiError(t.api.call('runs.get', { runId: '999' }))).code).toBe('not-found');
    expect((await apiError(t.api.call('runs.events', { runId: 'abc', fromSeq: 1, limit: 5 }))).code).toBe('not-found');
    expect(await t.api.call('runs.delete', { runId: '999' })).toEqual({ deleted: false });
  });
}
