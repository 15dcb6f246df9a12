// Every simulated log is reproducible from its seed, so a speed-up of the generator must
// leave its bytes alone. These hashes were taken from the code before the scheduler and
// random-stream speed-ups (commit 65790a2) and must never change unless the simulated
// behaviour is changed on purpose (then say so in docs/simulation.md).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { benchHunt } from '../../../bench/bench-hunt';
import { validateHunt } from '../../../engine/hunt/validate';
import { defaultProfiles } from '../../../engine/sim/presets';
import { Simulation } from '../../../engine/sim/simulation';

function logHash(hunt: unknown): { lines: number; sha256: string } {
  const v = validateHunt(hunt);
  if (!v.hunt) throw new Error(`invalid hunt: ${JSON.stringify(v.errors[0])}`);
  const sim = new Simulation(v.hunt, { participants: 200, seed: 3, profiles: defaultProfiles() });
  const h = createHash('sha256');
  let lines = 0;
  for (const line of sim.lines()) {
    h.update(line + '\n');
    lines++;
  }
  return { lines, sha256: h.digest('hex') };
}

describe('simulated logs', () => {
  it('of the hunt/1 benchmark hunt are byte for byte as before', () => {
    expect(logHash(benchHunt())).toEqual({ lines: 18710, sha256: 'dc53158659b28665a23406026f196bf0b94ed64069422093b320bb837974c869' });
  });

  it('of the hunt/2 Museum Night example are byte for byte as before', () => {
    const hunt: unknown = JSON.parse(readFileSync(new URL('../../../examples/museum-night.hunt.json', import.meta.url), 'utf8'));
    expect(logHash(hunt)).toEqual({ lines: 3804, sha256: '86809b69ad21bcd72dcf3655d9bbb6efc303392a00a2325d6025ef0179b1bb0a' });
  });
});
