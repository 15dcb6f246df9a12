import { describe, expect, it } from 'vitest';
import { sourceFromDescription } from '../../../host/store/source';
import { simulationSource, generatorHeapMb } from '../../../host/sim/source';
import { defaultProfiles } from '../../../engine/sim/presets';
import { parkHunt, runSim } from '../../engine/sim/helpers';

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const l of lines) out.push(l);
  return out;
}

describe('simulation run source', () => {
  const d = { kind: 'simulation' as const, hunt: parkHunt(), participants: 40, seed: 3, profiles: defaultProfiles() };

  it('yields (from its worker) exactly the lines of the in-thread generator', async () => {
    const expected = runSim(d.hunt, d).lines;
    let outcome: unknown = null;
    const lines = await collect(simulationSource(d, { onOutcome: (o) => (outcome = o) }).open(1));
    expect(lines).toEqual(expected);
    expect(outcome).toMatchObject({ summary: { participants: 40 } });
  });

  it('is rebuilt from its stored description and resumes after a given line (as after a crash)', async () => {
    const all = runSim(d.hunt, d).lines;
    const stored = JSON.parse(JSON.stringify(simulationSource(d).describe()));
    const tail = await collect(sourceFromDescription(stored).open(101));
    expect(tail).toEqual(all.slice(100));
    expect(() => sourceFromDescription({ kind: 'simulation', seed: 1 })).toThrow(/simulation settings/);
  });

  it('sizes the generator heap with the population', () => {
    expect(generatorHeapMb(100_000, 20)).toBeGreaterThan(generatorHeapMb(10_000, 20));
    expect(generatorHeapMb(100_000, 20)).toBeLessThan(512);
  });
});
