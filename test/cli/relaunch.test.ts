// A large simulation runs the command again with its heap capped for the population.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { relaunchArgs, relaunchEnv } from '../../cli/relaunch';
import { pipelineHeapMb, SIMULATION_PROCESS_ENV, simulationProcessFlags } from '../../host/tuning';
import { parkHunt } from '../engine/sim/helpers';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('relaunchArgs', () => {
  const current = { execArgv: ['--import', 'x'], argv: ['/usr/bin/node', '/app/bin/hunt.mjs', 'simulate', 'h.json'], env: {}, heapLimitMb: 4096 };

  it('runs the same command again with the cap, keeping the Node options', () => {
    expect(relaunchArgs(300, current)).toEqual(['--import', 'x', '--max-old-space-size=300', '/app/bin/hunt.mjs', 'simulate', 'h.json']);
  });

  it('adds V8 flags once, before the cap', () => {
    expect(relaunchArgs(300, current, ['--single-threaded-gc'])).toEqual(['--import', 'x', '--single-threaded-gc', '--max-old-space-size=300', '/app/bin/hunt.mjs', 'simulate', 'h.json']);
    expect(relaunchArgs(300, { ...current, execArgv: ['--single-threaded-gc'] }, ['--single-threaded-gc'])).toEqual(['--single-threaded-gc', '--max-old-space-size=300', '/app/bin/hunt.mjs', 'simulate', 'h.json']);
    expect(simulationProcessFlags(2)).toEqual(['--max-semi-space-size=8', '--single-threaded-gc']);
    expect(simulationProcessFlags(16)).toEqual(['--max-semi-space-size=8']);
  });

  it('never relaunches twice, nor when the heap is already about that small', () => {
    expect(relaunchArgs(300, { ...current, env: { HUNT_RELAUNCHED: '1' } })).toBeNull();
    expect(relaunchArgs(300, { ...current, heapLimitMb: 450 })).toBeNull();
  });

  it('adds the simulation environment under the current one, marked as relaunched', () => {
    expect(relaunchEnv({ PATH: '/bin' }, SIMULATION_PROCESS_ENV)).toEqual({ PATH: '/bin', MALLOC_MMAP_THRESHOLD_: '65536', MALLOC_ARENA_MAX: '2', HUNT_RELAUNCHED: '1' });
    // A value the user chose wins.
    expect(relaunchEnv({ MALLOC_MMAP_THRESHOLD_: '1048576' }, SIMULATION_PROCESS_ENV).MALLOC_MMAP_THRESHOLD_).toBe('1048576');
  });

  it('sizes the cap with the population', () => {
    expect(pipelineHeapMb(100_000)).toBeGreaterThan(pipelineHeapMb(20_000));
    expect(pipelineHeapMb(100_000)).toBeLessThan(320);
  });
});

describe('hunt simulate with a large population', () => {
  it('runs in a second process with a capped heap and reports as usual', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hunt-relaunch-'));
    try {
      const huntFile = join(dir, 'park.hunt.json');
      writeFileSync(huntFile, JSON.stringify(parkHunt()));
      const db = join(dir, 'big.db');
      const r = spawnSync(process.execPath, [join(ROOT, 'bin/hunt.mjs'), 'simulate', huntFile, '--participants', '20000', '--seed', '3', '--db', db, '--json'], {
        encoding: 'utf8',
        env: { ...process.env, NODE_DEBUG: '' },
      });
      expect(r.stderr).toContain(db);
      expect(r.status).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.settings.participants).toBe(20_000);
      expect(report.events).toBeGreaterThan(20_000);
      // The summary line about the database is printed once: only the second process ran the simulation.
      expect(r.stderr.split('storing the run').length - 1).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // A backstop: two processes and 20,000 participants take minutes on a busy machine.
  }, 600_000);

  it('ends with the first process: SIGKILLed, it leaves the run interrupted, not running on unseen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hunt-relaunch-kill-'));
    try {
      const huntFile = join(dir, 'park.hunt.json');
      writeFileSync(huntFile, JSON.stringify(parkHunt()));
      const db = join(dir, 'killed.db');
      const parent = spawn(process.execPath, [join(ROOT, 'bin/hunt.mjs'), 'simulate', huntFile, '--participants', '60000', '--seed', '4', '--workers', '1', '--db', db], { stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => parent.on('exit', () => resolve()));
      const stored = () => {
        try {
          const conn = new Database(db, { readonly: true, fileMustExist: true });
          try {
            return (conn.prepare('SELECT coalesce(max(events), 0) FROM runs').pluck().get() as number) ?? 0;
          } finally {
            conn.close();
          }
        } catch {
          return 0;
        }
      };
      const deadline = Date.now() + 60_000;
      while (stored() < 5_000) {
        if (Date.now() > deadline) throw new Error('no events stored within 60 s');
        await new Promise((r) => setTimeout(r, 100));
      }
      parent.kill('SIGKILL');
      await exited;
      await new Promise((r) => setTimeout(r, 1500));
      const after = stored();
      await new Promise((r) => setTimeout(r, 1500));
      expect(stored()).toBe(after);
      const r = spawnSync(process.execPath, [join(ROOT, 'bin/hunt.mjs'), 'runs', '--db', db, '--json'], { encoding: 'utf8' });
      expect(JSON.parse(r.stdout)[0].status).toBe('interrupted');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
