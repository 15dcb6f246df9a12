// Simulation benchmark (npm run bench:sim): a 20-step hunt simulated end to end
// with the durable log (generator -> LogFront -> sharded runtime -> SQLite), for
// 10,000 and 100,000 participants, plus the generator alone. Each case runs in its
// own child process so its peak RSS (all threads) is its own.
// Targets on the 2-core machine: 10k in ≤ 10 s; 100k in ≤ 2 min with peak RSS ≤ 1 GB.
// Peak RSS is printed in MiB (getrusage's maxRSS / 1024); sizes on disk in MB (10^6 bytes).
//   npm run bench:sim                 all cases
//   npm run bench:sim -- --case 10k   one case (gen-10k, gen-100k, 10k, 100k)
//   --participants N                  every case with N participants instead (a quick check that it runs; no target)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchHunt } from './bench-hunt';
import { defaultProfiles } from '../engine/sim/presets';
import { runSimulation } from '../host/sim/run';
import { simulationSource } from '../host/sim/source';
import { tuningProfile } from '../host/tuning';
import { eachLine } from '../host/store/source';

const CASES: Record<string, { participants: number; pipeline: boolean }> = {
  'gen-10k': { participants: 10_000, pipeline: false },
  'gen-100k': { participants: 100_000, pipeline: false },
  '10k': { participants: 10_000, pipeline: true },
  '100k': { participants: 100_000, pipeline: true },
};

type Figures = { case: string; participants: number; events: number; wallSec: number; eventsPerSec: number; peakRssMb: number; /** Database (pipeline cases) or log text (generator cases) size. */ dbMb?: number; finishRate: number };

/** The participants of a case: its own, or --participants N for all. */
function participantsOf(name: string): number {
  const i = process.argv.indexOf('--participants');
  if (i < 0) return CASES[name].participants;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--participants: a whole number ≥ 1 (got ${process.argv[i + 1]})`);
  return n;
}

async function runCase(name: string): Promise<Figures> {
  const c = { ...CASES[name], participants: participantsOf(name) };
  const hunt = benchHunt();
  const started = performance.now();
  if (!c.pipeline) {
    // The generator as the pipeline uses it: in its worker thread, lines handed over in chunks.
    let bytes = 0;
    let events = 0;
    let finished = 0;
    const source = simulationSource({ kind: 'simulation', hunt, participants: c.participants, seed: 1, profiles: defaultProfiles() }, { keepResults: false, onCounts: (k) => (finished = k.finished) });
    for await (const line of eachLine(source.open(1))) {
      bytes += line.length + 1;
      events++;
    }
    const wallSec = (performance.now() - started) / 1000;
    return { case: name, participants: c.participants, events, wallSec, eventsPerSec: events / wallSec, peakRssMb: process.resourceUsage().maxRSS / 1024, dbMb: bytes / 1e6, finishRate: finished / c.participants };
  }
  const dir = mkdtempSync(join(tmpdir(), 'hunt-bench-sim-'));
  try {
    const db = join(dir, 'bench.db');
    const outcome = await runSimulation({ db, hunt, participants: c.participants, seed: 1, profiles: defaultProfiles(), keepResults: false });
    const wallSec = (performance.now() - started) / 1000;
    const events = outcome.result!.events;
    let dbMb = 0;
    for (const f of [db, `${db}-wal`]) dbMb += statSync(f, { throwIfNoEntry: false })?.size ?? 0;
    return { case: name, participants: c.participants, events, wallSec, eventsPerSec: events / wallSec, peakRssMb: process.resourceUsage().maxRSS / 1024, dbMb: dbMb / 1e6, finishRate: outcome.summary.finishRate };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--case');
  const only = i >= 0 ? process.argv[i + 1] : null;
  if (only && process.argv.includes('--child')) {
    process.stdout.write(JSON.stringify(await runCase(only)) + '\n');
    return;
  }
  const names = only ? [only] : Object.keys(CASES);
  for (const n of names) if (!CASES[n]) throw new Error(`--case: unknown case "${n}" (cases: ${Object.keys(CASES).join(', ')})`);
  console.log(`hunt simulate benchmark: 20-step hunt, default profile mix, seed 1, ${availableParallelism()} cores, Node ${process.version}`);
  console.log('(figures are noisy when other processes share the machine)\n');
  console.log('case       participants      events   wall s    events/s peak RSS MiB  db/log MB  finish rate');
  const self = fileURLToPath(import.meta.url);
  for (const n of names) {
    // A pipeline case runs as `hunt simulate` would: for a large population, in a process of its own
    // with the tuning profile's heap cap, V8 flags and environment (host/tuning.ts).
    const profile = tuningProfile({ kind: 'simulation', participants: participantsOf(n), steps: 20, cores: availableParallelism() });
    const own = CASES[n].pipeline && profile.ownProcess;
    const heap = own ? [...profile.startFlags, `--max-old-space-size=${profile.heap.pipelineMb}`] : [];
    const env = own ? { ...profile.env, ...process.env } : process.env;
    const child = spawnSync(process.execPath, [...heap, '--import', 'tsx', self, '--case', n, '--child', '--participants', String(participantsOf(n))], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20, env });
    if (child.status !== 0) throw new Error(`case ${n} failed (exit ${child.status})`);
    const f = JSON.parse(child.stdout.trim().split('\n').pop()!) as Figures;
    console.log(
      `${f.case.padEnd(10)} ${f.participants.toLocaleString('en-US').padStart(12)} ${f.events.toLocaleString('en-US').padStart(11)} ${f.wallSec.toFixed(1).padStart(8)} ${Math.round(f.eventsPerSec).toLocaleString('en-US').padStart(11)} ${f.peakRssMb.toFixed(0).padStart(12)} ${(f.dbMb === undefined ? '–' : f.dbMb.toFixed(0)).padStart(10)} ${(f.finishRate * 100).toFixed(1).padStart(11)}%`,
    );
  }
}

await main();
