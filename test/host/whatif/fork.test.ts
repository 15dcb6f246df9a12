import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../db/open';
import { maxSeq } from '../../../db/events';
import { defaultProfiles } from '../../../engine/sim/presets';
import { runSimulation, type SimulationOutcome } from '../../../host/sim/run';
import { forkStoredRun } from '../../../host/whatif/fork';
import { parkHunt } from '../../engine/sim/helpers';
import { hunt as runHunt } from '../store/cli-harness';

const dir = mkdtempSync(join(tmpdir(), 'hunt-fork-'));
const file = join(dir, 'runs.db');
const hunt = parkHunt();
const harder = structuredClone(hunt);
const riddle = harder.steps.find((s) => s.id === 'riddle')!;
if (riddle.kind === 'answer') riddle.maxAttempts = 1;
let stored: SimulationOutcome;
let db: Db;
beforeAll(async () => {
  stored = await runSimulation({ db: file, hunt, participants: 100, seed: 12, profiles: defaultProfiles(), keepResults: false });
  db = openDatabase(file, { readonly: true });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('forkStoredRun', () => {
  it('continued with the unchanged hunt from its own streams, is the stored run; an edited hunt shows its difference', async () => {
    const events = maxSeq(db, stored.runId);
    const same = await forkStoredRun({ db, runId: stored.runId, at: Math.floor(events / 3), runs: 3, workers: 2 });
    expect(same.original).toEqual(stored.summary);
    expect(same.comparison.metrics.every((m) => m.verdict === null && (m.diff === null || m.diff === 0))).toBe(true);
    const fork = await forkStoredRun({ db, runId: stored.runId, at: Math.floor(events / 3), hunt: harder, runs: 3, workers: 1 });
    expect(fork.original).toEqual(stored.summary);
    expect(fork.comparison.metrics.find((m) => m.key === 'step/riddle/failed')!.verdict).toBe('higher');
  });

  it('refuses an event outside the run and a hunt with other steps', async () => {
    await expect(forkStoredRun({ db, runId: stored.runId, at: 0, runs: 1 })).rejects.toThrow(/--at: must be an event of run/);
    await expect(forkStoredRun({ db, runId: 99, at: 1, runs: 1 })).rejects.toThrow(/run 99: no such run/);
    await expect(forkStoredRun({ db, runId: stored.runId, at: 5, runs: 1, hunt: { ...hunt, steps: hunt.steps.slice(0, 1) } as typeof hunt })).rejects.toThrow(/keeps the hunt's steps/);
  });

  it('hunt fork prints the stored run and the difference', async () => {
    const huntFile = join(dir, 'harder.hunt.json');
    writeFileSync(huntFile, JSON.stringify(harder));
    const r = await runHunt('fork', String(stored.runId), '--at', '500', '--hunt', huntFile, '--runs', '3', '--db', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Forked run ${stored.runId} at event 500: 3 continuations a side × 100 participants`);
    expect(r.out).toMatch(/riddle: failed .*B higher/);
    expect((await runHunt('fork', String(stored.runId), '--runs', '2', '--db', file)).err).toContain('--at is required');
  });
});
