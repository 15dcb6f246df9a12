import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Hunt } from '../../../engine/hunt/schema';
import { compileHunt } from '../../../engine/hunt/compile';
import { Simulation, type SimulationSettings } from '../../../engine/sim/simulation';
import { SimulationRecorder } from '../../../engine/sim/recorder';
import { PRESETS } from '../../../engine/sim/presets';
import type { Profile } from '../../../engine/sim/profile';

export function parkHunt(): Hunt {
  return JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/park.hunt.json', import.meta.url)), 'utf8')) as Hunt;
}

/** A hunt/2 hunt with a choice, judged steps, on-success/on-failure and any-of branches, an opening hour, bonus steps and a rotation group. */
export function fairHunt(): Hunt {
  return JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/fair.hunt.json', import.meta.url)), 'utf8')) as Hunt;
}

export function runSim(hunt: Hunt, settings: SimulationSettings) {
  const h = compileHunt(hunt);
  const recorder = new SimulationRecorder(h);
  const sim = new Simulation(hunt, settings, recorder.onEnded);
  const lines = [...sim.lines()];
  return { h, sim, lines, recorder };
}

export function profile(over: Partial<Profile>): Profile {
  return { ...PRESETS.casual, start: { mode: 'together', atSec: 0 }, ...over };
}
