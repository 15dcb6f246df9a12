// What-if benchmark (npm run bench:whatif): the whole `hunt compare` and `hunt sweep`
// commands as processes, as a designer runs them, on the 20-step benchmark hunt.
// Targets on the 2-core machine: compare 2 designs × 20 runs × 2,000 participants
// ≤ 20 s; a 10 × 10 sweep, 5 runs a point, 1,000 participants a run ≤ 60 s.
//   npm run bench:whatif                    both cases
//   npm run bench:whatif -- --case compare  one case (compare, sweep, or sweep-4x4: a quick
//                                           4 × 4 sweep over the same ranges' ends, no target)
// Each line gives wall time and the command's CPU time (user + system, all its threads):
// on a shared machine the wall time says more about the other processes than about this
// one, so compare CPU seconds, and the load average printed with them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchHunt } from './bench-hunt';
import { childrenCpuSec } from './replayProcess';

const HUNT_CLI = fileURLToPath(new URL('../bin/hunt.mjs', import.meta.url));

function caseArgs(name: string, dir: string): string[] {
  const a = join(dir, 'a.hunt.json');
  const b = join(dir, 'b.hunt.json');
  const hunt = benchHunt();
  writeFileSync(a, JSON.stringify(hunt));
  // B: the first spot's geofence a third of its radius.
  writeFileSync(b, JSON.stringify({ ...hunt, locations: hunt.locations!.map((l, i) => (i === 0 ? { ...l, radiusM: l.radiusM / 3 } : l)) }));
  if (name === 'compare') return ['compare', a, b, '--participants', '2000', '--runs', '20', '--seed', '1', '--json'];
  if (name === 'sweep-4x4') return ['sweep', a, '--vary', '/locations/spot-1/radiusM=5..50:15', '--vary', 'profiles/*/walk/gpsNoiseM=0..18:6', '--runs', '5', '--participants', '1000', '--json'];
  return ['sweep', a, '--vary', '/locations/spot-1/radiusM=5..50:5', '--vary', 'profiles/*/walk/gpsNoiseM=0..18:2', '--runs', '5', '--participants', '1000', '--json'];
}

/** Wall-time targets on 2 cores; null: a case for iterating, without one. */
const TARGET_SEC: Record<string, number | null> = { compare: 20, sweep: 60, 'sweep-4x4': null };
const DEFAULT_CASES = ['compare', 'sweep'];

const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');

const only = process.argv.indexOf('--case');
const cases = only >= 0 ? [process.argv[only + 1]] : DEFAULT_CASES;
const dir = mkdtempSync(join(tmpdir(), 'bench-whatif-'));
try {
  process.stdout.write(`what-if benchmark: ${availableParallelism()} cores, load average ${load()}\n`);
  for (const name of cases) {
    if (!(name in TARGET_SEC)) throw new Error(`unknown case "${name}": the cases are ${Object.keys(TARGET_SEC).join(', ')}`);
    const args = caseArgs(name, dir);
    const cpuBefore = childrenCpuSec();
    const started = performance.now();
    const r = spawnSync(process.execPath, [HUNT_CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const wallSec = (performance.now() - started) / 1000;
    const cpuAfter = childrenCpuSec();
    if (r.status !== 0) throw new Error(`hunt ${name} failed (${r.status}): ${r.stderr}`);
    const lines = r.stdout.trimEnd().split('\n');
    const detail = name === 'compare' ? `${JSON.parse(r.stdout).comparison.metrics.filter((m: { verdict: unknown }) => m.verdict !== null).length} differences called` : `${lines.length - 1} points streamed`;
    const target = TARGET_SEC[name];
    const verdict = target === null ? 'no target' : `target ≤ ${target} s: ${wallSec <= target ? 'meets' : 'MISSES'}`;
    const cpu = cpuBefore === null || cpuAfter === null ? 'CPU not known here' : `CPU ${(cpuAfter - cpuBefore).toFixed(1)} s user+sys`;
    process.stdout.write(
      `${name.padEnd(9)} ${wallSec.toFixed(1).padStart(6)} s wall (${verdict}), ${cpu}, load average after ${load()}  ${detail}\n   hunt ${args.map((x) => (x.startsWith(dir) ? x.slice(dir.length + 1) : x)).join(' ')}\n`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
