// `hunt simulate HUNT --participants N --seed S ...`: simulates a hunt played by N
// participants with behaviour profiles, stores the run (event log, checkpoints,
// results) and prints a summary for designers. See docs/simulation.md.
import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CliError, EXIT } from '../errors';
import { readTextFile, readValidHunt } from '../files';
import { ProgressBar } from '../progress';
import type { Hunt } from '../../engine/hunt/schema';
import { isPresetList, resolveProfiles } from '../../engine/sim/presets';
import { ProfileError, type Profile } from '../../engine/sim/profile';
import { MAX_PARTICIPANTS } from '../../engine/sim/simulation';
import { MAX_SEED } from '../../engine/sim/random';
import type { AnalyticsSummary } from '../../engine/analytics/summary';
import type { MonteCarloSpread, Spread } from '../../engine/analytics/spread';
import { defaultDatabasePath } from '../../host/paths';
import { SimulationControl } from '../../host/sim/control';
import { runSimulation, type SimulationOutcome, type SimulationProgress } from '../../host/sim/run';
import { runMonteCarlo } from '../../host/sim/monte-carlo';
import { tuningProfile } from '../../host/tuning';
import { followParent, relaunchForProfile } from '../relaunch';

export const HELP = `Usage: hunt simulate HUNT --participants N --seed S [options]

Simulates HUNT played by N participants whose behaviour comes from profiles
(how often they solve each kind of step, how long they think, how fast they walk,
GPS noise, when they take a hint or give up, when they start). The generated event
log goes through the same engine as a replay and is stored as a run; a summary
shows who finishes, how long it takes, where people get stuck and what hints cost.
The same hunt, profiles, seed and N always give the same log, for any --workers.

Options:
  --participants N  how many participants (1 to ${MAX_PARTICIPANTS.toLocaleString('en-US')})
  --seed S          the random seed, a whole number from 0 to ${MAX_SEED}
  --profiles FILE   a profiles file (format "hunt-profiles/1"), or a preset list such as
                    casual:0.7,families:0.3; default: casual, competitive, families,
                    speedrunners at 50/20/20/10 %
  --workers W       worker threads for the engine (default: one per core)
  --db FILE         the database to store the run in (default: the studio's database)
  --out LOG.jsonl   also write the generated event log to this file
  --runs K          Monte Carlo: run seeds S, S+1, ... S+K-1 and report the spread
  --speed X         0 = as fast as possible (default); X = X virtual seconds per second
  --json            print the summary (with --runs: every run and the spread) as JSON
  -h, --help        show this help

Press Ctrl-C to cancel: the run is kept, marked cancelled.
Exit status: 0 done, 1 the hunt is not valid, 2 unusable arguments or files, 130 cancelled.
`;

type Options = {
  hunt: string;
  participants: number;
  seed: number;
  profiles: string | null;
  workers?: number;
  db: string | null;
  out: string | null;
  runs: number | null;
  speed: number;
  json: boolean;
};

const VALUE_OPTIONS = ['--participants', '--seed', '--profiles', '--workers', '--db', '--out', '--runs', '--speed'];

export function wholeNumber(name: string, text: string, min: number, max: number): number {
  const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new CliError(`${name}: must be a whole number from ${min} to ${max.toLocaleString('en-US')} (got "${text}")`);
  return n;
}

export function parseArgs(args: string[]): Options | 'help' {
  const values = new Map<string, string>();
  const positional: string[] = [];
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') return 'help';
    if (a === '--json') json = true;
    else if (VALUE_OPTIONS.includes(a) || VALUE_OPTIONS.some((o) => a.startsWith(`${o}=`))) {
      const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, args[++i]];
      if (inline === undefined) throw new CliError(`${name} needs a value\n\n${HELP}`);
      if (values.has(name)) throw new CliError(`${name} is given twice`);
      values.set(name, inline);
    } else if (a.startsWith('-') && a !== '-') throw new CliError(`unknown option "${a}"\n\n${HELP}`);
    else positional.push(a);
  }
  if (positional.length !== 1) throw new CliError(`${positional.length === 0 ? 'no hunt file given' : `one hunt file expected, got ${positional.length}`}\n\n${HELP}`);
  const need = (name: string) => {
    const v = values.get(name);
    if (v === undefined) throw new CliError(`${name} is required\n\n${HELP}`);
    return v;
  };
  const speedText = values.get('--speed') ?? '0';
  const speed = Number(speedText);
  if (!/^[0-9]+(\.[0-9]+)?$/.test(speedText) || !Number.isFinite(speed)) throw new CliError(`--speed: must be 0 or a positive number (got "${speedText}")`);
  return {
    hunt: positional[0],
    participants: wholeNumber('--participants', need('--participants'), 1, MAX_PARTICIPANTS),
    seed: wholeNumber('--seed', need('--seed'), 0, MAX_SEED),
    profiles: values.get('--profiles') ?? null,
    workers: values.has('--workers') ? wholeNumber('--workers', values.get('--workers')!, 1, 256) : undefined,
    db: values.get('--db') ?? null,
    out: values.get('--out') ?? null,
    runs: values.has('--runs') ? wholeNumber('--runs', values.get('--runs')!, 1, 10_000) : null,
    speed,
    json,
  };
}

/** --profiles: a file when one exists at that path, else a preset list. */
export function loadProfiles(spec: string | null): Profile[] {
  try {
    if (spec === null) return resolveProfiles(null);
    if (!existsSync(spec) && isPresetList(spec)) return resolveProfiles(spec, '--profiles');
    return resolveProfiles(readTextFile(spec), spec);
  } catch (err) {
    if (err instanceof ProfileError) {
      throw new CliError(`${err.source}: the profiles are not usable:\n${err.issues.map((i) => `  ${i.path}  ${i.message}`).join('\n')}`);
    }
    throw err;
  }
}

function checkOutPath(out: string): void {
  const dir = dirname(resolve(out));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`--out ${out}: the folder ${dir} does not exist`);
  if (existsSync(out) && statSync(out).isDirectory()) throw new CliError(`--out ${out}: is a directory, not a file`);
}

export async function run(args: string[]): Promise<number> {
  const o = parseArgs(args);
  if (o === 'help') {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  // The pipeline runs on this thread: a large population runs in a process of its own with
  // the tuning profile's heap cap, V8 flags and environment (host/tuning.ts). None of them
  // depends on the hunt, which is read after.
  const relaunched = relaunchForProfile(tuningProfile({ kind: 'simulation', participants: o.participants, steps: 0, cores: availableParallelism(), workers: o.workers ?? undefined }));
  if (relaunched) return relaunched;
  followParent();
  const hunt = readValidHunt('simulate', o.hunt);
  if (!hunt) return EXIT.invalid;
  const profiles = loadProfiles(o.profiles);
  const stepIds = new Set(hunt.steps.map((s) => s.id));
  profiles.forEach((p, i) => {
    for (const id of Object.keys(p.solveByStep ?? {})) {
      if (!stepIds.has(id)) throw new CliError(`${o.profiles ?? 'profiles'}: /profiles/${i}/solveByStep/${id}: ${o.hunt} has no step "${id}"`);
    }
  });
  if (o.out) checkOutPath(o.out);
  const db = o.db ?? defaultDatabasePath();
  if (o.db === null) mkdirSync(dirname(db), { recursive: true });

  const control = new SimulationControl({ speed: o.speed });
  const onSigint = () => {
    if (control.state === 'cancelled') process.exit(130);
    process.stderr.write('\nhunt simulate: cancelling (Ctrl-C again to quit at once)…\n');
    control.cancel();
  };
  process.on('SIGINT', onSigint);
  const bar = new ProgressBar('simulating');
  let run = 1;
  const onProgress = (p: SimulationProgress) =>
    bar.update(
      p.fraction,
      `${o.runs ? `run ${run}/${o.runs} · ` : ''}${p.ended.toLocaleString('en-US')}/${p.participants.toLocaleString('en-US')} done · t=${formatDuration(p.virtualTime)} · ${Math.round(p.eventsPerSec).toLocaleString('en-US')} ev/s`,
    );
  const common = { db, hunt, participants: o.participants, seed: o.seed, profiles, workers: o.workers, out: o.out ?? undefined, control, onProgress };
  process.stderr.write(`hunt simulate: storing the run in ${db}\n`);
  try {
    if (o.runs !== null) {
      const mc = await runMonteCarlo({ ...common, runs: o.runs, onRunDone: (k) => (run = k + 2) });
      bar.done();
      if (mc.cancelled) {
        process.stderr.write(`hunt simulate: cancelled after ${mc.runs.length} of ${o.runs} runs\n`);
        return 130;
      }
      if (o.json) process.stdout.write(JSON.stringify(monteCarloJson(o, hunt, db, mc.runs, mc.spread), null, 2) + '\n');
      else process.stdout.write(formatMonteCarlo(o, hunt, db, mc.runs, mc.spread));
      return EXIT.ok;
    }
    const outcome = await runSimulation({ ...common, keepResults: false });
    bar.done();
    if (outcome.status === 'cancelled') {
      process.stderr.write(`hunt simulate: cancelled; run ${outcome.runId} in ${db} is kept as cancelled\n`);
      return 130;
    }
    if (o.json) process.stdout.write(JSON.stringify(runJson(o, hunt, db, outcome), null, 2) + '\n');
    else process.stdout.write(formatRun(o, hunt, db, profiles, outcome));
    return EXIT.ok;
  } catch (err) {
    bar.done();
    throw err instanceof Error && !(err instanceof CliError) ? new CliError(err.message) : err;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

// ---------- output ----------

function runJson(o: Options, hunt: Hunt, db: string, r: SimulationOutcome) {
  return {
    hunt: hunt.id,
    run: { id: r.runId, db, status: r.status, wallSec: round(r.wallSec) },
    settings: { participants: o.participants, seed: r.seed, profiles: o.profiles ?? 'default' },
    events: r.result?.events ?? null,
    rejected: r.result ? r.result.events - r.result.applied : null,
    endTime: r.result?.endTime ?? null,
    summary: r.summary,
  };
}

function monteCarloJson(o: Options, hunt: Hunt, db: string, runs: SimulationOutcome[], spread: MonteCarloSpread) {
  return {
    hunt: hunt.id,
    db,
    settings: { participants: o.participants, seeds: runs.map((r) => r.seed), profiles: o.profiles ?? 'default' },
    runs: runs.map((r) => ({ runId: r.runId, seed: r.seed, finishRate: r.summary.finishRate, medianFinishSec: r.summary.finishTime.p50, medianScore: r.summary.score.p50 })),
    spread,
  };
}

const round = (v: number) => Math.round(v * 1000) / 1000;
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const int = (v: number) => v.toLocaleString('en-US');

export function formatDuration(sec: number | null): string {
  if (sec === null) return '–';
  const s = Math.round(sec);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function table(head: string[], rows: string[][], rightFrom = 1): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i >= rightFrom ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

export function formatSummary(s: AnalyticsSummary): string {
  const out: string[] = [];
  const st = s.statuses;
  out.push(`Finished ${int(st.finished)} of ${int(s.participants)} (${pct(s.finishRate)}); quit ${int(st.quit)}, timed out ${int(st.timed_out)}${st.active ? `, still playing ${int(st.active)}` : ''}`);
  out.push(`Score        p10 ${s.score.p10 ?? '–'}   p50 ${s.score.p50 ?? '–'}   p90 ${s.score.p90 ?? '–'}`);
  out.push(`Finish time  p10 ${formatDuration(s.finishTime.p10)}   p50 ${formatDuration(s.finishTime.p50)}   p90 ${formatDuration(s.finishTime.p90)}`);
  out.push(`Hints per participant: ${s.hintsPerParticipant}`);
  out.push('', 'Steps (in hunt order):');
  out.push(
    table(
      ['step', 'reached', 'solved', 'failed', 'hints', 'hint points', 'stuck', 'median time'],
      s.funnel.map((f) => [f.step, int(f.reached), int(f.solved), int(f.failed), int(f.hints), int(f.hintPenalty), int(f.stuck), formatDuration(f.medianTimeSec)]),
    ).trimEnd(),
  );
  if (s.bottlenecks.length > 0) {
    out.push('', 'Holding people up most:');
    s.bottlenecks.forEach((b, i) => out.push(`  ${i + 1}. ${b.step} (${b.title}): ${int(b.stuck)} gave up or ran out of time here, ${pct(b.failRate)} failed, median ${formatDuration(b.medianTimeSec)}`));
  }
  out.push(...formatV2Figures(s));
  if (s.byProfile.length > 0) {
    out.push('', 'By profile:');
    out.push(
      table(
        ['profile', 'participants', 'finished', 'quit', 'timed out', 'median finish', 'median score', 'hints each', 'worst step'],
        s.byProfile.map((p) => [
          p.profile,
          int(p.participants),
          pct(p.finishRate),
          int(p.statuses.quit),
          int(p.statuses.timed_out),
          formatDuration(p.medianFinishSec),
          String(p.score.p50 ?? '–'),
          String(p.hintsPerParticipant),
          p.bottlenecks[0]?.step ?? '–',
        ]),
      ).trimEnd(),
    );
  }
  return out.join('\n') + '\n';
}

/** hunt/2 runs: branches taken, bonus uptake and the judging queue over time (none for hunt/1). */
function formatV2Figures(s: AnalyticsSummary): string[] {
  const out: string[] = [];
  if (s.branches && s.branches.length > 0) {
    out.push('', 'Branches (requirement items other than a plain step):');
    out.push(
      table(
        ['step', 'requires', 'came by', 'reached'],
        s.branches.map((b) => [b.step, b.requirement, b.via.length === 0 ? '–' : b.via.map((v) => `${v.step} ${int(v.participants)}`).join(', '), int(b.reached)]),
        3,
      ).trimEnd(),
    );
  }
  if (s.bonus && s.bonus.steps.length > 0) {
    out.push('', `Bonus steps: ${int(s.bonus.participants)} participants (${pct(s.bonus.share)}) solved at least one`);
    out.push(
      table(
        ['step', 'reached', 'solved', 'failed', 'uptake'],
        s.bonus.steps.map((b) => [b.step, int(b.reached), int(b.solved), int(b.failed), pct(b.uptake)]),
      ).trimEnd(),
    );
  }
  const q = s.judging;
  if (q && q.submissions > 0) {
    out.push('', `Judging queue: ${int(q.submissions)} submissions, ${int(q.judged)} judged; longest ${int(q.peak)} waiting at ${formatDuration(q.peakAt)}; wait p50 ${formatDuration(q.waitSec.p50)}, p90 ${formatDuration(q.waitSec.p90)}`);
    // Ten of the samples, evenly spaced: enough to see the queue build up and drain.
    const k = Math.min(10, q.t.length);
    const picks = Array.from({ length: k }, (_, i) => (k === 1 ? 0 : Math.round((i * (q.t.length - 1)) / (k - 1))));
    out.push(table(['at', ...picks.map((i) => formatDuration(q.t[i]))], [['waiting', ...picks.map((i) => int(q.pending[i]))]]).trimEnd());
  }
  return out;
}

function formatRun(o: Options, hunt: Hunt, db: string, profiles: Profile[], r: SimulationOutcome): string {
  const total = profiles.reduce((a, p) => a + p.share, 0);
  const mix = profiles.map((p) => `${p.name} ${Math.round((p.share / total) * 100)}%`).join(', ');
  const head = [
    `Simulated ${hunt.id}: ${int(o.participants)} participants, seed ${r.seed}, profiles ${mix}`,
    `Run ${r.runId} stored in ${db}: ${int(r.result?.events ?? 0)} events (${int(r.result ? r.result.events - r.result.applied : 0)} late, after the time limit), ` +
      `hunt clock ${formatDuration(r.result?.endTime ?? 0)}, ${r.wallSec.toFixed(1)} s`,
    o.out ? `Event log written to ${o.out}` : null,
    '',
  ].filter((l) => l !== null);
  return head.join('\n') + '\n' + formatSummary(r.summary);
}

function formatSpread(s: Spread, f: (v: number | null) => string): string {
  return `mean ${f(s.mean)}   p5 ${f(s.p5)}   p95 ${f(s.p95)}`;
}

function formatMonteCarlo(o: Options, hunt: Hunt, db: string, runs: SimulationOutcome[], spread: MonteCarloSpread): string {
  const lines = [
    `Monte Carlo on ${hunt.id}: ${runs.length} runs of ${int(o.participants)} participants, seeds ${runs[0].seed}–${runs[runs.length - 1].seed}, stored in ${db}`,
    '',
    table(
      ['run', 'seed', 'finish rate', 'median finish', 'median score'],
      runs.map((r) => [String(r.runId), String(r.seed), pct(r.summary.finishRate), formatDuration(r.summary.finishTime.p50), String(r.summary.score.p50 ?? '–')]),
    ).trimEnd(),
    '',
    'Spread across runs:',
    `  finish rate    ${formatSpread(spread.finishRate, (v) => (v === null ? '–' : pct(v)))}`,
    `  median finish  ${formatSpread(spread.medianFinishSec, formatDuration)}`,
    `  median score   ${formatSpread(spread.medianScore, (v) => (v === null ? '–' : String(v)))}`,
  ];
  return lines.join('\n') + '\n';
}
