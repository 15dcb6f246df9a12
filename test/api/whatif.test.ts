// The whatif.* API: jobs answered at once, followed by progress (and sweep points) on the
// topics, read whole with whatif.job, cancelled with whatif.cancel. In-process and over the
// web host, like the rest of the contract.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StudioApi } from '../../api/contract';
import type { PointResult, WhatIfJob, WhatIfProgress } from '../../api/whatIf';
import { parkHunt } from '../engine/sim/helpers';
import { apiError } from './contractSuite';
import { inProcess, overWebHost, type ApiFactory, type ApiUnderTest } from './hosts';

const read = (p: string) => readFileSync(join(__dirname, '..', '..', p), 'utf8');

async function ended(api: StudioApi, jobId: string): Promise<WhatIfJob> {
  await expect.poll(async () => (await api.call('whatif.job', { jobId })).status, { timeout: 120_000, interval: 50 }).not.toBe('running');
  return api.call('whatif.job', { jobId });
}

function suite(factory: ApiFactory) {
  let t: ApiUnderTest;
  beforeEach(async () => {
    t = await factory();
    await (t.api as { ready?: () => Promise<void> }).ready?.();
  });
  afterEach(async () => {
    await t.close();
  });

  it('compares a design with a harder one: the planted difference is called with its sign, progress reaches its end', async () => {
    const a = parkHunt();
    const b = structuredClone(a);
    const riddle = b.steps.find((s) => s.id === 'riddle')!;
    if (riddle.kind === 'answer') riddle.maxAttempts = 1;
    const progress: WhatIfProgress[] = [];
    t.api.subscribe('whatif.progress', (p) => progress.push(p));
    const started = await t.api.call('whatif.compare', { a: { hunt: a }, b: { hunt: b }, participants: 60, runs: 3, seed: 4, profiles: null });
    expect(started).toMatchObject({ kind: 'compare', status: 'running' });
    const job = await ended(t.api, started.jobId);
    expect(job.status).toBe('completed');
    if (job.result?.kind !== 'compare') throw new Error('no comparison');
    expect(job.result.comparison.metrics.find((m) => m.key === 'step/riddle/failed')!.verdict).toBe('higher');
    await expect.poll(() => progress.filter((p) => p.jobId === started.jobId).at(-1)?.status, { timeout: 5000 }).toBe('completed');
  });

  it('sweeps two fields: every point arrives on whatif.point, and a cancel stops the rest', async () => {
    const points: PointResult[] = [];
    t.api.subscribe('whatif.point', (m) => points.push(m.point));
    const axes = [
      { path: '/locations/gate/radiusM', from: 0, to: 20, step: 10 },
      { path: 'profiles/*/walk/gpsNoiseM', from: 0, to: 10, step: 10 },
    ];
    const small = await t.api.call('whatif.sweep', { design: { hunt: parkHunt() }, axes, participants: 20, runs: 2, seed: 1, profiles: null });
    expect(small.pointsTotal).toBe(6);
    const job = await ended(t.api, small.jobId);
    expect(job.status).toBe('completed');
    // radius 0 makes the hunt invalid: those points are reported, not run.
    expect(job.points.filter((p) => !p.ok).map((p) => p.values[0])).toEqual([0, 0]);
    await expect.poll(() => points.length, { timeout: 5000 }).toBe(6);
    if (job.result?.kind !== 'sweep') throw new Error('no sweep');
    expect(job.result.sweep.points.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);

    const big = await t.api.call('whatif.sweep', { design: { hunt: parkHunt() }, axes: [{ path: '/steps/riddle/timeLimitSec', from: 60, to: 6000, step: 60 }], participants: 2000, runs: 3, seed: 1, profiles: null });
    await t.api.call('whatif.cancel', { jobId: big.jobId });
    const cancelled = await ended(t.api, big.jobId);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.result).toBeNull();
    expect(cancelled.points.length).toBeLessThan(100);
    expect((await apiError(t.api.call('whatif.cancel', { jobId: big.jobId }))).code).toBe('conflict');
  });

  it('re-scores the example log with an accepted answer: exactly the foxes change', async () => {
    const hunt = JSON.parse(read('examples/old-town-walk.hunt.json'));
    const edited = structuredClone(hunt);
    edited.steps.find((s: { id: string }) => s.id === 'plague-year').answers = ['1679', '1683'];
    const started = await t.api.call('whatif.rescore', { hunt: edited, logText: read('examples/logs/old-town-walk.jsonl'), oldHunt: { hunt } });
    const job = await ended(t.api, started.jobId);
    if (job.result?.kind !== 'rescore') throw new Error(job.error ?? 'no rescore');
    expect(job.result.rescore.participants.filter((p) => p.changed).map((p) => p.id)).toEqual(['foxes']);
    expect(job.result.rescore.participants.find((p) => p.id === 'foxes')!.firstDivergence).toEqual({ line: 31, old: 'wrong attempt on plague-year', new: 'solved plague-year' });
  });

  it('forks a stored simulation: unchanged, every figure equals the original continuation; a replay cannot be forked', async () => {
    const sim = await t.api.call('runs.simulate', { hunt: parkHunt(), settings: { participants: 30, seed: 5, profiles: null, speed: 0 } });
    await expect.poll(async () => (await t.api.call('runs.get', { runId: sim.id, result: false })).status, { timeout: 120_000, interval: 100 }).toBe('completed');
    const { events } = await t.api.call('runs.get', { runId: sim.id, result: false });
    const started = await t.api.call('whatif.fork', { runId: sim.id, at: Math.floor(events / 2), runs: 2 });
    const job = await ended(t.api, started.jobId);
    if (job.result?.kind !== 'fork') throw new Error(job.error ?? 'no fork');
    expect(job.result.fork).toMatchObject({ runId: sim.id, at: Math.floor(events / 2), participants: 30, seed: 5 });
    expect(job.result.fork.comparison.metrics.every((m) => m.verdict === null && (m.diff === null || m.diff === 0))).toBe(true);
    expect((await apiError(t.api.call('whatif.fork', { runId: sim.id, at: events + 1, runs: 2 }))).message).toMatch(/^\/at: must be an event of run/);
    // The run's stored hunt version as a design: against the same hunt as JSON, nothing differs.
    const same = await t.api.call('whatif.compare', { a: { version: sim.huntVersion }, b: { hunt: parkHunt() }, participants: 20, runs: 2, seed: 1, profiles: null });
    const compared = await ended(t.api, same.jobId);
    if (compared.result?.kind !== 'compare') throw new Error(compared.error ?? 'no comparison');
    expect(compared.result.comparison.metrics.every((m) => m.verdict === null && (m.diff === null || m.diff === 0))).toBe(true);
    const hunt = JSON.parse(read('examples/old-town-walk.hunt.json'));
    const replay = await t.api.call('runs.replay', { hunt, name: 'log', logText: read('examples/logs/old-town-walk.jsonl') });
    await expect.poll(async () => (await t.api.call('runs.get', { runId: replay.id, result: false })).status, { timeout: 60_000, interval: 100 }).toBe('completed');
    expect(await apiError(t.api.call('whatif.fork', { runId: replay.id, at: 1, runs: 2 }))).toMatchObject({ code: 'conflict' });
  });

  it('answers bad designs, axes and sources at once, naming the field', async () => {
    const broken = { ...parkHunt(), steps: [] };
    const e1 = await apiError(t.api.call('whatif.compare', { a: { hunt: parkHunt() }, b: { hunt: broken }, participants: 10, runs: 2, seed: 1, profiles: null }));
    expect(e1.code).toBe('invalid-hunt');
    expect(e1.message).toMatch(/^Design B: /);
    const e2 = await apiError(t.api.call('whatif.sweep', { design: { hunt: parkHunt() }, axes: [{ path: 'locations/gate/radiusM', from: 1, to: 2, step: 1 }], participants: 10, runs: 1, seed: 1, profiles: null }));
    expect(e2).toMatchObject({ code: 'bad-argument' });
    expect(e2.message).toMatch(/^\/axes\/0: locations\/gate\/radiusM: a path starts with \//);
    const e3 = await apiError(t.api.call('whatif.rescore', { hunt: parkHunt(), logText: '' } as never));
    expect(e3.message).toContain('oldHunt');
    const e4 = await apiError(t.api.call('whatif.compare', { a: { version: 'abcdef0123' }, b: { hunt: parkHunt() }, participants: 10, runs: 2, seed: 1, profiles: null }));
    expect(e4).toMatchObject({ code: 'not-found' });
    expect((await apiError(t.api.call('whatif.job', { jobId: 'compare-999' }))).code).toBe('not-found');
  });

  it('lists the numeric fields a sweep can vary', async () => {
    const fields = await t.api.call('whatif.fields', { hunt: parkHunt(), profiles: null });
    expect(fields.hunt).toContainEqual({ path: '/locations/gate/radiusM', value: 25 });
    expect(fields.hunt).toContainEqual({ path: '/steps/riddle/hints/0/penalty', value: 20 });
    expect(fields.profiles.map((f) => f.path)).toContain('profiles/*/walk/gpsNoiseM');
  });
}

describe('whatif API in-process', () => suite(inProcess));
describe('whatif API over the web host', () => suite(overWebHost));
