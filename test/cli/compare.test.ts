import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parkHunt } from '../engine/sim/helpers';
import { hunt } from '../host/store/cli-harness';

let dir: string;
let fileA: string;
let fileB: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hunt-compare-'));
  fileA = join(dir, 'a.hunt.json');
  fileB = join(dir, 'b.hunt.json');
  const b = parkHunt();
  const riddle = b.steps.find((s) => s.id === 'riddle')!;
  if (riddle.kind === 'answer') riddle.maxAttempts = 1;
  writeFileSync(fileA, JSON.stringify(parkHunt()));
  writeFileSync(fileB, JSON.stringify(b));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hunt compare', () => {
  it('prints the differences, calling the planted one with its sign', async () => {
    const r = await hunt('compare', fileA, fileB, '--participants', '100', '--runs', '5', '--seed', '3');
    expect(r.code).toBe(0);
    expect(r.out).toContain('5 runs a design × 100 participants, seeds 3–7');
    expect(r.out).toMatch(/riddle: failed .*B higher/);
    expect(r.out).toMatch(/score p50 .*B lower/);
  });

  it('prints JSON that is the same for any number of workers', async () => {
    const one = await hunt('compare', fileA, fileB, '--participants', '80', '--runs', '3', '--seed', '1', '--json', '--workers', '1');
    const two = await hunt('compare', fileA, fileB, '--participants', '80', '--runs', '3', '--seed', '1', '--json', '--workers', '2');
    expect(one.code).toBe(0);
    expect(JSON.parse(one.out)).toEqual(JSON.parse(two.out));
    expect(JSON.parse(one.out)).toMatchObject({ a: { hunt: 'park' }, comparison: { runs: 3, participants: 80 } });
  });

  it('rejects bad arguments and invalid hunts clearly', async () => {
    expect((await hunt('compare', fileA, '--participants', '10', '--runs', '2', '--seed', '1')).err).toContain('two hunt files expected');
    const noRuns = await hunt('compare', fileA, fileB, '--participants', '10', '--seed', '1');
    expect(noRuns.code).toBe(2);
    expect(noRuns.err).toContain('--runs is required');
    const bad = join(dir, 'bad.hunt.json');
    writeFileSync(bad, JSON.stringify({ ...parkHunt(), steps: [] }));
    const invalid = await hunt('compare', fileA, bad, '--participants', '10', '--runs', '2', '--seed', '1');
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain(bad);
  });
});
