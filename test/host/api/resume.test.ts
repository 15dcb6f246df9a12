// runs.resume: a simulation interrupted by a killed process (the command line, here,
// killed with SIGKILL in the middle) shows as interrupted in the studio, is resumed
// there in a run thread with progress, and ends with the result of a run that was
// never interrupted. A resume can be cancelled; runs that cannot be resumed are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { RunProgress, RunSummary, StudioApi } from '../../../api/contract';
import type { ReplayResult } from '../../../engine/log/types';
import { inProcess, type ApiUnderTest } from '../../api/hosts';
import { apiError } from '../../api/contractSuite';

const REPO = join(__dirname, '..', '..', '..');
const HUNT_FILE = join(REPO, 'examples', 'old-town-walk.hunt.json');
const SETTINGS = { participants: 400, seed: 11, profiles: null, speed: 0, workers: 1 };

let t: ApiUnderTest;
beforeAll(async () => {
  t = await inProcess();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

/** Starts `hunt simulate` on the studio's database, kills it once events are stored, waits for it to exit. */
async function killedSimulation(dbFile: string): Promise<void> {
  mkdirSync(dirname(dbFile), { recursive: true });
  const child = spawn(
    process.execPath,
    [join(REPO, 'bin', 'hunt.mjs'), 'simulate', HUNT_FILE, '--participants', String(SETTINGS.participants), '--seed', String(SETTINGS.seed), '--workers', '1', '--speed', '600', '--db', dbFile],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    if (Date.now() > deadline) throw new Error('the simulation stored no events within 60 s');
    let events = 0;
    try {
      const db = new Database(dbFile, { readonly: true, fileMustExist: true });
      events = (db.prepare('SELECT max(events) FROM runs').pluck().get() as number | null) ?? 0;
      db.close();
    } catch {
      continue; // not created yet
    }
    if (events > 1000) break;
  }
  child.kill('SIGKILL');
  await exited;
}

async function settled(api: StudioApi, runId: string): Promise<RunSummary & { result: ReplayResult | null }> {
  await expect.poll(async () => (await api.call('runs.get', { runId })).status, { timeout: 60_000, interval: 100 }).not.toMatch(/running|paused/);
  return api.call('runs.get', { runId });
}

describe('resuming an interrupted run from the studio', () => {
  it('resumes a killed simulation with progress, to the result of an uninterrupted run', async () => {
    // The studio has the database open while the command line is killed: the run's process is gone, so it shows as interrupted.
    await t.api.call('runs.list', {});
    await killedSimulation(t.runs.dbFile);
    const [interrupted] = await t.api.call('runs.list', {});
    expect(interrupted.status).toBe('interrupted');
    expect(interrupted.events).toBeGreaterThan(1000);

    const progress: RunProgress[] = [];
    t.api.subscribe('run.progress', (p) => p.runId === interrupted.id && progress.push(p));
    const resumed = await t.api.call('runs.resume', { runId: interrupted.id });
    expect(resumed).toMatchObject({ id: interrupted.id, status: 'running' });
    expect((await apiError(t.api.call('runs.resume', { runId: interrupted.id }))).code).toBe('conflict');
    const done = await settled(t.api, interrupted.id);
    expect(done.status).toBe('completed');
    expect(progress.at(-1)).toMatchObject({ status: 'completed', processed: done.events });

    // The same simulation, never interrupted.
    const hunt = JSON.parse(readFileSync(HUNT_FILE, 'utf8'));
    const fresh = await t.api.call('runs.simulate', { hunt, name: 'uninterrupted', settings: SETTINGS });
    const reference = await settled(t.api, fresh.id);
    expect(done.events).toBe(reference.events);
    expect(done.result).toEqual(reference.result);
  }, 180_000);

  it('a resume can be cancelled (and resumed again later); runs that cannot be resumed are refused', async () => {
    const hunt = JSON.parse(readFileSync(HUNT_FILE, 'utf8'));
    const sim = await t.api.call('runs.simulate', { hunt, name: 'to cancel', settings: { ...SETTINGS, speed: 60 } });
    await t.api.call('runs.control', { runId: sim.id, action: 'cancel' });
    expect((await settled(t.api, sim.id)).status).toBe('cancelled');
    await t.api.call('runs.resume', { runId: sim.id });
    await t.api.call('runs.control', { runId: sim.id, action: 'cancel' });
    const cancelled = await settled(t.api, sim.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.result).toBeNull();

    // Completed runs have nothing to resume.
    const [completed] = (await t.api.call('runs.list', {})).filter((r) => r.status === 'completed');
    expect((await apiError(t.api.call('runs.resume', { runId: completed.id }))).code).toBe('conflict');
    expect((await apiError(t.api.call('runs.resume', { runId: '999' }))).code).toBe('not-found');
  }, 120_000);
});
