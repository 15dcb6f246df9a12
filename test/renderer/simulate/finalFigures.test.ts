// The Simulate screen's figures against the real host (in-process): a read of the run's
// analytics made while the run is going can answer after the run has ended (on a busy
// machine a read takes seconds). Its "still on it" parts are then not the completed run's:
// the screen must not present them as the run's final figures, and must go on to read them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import type { RunAnalytics, StudioApi } from '../../../api/contract';
import { inProcess, type ApiUnderTest } from '../../api/hosts';

let host: ApiUnderTest | null = null;
/** Set by the test: the next analytics answer is held back until `release` is called. */
let hold: { release: () => void; released: Promise<void>; asked: boolean } | null = null;

vi.mock('../../../renderer/api', () => ({
  api: (): StudioApi => ({
    call: (async (method: string, arg: unknown) => {
      const h = method === 'runs.analytics' && hold && !hold.asked ? hold : null;
      if (h) h.asked = true;
      const answer = await (host!.api.call as (m: string, a: unknown) => Promise<unknown>)(method, arg);
      if (h) await h.released; // the read was made; its answer arrives late, as on a loaded machine
      return answer;
    }) as StudioApi['call'],
    subscribe: ((topic: string, listener: (m: unknown) => void) => (host!.api.subscribe as (t: string, l: (m: unknown) => void) => () => void)(topic, listener)) as StudioApi['subscribe'],
  }),
  errorMessage: (e: unknown) => (e instanceof Error ? e.message : String(e)),
}));

afterEach(async () => {
  await host?.close();
  host = null;
});

const stillOn = (a: RunAnalytics) => a.steps.reduce((n, s) => n + s.open, 0);

it('a completed run never shows figures read mid-run as its own: they are marked as being updated, then the final ones come', async () => {
  host = await inProcess();
  const { simulation, startSimulation, control, figuresState } = await import('../../../renderer/simulate/simulation');
  // Every state the screen could render after the run completed, as the screen would label it.
  const afterEnd: { state: string; stillOn: number; participants: number }[] = [];
  simulation.subscribe(() => {
    const s = simulation.get();
    if (s.progress?.status === 'completed' && s.analytics) afterEnd.push({ state: figuresState(s), stillOn: stillOn(s.analytics), participants: s.analytics.participants });
  });
  const hunt = JSON.parse(readFileSync(join(__dirname, '../../../examples/old-town-walk.hunt.json'), 'utf8'));
  // Paced (a speed above 0 hands the runtime one line at a time), so a pause stops the run where it is.
  await startSimulation(hunt, 'late read', { participants: 400, seed: 5, profiles: null, speed: 3000 });
  // Pause part-way: the pause reads the figures so far; that answer is held back.
  await expect.poll(() => simulation.get().progress?.processed ?? 0, { timeout: 60_000, interval: 20 }).toBeGreaterThan(1000);
  let release: () => void = () => undefined;
  hold = { release: () => release(), released: new Promise<void>((r) => (release = r)), asked: false };
  await control('pause');
  await expect.poll(() => hold!.asked, { timeout: 60_000, interval: 20 }).toBe(true);
  await control('resume', 0);
  await expect.poll(() => simulation.get().progress?.status, { timeout: 60_000, interval: 50 }).toBe('completed');
  hold.release();
  // The final figures arrive in the end: everyone, and nobody still on a step.
  await expect.poll(() => figuresState(simulation.get()), { timeout: 60_000, interval: 50 }).toBe('final');
  const final = simulation.get().analytics!;
  expect(final.participants).toBe(400);
  expect(stillOn(final)).toBe(0);
  // The held answer (read mid-run) did land after the end, and had people still on steps...
  const late = afterEnd.filter((x) => x.stillOn > 0);
  expect(late.length).toBeGreaterThan(0);
  // ...but whenever the completed run showed such figures, they were labelled as being updated.
  for (const x of afterEnd) if (x.stillOn > 0 || x.participants < 400) expect(x.state, `figures with ${x.stillOn} still on a step shown for the completed run`).toBe('updating');
}, 120_000);
