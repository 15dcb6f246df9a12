import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parkHunt } from '../engine/sim/helpers';
import { hunt } from '../host/store/cli-harness';

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hunt-sweep-'));
  file = join(dir, 'park.hunt.json');
  writeFileSync(file, JSON.stringify(parkHunt()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hunt sweep', () => {
  it('prints a line a point, an invalid point with its path, and a grid for two fields', async () => {
    const r = await hunt('sweep', file, '--vary', '/steps/riddle/hints/0/penalty=0..20:10', '--vary', '/locations/gate/radiusM=0..10:10', '--runs', '2', '--participants', '40');
    expect(r.code).toBe(0);
    expect(r.out).toContain('6 points × 2 runs × 40 participants');
    expect(r.out).toMatch(/not run: \/steps\/riddle\/hints\/0\/penalty = 0, \/locations\/gate\/radiusM = 0 makes the hunt invalid/);
    expect(r.out).toContain('finishRate (rows /steps/riddle/hints/0/penalty, columns /locations/gate/radiusM):');
  });

  it('streams JSON lines, the whole sweep last', async () => {
    const r = await hunt('sweep', file, '--vary', 'profiles/*/walk/gpsNoiseM=0..10:5', '--runs', '2', '--participants', '30', '--json', '--metric', 'step/gate/medianTimeSec');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(['point', 'point', 'point', 'sweep']);
    expect(lines[3].points).toHaveLength(3);
  });

  it('rejects a bad --vary, an unknown figure and a missing --runs clearly', async () => {
    expect((await hunt('sweep', file, '--vary', '/x=1..2', '--runs', '1')).err).toContain('FROM..TO:STEP');
    expect((await hunt('sweep', file, '--vary', '/steps/nope/timeLimitSec=60..120:60', '--runs', '1', '--participants', '5')).out).toContain('/steps has no item with id "nope"');
    const metric = await hunt('sweep', file, '--vary', '/locations/gate/radiusM=10..20:10', '--runs', '1', '--participants', '5', '--metric', 'nope');
    expect(metric.code).toBe(2);
    expect(metric.err).toContain('--metric nope: no such figure');
    expect((await hunt('sweep', file, '--vary', '/locations/gate/radiusM=10..20:10')).err).toContain('--runs is required');
  });
});
