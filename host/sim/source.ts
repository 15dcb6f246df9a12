// The simulation as a run source for the durable pipeline (host/store). Its stored
// description holds everything that determines the log (hunt, participants, seed,
// profiles), so `resume` can regenerate the very same lines after a crash and
// continue after the last committed one.
import type { Hunt } from '../../engine/hunt/schema';
import type { Profile } from '../../engine/sim/profile';
import { Simulation, type EndedParticipant } from '../../engine/sim/simulation';
import { registerSourceKind, type RunSource } from '../store/source';
import type { SimulationControl } from './control';

export type SimulationDescription = {
  kind: 'simulation';
  hunt: Hunt;
  participants: number;
  seed: number;
  profiles: Profile[];
};

export type SimulationHooks = {
  control?: SimulationControl;
  /** Called with each Simulation created by open() (progress counters live on it). */
  onStart?: (sim: Simulation) => void;
  onEnded?: (p: EndedParticipant) => void;
  /** Every line handed to the pipeline, in order (e.g. to write --out). */
  onLine?: (line: string) => void;
};

export function simulationSource(d: SimulationDescription, hooks: SimulationHooks = {}): RunSource {
  return {
    describe: () => d,
    open: (fromLine) => lines(d, fromLine, hooks),
  };
}

async function* lines(d: SimulationDescription, fromLine: number, hooks: SimulationHooks): AsyncGenerator<string> {
  const sim = new Simulation(d.hunt, { participants: d.participants, seed: d.seed, profiles: d.profiles }, hooks.onEnded);
  hooks.onStart?.(sim);
  const control = hooks.control;
  // Lines before fromLine were committed before a crash: regenerate them silently.
  for (let n = 1; n < fromLine; n++) if (sim.nextLine() === null) return;
  for (;;) {
    if (control && !(await control.gate(sim.peekTime()))) return;
    const line = sim.nextLine();
    if (line === null) return;
    hooks.onLine?.(line);
    yield line;
  }
}

function isDescription(d: Record<string, unknown>): d is SimulationDescription {
  return typeof d.hunt === 'object' && typeof d.participants === 'number' && typeof d.seed === 'number' && Array.isArray(d.profiles);
}

registerSourceKind('simulation', (d) => {
  if (!isDescription(d)) throw new Error('the run was stored without its simulation settings, so it cannot be regenerated');
  return simulationSource(d);
});
