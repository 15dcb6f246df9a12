import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SimulationControl } from '../../../host/sim/control';
import { runSimulation, startSimulation } from '../../../host/sim/run';
import { defaultProfiles } from '../../../engine/sim/presets';
import { parkHunt } from '../../engine/sim/helpers';

const tick = () => new Promise((r) => setTimeout(r, 20));

/** Pushes lines at the given virtual times through the gate, recording which passed. */
function pump(control: SimulationControl, times: number[]) {
  const passed: number[] = [];
  const done = (async () => {
    for (const t of times) {
      if (!(await control.gate(t))) return;
      passed.push(t);
    }
  })();
  return { passed, done };
}

describe('SimulationControl', () => {
  it('pauses, single-steps, resumes and cancels', async () => {
    const control = new SimulationControl({ paused: true });
    const { passed, done } = pump(control, [1, 2, 3, 4, 5, 6]);
    await tick();
    expect(passed).toEqual([]);
    control.step();
    await tick();
    expect(passed).toEqual([1]);
    control.step(2);
    await tick();
    expect(passed).toEqual([1, 2, 3]);
    control.resume();
    await tick();
    expect(passed).toEqual([1, 2, 3, 4, 5, 6]);
    await done;
    const c2 = new SimulationControl({ paused: true });
    const p2 = pump(c2, [1, 2]);
    c2.cancel();
    await p2.done;
    expect(p2.passed).toEqual([]);
    expect(c2.signal.aborted).toBe(true);
    expect(c2.state).toBe('cancelled');
  });

  it('paces lines in real time times the speed factor', async () => {
    const control = new SimulationControl({ speed: 100 });
    const started = performance.now();
    const { done, passed } = pump(control, [0, 10, 20]); // 20 virtual s at 100x = 200 ms
    await done;
    const ms = performance.now() - started;
    expect(passed).toEqual([0, 10, 20]);
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(2000);
    control.setSpeed(0);
    const fast = performance.now();
    await pump(control, [1000, 5000]).done;
    expect(performance.now() - fast).toBeLessThan(100);
    expect(() => control.setSpeed(-1)).toThrow(/speed/);
  });

  it('a cancelled simulation run is stored as cancelled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hunt-simctl-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const handle = startSimulation({ db: join(dir, 'c.db'), hunt: parkHunt(), participants: 50, seed: 1, profiles: defaultProfiles(), workers: 1, paused: true });
    await handle.runId;
    handle.control.step(5);
    await tick();
    handle.control.cancel();
    const outcome = await handle.done;
    expect(outcome.status).toBe('cancelled');
    expect(outcome.result).toBeNull();
  });
});

describe('resuming a simulation run', () => {
  it('a cancelled simulation resumes from its seed to the same result as an uninterrupted one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hunt-simres-'));
    try {
      const db = join(dir, 'r.db');
      const settings = { db, hunt: parkHunt(), participants: 30, seed: 8, profiles: defaultProfiles(), workers: 1 };
      const handle = startSimulation({ ...settings, paused: true });
      const runId = await handle.runId;
      handle.control.step(200);
      await new Promise((r) => setTimeout(r, 300));
      handle.control.cancel();
      expect((await handle.done).status).toBe('cancelled');
      const { resumeRun } = await import('../../../host/store/resume');
      const resumed = await resumeRun(db, runId, { workers: 2 });
      const full = await runSimulation({ ...settings, db: join(dir, 'full.db') });
      expect(resumed.result).toEqual(full.result);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
