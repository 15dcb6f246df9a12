// Engine benchmark: single-thread replay throughput (events/s) and heap bytes per
// participant at 1k, 10k and 100k participants on a generated 20-step hunt, for
// the real runtime (one XState actor per participant, ParticipantTable) beside a
// plain-TypeScript reimplementation of the same rules written here, so the cost
// of the actor layer shows as a ratio. Then the whole `hunt replay --json` command as
// a process, on a 10,000-participant log of the same workload (bench/replayProcess.ts).
// Both for the hunt/1 workload and for the hunt/2 one of the same size
// (bench/workload-v2.ts: the v2 rules have only the actors, the plain baseline is v1's),
// with the ratio hunt/2 ÷ hunt/1 (issue 19 asks for hunt/2 within 20% of hunt/1).
// Run: npm run bench:engine [-- 1000,10000 [PROCESS_RUNS [FORMATS]]] (PROCESS_RUNS 0 skips
// the processes; FORMATS e.g. hunt/2, default hunt/1,hunt/2)
//
// Events are generated in chunks outside the timed region and fed through the log
// front checks and the participant table, as a replay does after parsing. Both
// implementations must produce identical results (checked, printed).
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compileHunt, type CompiledHunt } from '../engine/hunt/compile';
import { normalizeAnswer } from '../engine/hunt/normalize';
import { haversineMeters } from '../engine/geo/haversine';
import { LogFront } from '../engine/log/front';
import type { HuntEvent, ParticipantResult, ParticipantStatus, RejectionReason } from '../engine/log/types';
import { ParticipantTable } from '../engine/replay/participants';
import { compareCodePoints } from '../engine/replay/order';
import { measureReplayProcess } from './replayProcess';
import { STEPS, workload } from './workload';
import { BENCH_WORKLOADS, type BenchWorkload } from './workloads';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

// ---------------------------------------------------------------- plain reimplementation

/** The same rules as engine/rules, written independently with mutable typed arrays and no XState. */
class PlainParticipant {
  status: ParticipantStatus = 'active';
  finishedAt: number | null = null;
  availableAt: Float64Array;
  doneAt: Float64Array;
  wrong: Uint32Array;
  hints: Uint8Array;
  failed: Uint8Array;
  order: number[] = [];
  hintsUsed = 0;

  constructor(
    readonly h: CompiledHunt,
    readonly id: string,
    readonly joinedAt: number,
  ) {
    const n = h.steps.length;
    this.availableAt = new Float64Array(n).fill(-1);
    this.doneAt = new Float64Array(n).fill(-1);
    this.wrong = new Uint32Array(n);
    this.hints = new Uint8Array(n);
    this.failed = new Uint8Array(n);
    for (const i of h.initialSteps) this.availableAt[i] = joinedAt;
  }

  private available(i: number): boolean {
    return this.availableAt[i] >= 0 && this.doneAt[i] < 0;
  }

  private done(i: number, t: number, failed: boolean): void {
    this.doneAt[i] = t;
    this.failed[i] = failed ? 1 : 0;
    this.order.push(i);
    for (const j of this.h.steps[i].dependents) {
      if (this.availableAt[j] < 0 && this.h.steps[j].requires.every((r) => this.doneAt[r] >= 0)) this.availableAt[j] = t;
    }
    if (this.order.length === this.h.steps.length) {
      this.status = 'finished';
      this.finishedAt = t;
    }
  }

  advance(t: number): void {
    while (this.status === 'active') {
      const hunt = this.h.timeLimitSec === null ? Infinity : this.joinedAt + this.h.timeLimitSec;
      let best = Infinity;
      let bestStep = -1;
      for (const s of this.h.steps) {
        if (s.timeLimitSec === null || !this.available(s.index)) continue;
        const d = this.availableAt[s.index] + s.timeLimitSec;
        if (d < best) [best, bestStep] = [d, s.index];
      }
      if (hunt <= t && hunt <= best) {
        this.status = 'timed_out';
        return;
      }
      if (bestStep < 0 || best > t) return;
      this.done(bestStep, best, true);
    }
  }

  apply(e: HuntEvent): RejectionReason | null {
    if (e.type === 'join') return 'duplicate-join';
    this.advance(e.t);
    if (this.status !== 'active') return 'participant-not-active';
    if (e.type === 'quit') {
      this.status = 'quit';
      return null;
    }
    if (e.type === 'position') {
      const hits = this.h.locationSteps.filter(
        (i) => this.available(i) && haversineMeters(e.lat, e.lon, this.h.steps[i].lat, this.h.steps[i].lon) <= this.h.steps[i].radiusM,
      );
      for (const i of hits) this.done(i, e.t, false);
      return null;
    }
    // The baseline is the v1 rules only (its log has no v2 event).
    if (e.type !== 'answer' && e.type !== 'scan' && e.type !== 'hint') return 'unknown-type';
    const i = this.h.stepIndex.get(e.step);
    if (i === undefined) return 'unknown-step';
    const step = this.h.steps[i];
    if ((e.type === 'answer' && step.kind !== 'answer') || (e.type === 'scan' && step.kind !== 'code')) return 'wrong-kind';
    if (!this.available(i)) return 'step-not-available';
    if (e.type === 'hint') {
      if (this.hints[i] >= step.hintPenalties.length) return 'no-hint-left';
      this.hints[i]++;
      this.hintsUsed++;
      return null;
    }
    const right = e.type === 'answer' ? step.answers!.has(normalizeAnswer(e.text)) : e.code.trim() === step.code;
    if (right) this.done(i, e.t, false);
    else if (++this.wrong[i] >= (step.maxAttempts ?? Infinity)) this.done(i, e.t, true);
    return null;
  }

  result(): ParticipantResult {
    let score = 0;
    const solved: string[] = [];
    const failed: string[] = [];
    for (const i of this.order) {
      const step = this.h.steps[i];
      if (this.failed[i]) {
        failed.push(step.id);
        continue;
      }
      solved.push(step.id);
      let penalty = this.h.wrongAnswerPenalty * this.wrong[i];
      for (let k = 0; k < this.hints[i]; k++) penalty += step.hintPenalties[k];
      score += Math.max(0, step.points - penalty);
    }
    const finishedAt = this.status === 'finished' ? this.finishedAt : null;
    return { id: this.id, status: this.status, score, solved, failed, hintsUsed: this.hintsUsed, finishedAt };
  }
}

class PlainTable {
  readonly all = new Map<string, PlainParticipant>();
  constructor(readonly h: CompiledHunt) {}
  apply(e: HuntEvent): RejectionReason | null {
    const p = this.all.get(e.p);
    if (e.type === 'join') {
      if (p) return 'duplicate-join';
      this.all.set(e.p, new PlainParticipant(this.h, e.p, e.t));
      return null;
    }
    return p ? p.apply(e) : 'unknown-participant';
  }
  finalize(t: number): void {
    for (const p of this.all.values()) p.advance(t);
  }
  results(): ParticipantResult[] {
    return [...this.all.values()].map((p) => p.result()).sort((a, b) => compareCodePoints(a.id, b.id));
  }
}

// ---------------------------------------------------------------- measurement

type Table = { apply(e: HuntEvent): RejectionReason | null; finalize(t: number): void; results(): ParticipantResult[] };

function run(w: BenchWorkload, h: CompiledHunt, n: number, make: () => Table) {
  let table: Table | null = make();
  const front = new LogFront(w.format);
  let events = 0;
  let rejected = 0;
  let ms = 0;
  let cpuMicros = 0;
  const timed = (work: () => void) => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    work();
    const used = process.cpuUsage(cpu);
    cpuMicros += used.user + used.system;
    ms += performance.now() - start;
  };
  for (const chunk of workload(h, n, undefined, w.script)) {
    timed(() => {
      for (const value of chunk) {
        const v = front.acceptValue(value);
        if (!v.ok || table!.apply(v.event) !== null) rejected++;
      }
    });
    events += chunk.length;
  }
  timed(() => table!.finalize(front.clock));
  const results = table.results();
  // The heap the table retains: heap with it minus heap once it is dropped (so code
  // compiled and feedback gathered during the run do not count as participants).
  gc();
  const heapWith = process.memoryUsage().heapUsed;
  table = null;
  gc();
  const heapPerParticipant = (heapWith - process.memoryUsage().heapUsed) / n;
  // Events per second of wall time, and per second of this process's CPU time: the
  // second is steadier when other processes compete for the cores.
  return { events, rejected, eventsPerSec: events / (ms / 1000), eventsPerCpuSec: events / (cpuMicros / 1e6), heapPerParticipant, results };
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

const sizes = (process.argv[2] ?? '1000,10000,100000').split(',').map(Number);
const formats = (process.argv[4] ?? 'hunt/1,hunt/2').split(',').map((f) => {
  const w = BENCH_WORKLOADS[f as BenchWorkload['format']];
  if (!w) throw new Error(`unknown workload format "${f}": hunt/1 or hunt/2`);
  return w;
});
const hunts = new Map(formats.map((w) => [w.format, compileHunt(w.hunt())]));
const v1 = hunts.get('hunt/1');
const v2 = hunts.get('hunt/2');
console.log(`Engine benchmark: ${STEPS}-step generated hunts (${formats.map((w) => w.format).join(', ')}), single thread, Node ${process.version}`);
console.log(`(figures are noisy when other processes share the CPU; load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  console.log('\n' + header.map((c, i) => c.padStart(widths[i])).join('  '));
  for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i])).join('  '));
}

const rows: string[][] = [];
const rowsV2: string[][] = [];
for (const n of sizes) {
  let v1CpuRate: number | null = null;
  if (v1) {
    const w = BENCH_WORKLOADS['hunt/1'];
    run(w, v1, Math.min(n, 1000), () => new ParticipantTable(v1)); // warm-up (JIT)
    const actors = run(w, v1, n, () => new ParticipantTable(v1));
    const plain = run(w, v1, n, () => new PlainTable(v1));
    const same = JSON.stringify(actors.results) === JSON.stringify(plain.results);
    v1CpuRate = actors.eventsPerCpuSec;
    rows.push([
      fmt(n),
      fmt(actors.events),
      fmt(actors.eventsPerSec),
      fmt(plain.eventsPerSec),
      (plain.eventsPerSec / actors.eventsPerSec).toFixed(1) + '×',
      fmt(actors.eventsPerCpuSec),
      fmt(plain.eventsPerCpuSec),
      fmt(actors.heapPerParticipant),
      fmt(plain.heapPerParticipant),
      same ? 'yes' : 'NO',
    ]);
    console.log(`hunt/1, ${fmt(n)} participants: ${fmt(actors.events)} events (${fmt(actors.rejected)} rejected), ` +
      `actors ${fmt(actors.eventsPerSec)} ev/s, plain ${fmt(plain.eventsPerSec)} ev/s, ` +
      `${fmt(actors.heapPerParticipant)} B/participant with actors, results identical: ${same ? 'yes' : 'NO'}`);
    if (!same) process.exitCode = 1;
  }
  if (v2) {
    const w = BENCH_WORKLOADS['hunt/2'];
    run(w, v2, Math.min(n, 1000), () => new ParticipantTable(v2)); // warm-up (JIT)
    const actors = run(w, v2, n, () => new ParticipantTable(v2));
    rowsV2.push([
      fmt(n),
      fmt(actors.events),
      fmt(actors.rejected),
      fmt(actors.eventsPerSec),
      fmt(actors.eventsPerCpuSec),
      fmt(actors.heapPerParticipant),
      v1CpuRate === null ? '–' : (actors.eventsPerCpuSec / v1CpuRate).toFixed(2),
    ]);
    console.log(`hunt/2, ${fmt(n)} participants: ${fmt(actors.events)} events (${fmt(actors.rejected)} rejected), ` +
      `actors ${fmt(actors.eventsPerSec)} ev/s, ${fmt(actors.heapPerParticipant)} B/participant`);
  }
}
if (v1) {
  printTable(
    ['hunt/1 participants', 'events', 'actors ev/s', 'plain ev/s', 'plain/actors', 'actors ev/cpu-s', 'plain ev/cpu-s', 'actors B/participant', 'plain B/participant', 'same results'],
    rows,
  );
  console.log('\nTargets: ≥ 100,000 events/s at 10,000 participants; ≤ 5,120 B heap per participant (actors).');
}
if (v2) printTable(['hunt/2 participants', 'events', 'rejected', 'actors ev/s', 'actors ev/cpu-s', 'actors B/participant', 'ev/cpu-s ÷ hunt/1'], rowsV2);

// ---------------------------------------------------------------- the whole command

const processRuns = Number(process.argv[3] ?? 5);
if (processRuns > 0) {
  const n = 10_000;
  const all = measureReplayProcess(n, processRuns, formats);
  const range = (xs: number[]) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
  const secs = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)} s`;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const medians = new Map<string, { wall: number; cpu: number | null }>();
  for (const figures of all) {
    console.log(`\nWhole process, ${figures.format}: \`node bin/hunt.mjs replay HUNT LOG --json\`, ${fmt(figures.lines)} lines, ${fmt(n)} participants, ${processRuns} runs`);
    for (const [k, r] of figures.runs.entries()) {
      const cpu = r.cpuSec === null ? '' : `, ${r.cpuSec.toFixed(2)} s CPU (${fmt(figures.lines / r.cpuSec)} events/cpu-s)`;
      console.log(`  run ${k + 1}: ${r.wallSec.toFixed(2)} s, ${fmt(figures.lines / r.wallSec)} events/s${cpu}`);
    }
    const walls = figures.runs.map((r) => r.wallSec);
    console.log(`  range: ${secs(walls)}, ${range(walls.map((s) => figures.lines / s))} events/s`);
    const cpus = figures.runs.map((r) => r.cpuSec).filter((s): s is number => s !== null);
    if (cpus.length) console.log(`  CPU: ${secs(cpus)}, ${range(cpus.map((s) => figures.lines / s))} events/cpu-s`);
    console.log(`  for reference, JSON.parse of the same lines in one process: ${secs(figures.parseSec)}`);
    medians.set(figures.format, { wall: figures.lines / median(walls), cpu: cpus.length ? figures.lines / median(cpus) : null });
  }
  console.log('\nTarget: ≥ 300,000 events/s for the whole process.');
  const a = medians.get('hunt/1');
  const b = medians.get('hunt/2');
  if (a && b) {
    const cpu = a.cpu !== null && b.cpu !== null ? `, events/cpu-s ${(b.cpu / a.cpu).toFixed(2)}` : '';
    console.log(`hunt/2 ÷ hunt/1 (medians, runs alternating): events/s ${(b.wall / a.wall).toFixed(2)}${cpu}. Target (issue 19): ≥ 0.80.`);
  }
}
