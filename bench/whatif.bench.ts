// What-if benchmark (npm run bench:whatif): the whole `hunt compare` and `hunt sweep`
// commands as processes, as a designer runs them, on the 20-step benchmark hunt.
// Targets on the 2-core machine: compare 2 designs × 20 runs × 2,000 participants
// ≤ 20 s; a 10 × 10 sweep, 5 runs a point, 1,000 participants a run ≤ 60 s.
//   npm run bench:whatif                    both cases
//   npm run bench:whatif -- --case compare  one case (compare, sweep)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchHunt } from './bench-hunt';

const HUNT_CLI = fileURLToPath(new URL('../bin/hunt.mjs', import.meta.url));

function caseArgs(name: string, dir: string): string[] {
  const a = join(dir, 'a.hunt.json');
  const b = join(dir, 'b.hunt.json');
  const hunt = benchHunt();
  writeFileSync(a, JSON.stringify(hunt));
  // B: the first spot's geofence a third of its radius.
  writeFileSync(b, JSON.stringify({ ...hunt, locations: hunt.locations!.map((l, i) => (i === 0 ? { ...l, radiusM: l.radiusM / 3 } : l)) }));
  if (name === 'compare') return ['compare', a, b, '--participants', '2000', '--runs', '20', '--seed', '1', '--json'];
  return ['sweep', a, '--vary', '/locations/spot-1/radiusM=5..50:5', '--vary', 'profiles/*/walk/gpsNoiseM=0..18:2', '--runs', '5', '--participants', '1000', '--json'];
}

const TARGET_SEC: Record<string, number> = { compare: 20, sweep: 60 };

const only = process.argv.indexOf('--case');
const cases = only >= 0 ? [process.argv[only + 1]] : Object.keys(TARGET_SEC);
const dir = mkdtempSync(join(tmpdir(), 'bench-whatif-'));
try {
  for (const name of cases) {
    if (!(name in TARGET_SEC)) throw new Error(`unknown case "${name}": the cases are ${Object.keys(TARGET_SEC).join(', ')}`);
    const args = caseArgs(name, dir);
    const started = performance.now();
    const r = spawnSync(process.execPath, [HUNT_CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const wallSec = (performance.now() - started) / 1000;
    if (r.status !== 0) throw new Error(`hunt ${name} failed (${r.status}): ${r.stderr}`);
    const lines = r.stdout.trimEnd().split('\n');
    const detail = name === 'compare' ? `${JSON.parse(r.stdout).comparison.metrics.filter((m: { verdict: unknown }) => m.verdict !== null).length} differences called` : `${lines.length - 1} points streamed`;
    const verdict = wallSec <= TARGET_SEC[name] ? 'meets' : 'MISSES';
    process.stdout.write(`${name.padEnd(8)} ${wallSec.toFixed(1).padStart(6)} s  (target ≤ ${TARGET_SEC[name]} s: ${verdict})  ${detail}\n   hunt ${args.map((x) => (x.startsWith(dir) ? x.slice(dir.length + 1) : x)).join(' ')}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
