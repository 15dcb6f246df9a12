// `hunt simulate` end to end (in process): the stored run, --out, --json, the
// human summary, the replay of the exported log, Monte Carlo, and every kind of bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fairHunt, parkHunt, runSim } from '../engine/sim/helpers';
import { defaultProfiles } from '../../engine/sim/presets';
import { formatDuration } from '../../cli/commands/simulate';
import { ProgressBar } from '../../cli/progress';
import { hunt as runHunt } from '../host/store/cli-harness';

let dir: string;
let huntFile: string;
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hunt-simulate-'));
  huntFile = file('park.hunt.json', JSON.stringify(parkHunt()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let out = '';
let err = '';
async function hunt(...args: string[]): Promise<number> {
  const r = await runHunt(...args);
  out = r.out;
  err = r.err;
  return r.code;
}

describe('hunt simulate', () => {
  it('stores the run, writes the log, and `hunt replay` of that log gives the simulation own per-participant results', async () => {
    const db = join(dir, 'a.db');
    const log = join(dir, 'a.jsonl');
    expect(await hunt('simulate', huntFile, '--participants', '60', '--seed', '5', '--db', db, '--out', log, '--workers', '2', '--json')).toBe(0);
    expect(err).toContain(db);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ hunt: 'park', run: { db, status: 'completed' }, settings: { participants: 60, seed: 5 } });
    expect(report.summary.participants).toBe(60);
    expect(report.summary.byProfile.map((p: { profile: string }) => p.profile)).toEqual(['casual', 'competitive', 'families', 'speedrunners']);
    expect(readFileSync(log, 'utf8').trimEnd().split('\n')).toHaveLength(report.events);

    expect(await hunt('replay', huntFile, log, '--json')).toBe(0);
    const replay = JSON.parse(out);
    // Exactly the simulation's own per-participant results (collected as participants end).
    const own = runSim(parkHunt(), { participants: 60, seed: 5, profiles: defaultProfiles() }).recorder.participants();
    expect(replay.participants).toEqual(own);
  });

  it('hunt/2: the summary shows branches, bonus uptake and the judging queue, and `hunt replay` of the log gives the same results', async () => {
    const fair = file('fair.hunt.json', JSON.stringify(fairHunt()));
    const log = join(dir, 'fair.jsonl');
    expect(await hunt('simulate', fair, '--participants', '50', '--seed', '3', '--db', join(dir, 'fair.db'), '--out', log, '--workers', '2')).toBe(0);
    expect(out).toMatch(/Branches \(requirement items other than a plain step\):\n\s+step\s+requires\s+came by\s+reached/);
    expect(out).toMatch(/museum\s+any 1 of north, south, detour\s+north \d+, south \d+, detour \d+\s+\d+\n/);
    expect(out).toMatch(/Bonus steps: \d+ participants \([\d.]+%\) solved at least one\n\s+step\s+reached\s+solved\s+failed\s+uptake\n\s+poem/);
    expect(out).toMatch(/Judging queue: \d+ submissions, \d+ judged; longest \d+ waiting at \S+; wait p50 \S+, p90 \S+\n\s+at\s.*\n\s+waiting\s+\d/);
    expect(await hunt('replay', fair, log, '--json')).toBe(0);
    const own = runSim(fairHunt(), { participants: 50, seed: 3, profiles: defaultProfiles() }).recorder.participants();
    expect(JSON.parse(out).participants).toEqual(own);
    // hunt/1 summaries have none of these sections.
    expect(await hunt('simulate', huntFile, '--participants', '10', '--seed', '3', '--db', join(dir, 'park-v1.db'))).toBe(0);
    expect(out).not.toMatch(/Branches|Bonus steps|Judging queue/);
  });

  it('prints a readable summary table', async () => {
    expect(await hunt('simulate', huntFile, '--participants', '40', '--seed', '1', '--db', join(dir, 'b.db'), '--profiles', 'competitive:1,families:1')).toBe(0);
    expect(out).toMatch(/Simulated park: 40 participants, seed 1, profiles competitive 50%, families 50%/);
    expect(out).toMatch(/Finished \d+ of 40/);
    expect(out).toMatch(/Steps \(in hunt order\):\n\s+step\s+reached\s+solved\s+failed\s+hints/);
    expect(out).toMatch(/By profile:[\s\S]*competitive[\s\S]*families/);
  });

  it('--runs K reports the spread across seeds', async () => {
    expect(await hunt('simulate', huntFile, '--participants', '20', '--seed', '3', '--runs', '2', '--db', join(dir, 'c.db'), '--json', '--workers', '1')).toBe(0);
    const mc = JSON.parse(out);
    expect(mc.runs.map((r: { seed: number }) => r.seed)).toEqual([3, 4]);
    expect(mc.spread).toMatchObject({ runs: 2, finishRate: { mean: expect.any(Number), p5: expect.any(Number), p95: expect.any(Number) } });
  });

  it('names the field of a bad profiles file and exits 2', async () => {
    const bad = file('bad.json', JSON.stringify({ format: 'hunt-profiles/1', profiles: [{ extends: 'casual', name: 'x', solve: { code: 2 } }] }));
    expect(await hunt('simulate', huntFile, '--participants', '5', '--seed', '1', '--db', join(dir, 'd.db'), '--profiles', bad)).toBe(2);
    expect(err).toContain(bad);
    expect(err).toContain('/profiles/0/solve/code');
    const unknownStep = file('step.json', JSON.stringify({ format: 'hunt-profiles/1', profiles: [{ extends: 'casual', name: 'x', solveByStep: { ridle: 0.5 } }] }));
    expect(await hunt('simulate', huntFile, '--participants', '5', '--seed', '1', '--db', join(dir, 'd.db'), '--profiles', unknownStep)).toBe(2);
    expect(err).toContain('/profiles/0/solveByStep/ridle');
    expect(await hunt('simulate', huntFile, '--participants', '5', '--seed', '1', '--db', join(dir, 'd.db'), '--profiles', 'pirates')).toBe(2);
    expect(err).toMatch(/pirates.*not a preset/);
  });

  it('rejects bad arguments with exit 2 and an invalid hunt with exit 1', async () => {
    expect(await hunt('simulate', huntFile, '--seed', '1')).toBe(2);
    expect(err).toContain('--participants is required');
    expect(await hunt('simulate', huntFile, '--participants', '0', '--seed', '1')).toBe(2);
    expect(err).toContain('--participants: must be a whole number from 1');
    expect(await hunt('simulate', huntFile, '--participants', '5', '--seed', 'x')).toBe(2);
    expect(err).toContain('--seed');
    expect(await hunt('simulate', huntFile, '--participants', '5', '--seed', '1', '--bogus')).toBe(2);
    expect(err).toContain('unknown option "--bogus"');
    expect(await hunt('simulate', join(dir, 'missing.json'), '--participants', '5', '--seed', '1')).toBe(2);
    expect(err).toContain('no such file');
    expect(await hunt('simulate', huntFile, '--participants', '5', '--seed', '1', '--out', join(dir, 'nope', 'x.jsonl'))).toBe(2);
    expect(err).toContain('does not exist');
    const invalid = file('invalid.hunt.json', JSON.stringify({ ...parkHunt(), steps: [] }));
    expect(await hunt('simulate', invalid, '--participants', '5', '--seed', '1', '--db', join(dir, 'e.db'))).toBe(1);
    expect(err).toContain('not a valid hunt');
  });

  it('formats durations and draws the progress bar only on a terminal', () => {
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(125)).toBe('2m05s');
    expect(formatDuration(3725)).toBe('1h02m');
    const written: string[] = [];
    const tty = new ProgressBar('simulating', { isTTY: true, columns: 80, write: (s) => (written.push(s), true) }, 0);
    tty.update(0.5, '5/10 done', true);
    expect(written[0]).toMatch(/^\rsimulating \[#+-+\] {2}50% 5\/10 done/);
    tty.done();
    const pipe: string[] = [];
    const notTty = new ProgressBar('simulating', { isTTY: false, write: (s) => (pipe.push(s), true) });
    notTty.update(0.5, 'x', true);
    notTty.done();
    expect(pipe).toEqual([]);
  });
});
