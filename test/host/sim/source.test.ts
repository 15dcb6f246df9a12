import { describe, expect, it } from 'vitest';
import { eachLine, sourceFromDescription, type LineItem, type LineStream } from '../../../host/store/source';
import { isLineBatch, lineTexts, participantAt, typeAt } from '../../../engine/batch/lineBatch';
import { simulationSource } from '../../../host/sim/source';
import { SimulationControl } from '../../../host/sim/control';
import { generatorHeapMb, simulationShardHeapMb } from '../../../host/tuning';
import { defaultOldGenerationMb } from '../../../engine/runtime/shardedRuntime';
import { defaultProfiles } from '../../../engine/sim/presets';
import { fairHunt, parkHunt, profile, runSim } from '../../engine/sim/helpers';

async function collect(lines: LineStream): Promise<string[]> {
  const out: string[] = [];
  for await (const l of eachLine(lines)) out.push(l);
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

  it('carries lines of any text through its worker (non-ASCII profile names, lines longer than usual)', async () => {
    const named = { ...d, profiles: defaultProfiles().map((p, i) => ({ ...p, name: `${'é'.repeat(60)}-ünïcode-${'名'.repeat(40)}-${i}` })) };
    const expected = runSim(named.hunt, named).lines;
    expect(expected.some((l) => l.includes('名'))).toBe(true);
    expect(await collect(simulationSource(named).open(1))).toEqual(expected);
  });

  it('hands each full-speed chunk over with every line\'s envelope and a position\'s coordinates, as the line itself says', async () => {
    const expected = runSim(d.hunt, d).lines;
    const seen: string[] = [];
    let positions = 0;
    for await (const item of simulationSource(d).open(1)) {
      expect(isLineBatch(item)).toBe(true);
      if (!isLineBatch(item)) continue;
      lineTexts(item).forEach((line, k) => {
        const { t, p, type, lat = NaN, lon = NaN } = JSON.parse(line) as { t: number; p: string; type: string; lat?: number; lon?: number };
        expect([item.t[k], participantAt(item, k), typeAt(item, k)]).toEqual([t, p, type]);
        // Exactly the parsed values (a shard builds the event from them instead of parsing the line).
        expect([item.lat[k], item.lon[k]]).toEqual([lat, lon]);
        if (type === 'position') positions++;
        seen.push(line);
      });
      expect(item.t.length).toBe(item.length);
    }
    expect(seen).toEqual(expected);
    expect(positions).toBeGreaterThan(expected.length / 2);
  });

  it('hands over whole chunks at full speed and single lines through the gate while paused', async () => {
    const expected = runSim(d.hunt, d).lines;
    const control = new SimulationControl({ paused: true });
    const items: LineItem[] = [];
    const stream = simulationSource(d, { control }).open(1)[Symbol.asyncIterator]();
    control.step(2);
    for (let i = 0; i < 2; i++) items.push((await stream.next()).value as string);
    expect(items).toEqual(expected.slice(0, 2));
    control.resume();
    for (let r = await stream.next(); !r.done; r = await stream.next()) items.push(r.value);
    // After the two stepped lines, the rest of the first chunk comes in one piece.
    expect(isLineBatch(items[2])).toBe(true);
    expect(items.flatMap((item) => (isLineBatch(item) ? lineTexts(item) : item))).toEqual(expected);
  });

  it('is rebuilt from its stored description and resumes after a given line (as after a crash)', async () => {
    const all = runSim(d.hunt, d).lines;
    const stored = JSON.parse(JSON.stringify(simulationSource(d).describe()));
    const tail = await collect(sourceFromDescription(stored).open(101));
    expect(tail).toEqual(all.slice(100));
    expect(() => sourceFromDescription({ kind: 'simulation', seed: 1 })).toThrow(/simulation settings/);
  });

  it('hunt/2 with every v2 profile field: the same lines from its worker, and from its stored description after a given line', async () => {
    const v2 = {
      kind: 'simulation' as const,
      hunt: fairHunt(),
      participants: 40,
      seed: 5,
      profiles: [
        ...defaultProfiles(),
        profile({
          name: 'organised',
          share: 0.3,
          solve: { answer: 0.6, code: 0.9, location: 0.8, choice: 0.5, judged: 0.7 },
          judging: { delaySec: { median: 300, spread: 0.5 }, pointsShare: 0.8 },
          bonus: 0.9,
          branch: 'easiest',
          shortcut: true,
          waitUpToSec: 3000,
          corrections: { adjust: { chance: 0.5, points: 15 }, extend: { chance: 0.5, seconds: 300 } },
        }),
      ],
    };
    const all = runSim(v2.hunt, v2).lines;
    expect(all.some((l) => l.includes('"type":"adjust"'))).toBe(true);
    expect(await collect(simulationSource(v2).open(1))).toEqual(all);
    const stored = JSON.parse(JSON.stringify(simulationSource(v2).describe()));
    expect(await collect(sourceFromDescription(stored).open(301))).toEqual(all.slice(300));
  });

  it('caps a simulation shard tighter than the runtime default, and more for more participants or steps', () => {
    const tight = simulationShardHeapMb(100_000, 2, 20);
    expect(tight).toBe(64 + Math.ceil((50_000 * 1.5) / 1024));
    expect(tight).toBeLessThan(defaultOldGenerationMb(50_000, 20)!);
    expect(simulationShardHeapMb(100_000, 1, 20)).toBeGreaterThan(tight);
    expect(simulationShardHeapMb(100_000, 2, 60)).toBeGreaterThan(tight);
  });

  it('sizes the generator heap with the population', () => {
    expect(generatorHeapMb(100_000, 20)).toBeGreaterThan(generatorHeapMb(10_000, 20));
    expect(generatorHeapMb(100_000, 20)).toBeLessThan(512);
  });
});
