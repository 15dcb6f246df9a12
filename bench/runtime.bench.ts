// Benchmark of the durable runtime (npm run bench:runtime):
//  1. sustained durable ingest — events/s, event-to-commit latency p50/p99 and peak RSS
//     at 10k and 100k participants, W = 1 and 2, every event committed to the WAL
//     (synchronous=NORMAL) with checkpoints every K events (default: ingestRun's). Each
//     participant sends about 100 events (1M events at 10k, 10M at 100k), everyone
//     joining during the first tenth of the session; then a short run that opens with a
//     join burst (100k participants, 1M events, the first 100,000 of them joins);
//  2. seek — the state of a participant (and a page of 50 participants) as of random
//     events of a 10-million-event run (the 100k-participant, W = 2 run of part 1).
// Each configuration runs in its own process so its peak RSS is its own.
//
//   node --import tsx bench/runtime.bench.ts [--events-per-participant N | --events N] [--seek-events N] [--seeks N] [--keep DIR]
//
// --events-per-participant: the sustained runs' length (default 100); --events N: N events
// per sustained configuration instead; --no-burst: skip the join-burst runs; --seek-events:
// size of the seek run (default 10,000,000); --keep DIR: keep (and reuse) the seek run's database;
// --only ingest|seek: run one part; --checkpoint-every K (default: ingestRun's); --participants N: one size only;
// --batch-size B: events per batch (default: ingestRun's, 250); --rate R: offer the lines at R events/s
// (a live feed's pace) instead of as fast as the pipeline takes them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import type { HuntV1 as Hunt } from '../engine/hunt/schema';
import { DEFAULT_BATCH_SIZE, DEFAULT_CHECKPOINT_EVERY, ingestRun } from '../host/store/ingest';
import { participantAt, participantsAt, runPoint } from '../host/store/seek';
import { openDatabase } from '../db/open';
import { listRuns } from '../db/runs';

const HUNT_FILE = fileURLToPath(new URL('../examples/old-town-walk.hunt.json', import.meta.url));
const hunt = JSON.parse(readFileSync(HUNT_FILE, 'utf8')) as Hunt;

// ---------- a synthetic session: many participants, mostly GPS pings, progress through the steps ----------

function* sessionLines(events: number, participants: number, seed: number): Generator<string> {
  let s = seed >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const locations = new Map((hunt.locations ?? []).map((l) => [l.id, l]));
  const cursor = new Uint8Array(participants);
  const ids = Array.from({ length: participants }, (_, i) => `p${String(i).padStart(6, '0')}`);
  // The whole session spans about 5,000 s of hunt time, inside the hunt's 2-hour limit.
  const dt = 5000 / events;
  let t = 0;
  let joined = 0;
  for (let n = 0; n < events; n++) {
    t += dt;
    const time = Math.round(t * 1000) / 1000;
    // Everyone joins during the first tenth of the session.
    if (joined < participants && (joined === 0 || rnd() < (participants * 10) / events)) {
      const p = ids[joined++];
      yield `{"t":${time},"p":"${p}","type":"join","name":"Team ${joined}"}`;
      continue;
    }
    const i = Math.floor(rnd() * joined);
    const p = ids[i];
    const step = hunt.steps[cursor[i]];
    if (!step || rnd() < 0.7) {
      // A GPS ping somewhere in town: applied, usually solves nothing.
      yield `{"t":${time},"p":"${p}","type":"position","lat":${(48.2 + rnd() * 0.01).toFixed(6)},"lon":${(16.36 + rnd() * 0.02).toFixed(6)}}`;
    } else if (step.kind === 'location') {
      const loc = locations.get(step.location)!;
      cursor[i]++;
      yield `{"t":${time},"p":"${p}","type":"position","lat":${loc.lat},"lon":${loc.lon}}`;
    } else if (step.kind === 'answer') {
      const right = rnd() < 0.75;
      if (right) cursor[i]++;
      yield JSON.stringify({ t: time, p, type: 'answer', step: step.id, text: right ? step.answers[0] : 'a guess' });
    } else {
      cursor[i]++;
      yield JSON.stringify({ t: time, p, type: 'scan', step: step.id, code: step.code });
    }
  }
}

/**
 * The lines as a feed hands them over: in pieces, like a file read 64 KB at a time (about
 * 800 of these lines). With `rate` (events/s), pieces come no faster than that: a live
 * feed's pace, so latency is measured at that load instead of with the pipeline full.
 */
async function* asAsync(lines: Iterable<string>, rate = 0): AsyncGenerator<string[]> {
  const piece = 512;
  const started = performance.now();
  let sent = 0;
  let buffer: string[] = [];
  for (const line of lines) {
    buffer.push(line);
    if (buffer.length === piece) {
      if (rate > 0) {
        const due = started + (sent * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      sent += buffer.length;
      yield buffer;
      buffer = [];
    }
  }
  if (buffer.length > 0) yield buffer;
}

// ---------- measuring ----------

type IngestFigures = {
  workers: number;
  participants: number;
  events: number;
  seconds: number;
  eventsPerSec: number;
  latencyMs: { p50: number; p99: number; max: number };
  peakRssMb: number;
  dbMb: number;
  /** Events per second of CPU time used by the whole process (all threads): less sensitive to a busy machine. */
  eventsPerCpuSec: number;
};

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function ingest(db: string, workers: number, participants: number, events: number, checkpointEvery: number, batchSize: number, rate = 0): Promise<IngestFigures> {
  // Latency of every event (every 8th for very long runs), from being read to its commit being acknowledged.
  const stride = events > 2_000_000 ? 8 : 1;
  const lat = new Float64Array(Math.ceil(events / stride) + 1);
  let nLat = 0;
  let k = 0;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const out = await ingestRun(
    {
      db,
      hunt,
      // A replay of a recorded session, as `hunt replay --db` runs one (with its process settings).
      kind: 'replay',
      name: `bench W=${workers} participants=${participants}`,
      workers,
      expectedParticipants: participants,
      checkpointEvery,
      batchSize,
      // A worker replaced mid-run (e.g. one that reached its heap cap) skews the figures: say so.
      onWorkerFailure: ({ shard, error }) => console.error(`   (shard ${shard} worker replaced: ${error})`),
      onCommitted: (readAt, length, committedAt) => {
        for (let i = 0; i < length; i++) if (k++ % stride === 0 && nLat < lat.length) lat[nLat++] = committedAt - readAt[i];
      },
    },
    asAsync(sessionLines(events, participants, 7), rate),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  if (out.status !== 'completed' || out.result?.events !== events) throw new Error(`ingest did not complete: ${out.status}`);
  const sorted = lat.slice(0, nLat).sort();
  return {
    workers,
    participants,
    events,
    seconds: round(seconds, 2),
    eventsPerSec: Math.round(events / seconds),
    latencyMs: { p50: round(percentile(sorted, 0.5), 1), p99: round(percentile(sorted, 0.99), 1), max: round(sorted[sorted.length - 1], 1) },
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    dbMb: Math.round(statSync(db).size / 2 ** 20),
    eventsPerCpuSec: Math.round(events / ((cpu.user + cpu.system) / 1e6)),
  };
}

async function seek(db: string, seeks: number): Promise<Record<string, unknown>> {
  const conn = openDatabase(db, { check: 'none' });
  try {
    const run = listRuns(conn).find((r) => r.status === 'completed');
    if (!run) throw new Error(`${db}: no completed run to seek in`);
    let s = 99;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const one: number[] = [];
    const page: number[] = [];
    const cold: number[] = [];
    for (let i = 0; i < seeks; i++) {
      const seq = 1 + Math.floor(rnd() * run.events);
      const t0 = performance.now();
      const point = runPoint(conn, db, run.id, seq);
      // A participant that had joined by then: the one of the event itself, or one of the first page.
      const p = point.event.p ?? 'p000000';
      participantAt(conn, db, run.id, seq, p, point.clock);
      const t1 = performance.now();
      participantsAt(conn, db, run.id, seq, { offset: Math.floor(rnd() * Math.max(1, point.participants - 50)), limit: 50 });
      const t2 = performance.now();
      (i < 5 ? cold : one).push(t1 - t0);
      page.push(t2 - t1);
    }
    const stats = (xs: number[]) => {
      const a = Float64Array.from(xs).sort();
      return { p50: round(percentile(a, 0.5), 2), p99: round(percentile(a, 0.99), 2), max: round(a[a.length - 1], 2) };
    };
    return {
      run: { events: run.events, participants: run.participants },
      seeks,
      oneParticipantMs: stats(one),
      firstFiveSeeksMs: stats(cold),
      pageOf50Ms: stats(page),
    };
  } finally {
    conn.close();
  }
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

// ---------- orchestration: one child process per configuration ----------

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function child(args: string[]): Record<string, unknown> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`benchmark child ${args.join(' ')} failed (exit ${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

async function runChild(): Promise<void> {
  const [, kind, ...rest] = process.argv.slice(process.argv.indexOf('--child'));
  if (kind === 'ingest') {
    const [db, w, p, e, k, b, r] = rest;
    process.stdout.write(JSON.stringify(await ingest(db, Number(w), Number(p), Number(e), Number(k), Number(b ?? DEFAULT_BATCH_SIZE), Number(r ?? 0))) + '\n');
  } else if (kind === 'seek') {
    const [db, seeks] = rest;
    process.stdout.write(JSON.stringify(await seek(db, Number(seeks))) + '\n');
  }
}

async function orchestrate(): Promise<void> {
  const fixedEvents = process.argv.includes('--events') ? arg('--events', 0) : 0;
  const perParticipant = arg('--events-per-participant', 100);
  const seekEvents = arg('--seek-events', 10_000_000);
  const seeks = arg('--seeks', 200);
  const k = arg('--checkpoint-every', DEFAULT_CHECKPOINT_EVERY);
  const batchSize = arg('--batch-size', DEFAULT_BATCH_SIZE);
  const rate = arg('--rate', 0);
  const keepAt = process.argv.indexOf('--keep');
  const keepDir = keepAt > 0 ? process.argv[keepAt + 1] : null;
  const dir = mkdtempSync(join(tmpdir(), 'hunt-bench-runtime-'));
  console.log(`durable runtime benchmark (${process.argv.slice(2).join(' ') || 'defaults'}) — ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (figures are noisy when the machine is busy)`);
  console.log(`hunt ${hunt.id}; WAL, synchronous=NORMAL; batches of ${batchSize.toLocaleString('en-US')}; checkpoint every ${k.toLocaleString('en-US')} events\n`);
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
  const seekDir = keepDir ?? dir;
  mkdirSync(seekDir, { recursive: true });
  const seekDb = join(seekDir, `seek-${seekEvents}.db`);
  const seekDbKept = existsSync(seekDb);
  const header = '   W  participants      events  events/s   commit latency p50 / p99 / max (ms)   peak RSS   db size   events per CPU-second';
  const row = (f: IngestFigures) =>
    console.log(
      `   ${f.workers}  ${String(f.participants).padStart(12)}  ${String(f.events).padStart(10)}  ${String(f.eventsPerSec).padStart(8)}   ` +
        `${String(f.latencyMs.p50).padStart(6)} / ${String(f.latencyMs.p99).padStart(6)} / ${String(f.latencyMs.max).padStart(7)}            ` +
        `${String(f.peakRssMb).padStart(5)} MiB ${String(f.dbMb).padStart(5)} MiB  ${String(f.eventsPerCpuSec).padStart(8)}`,
    );
  const ingestInto = (db: string, workers: number, participants: number, n: number, keep = false) => {
    const f = child(['ingest', db, String(workers), String(participants), String(n), String(k), String(batchSize), String(rate)]) as unknown as IngestFigures;
    row(f);
    if (!keep) for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
    return f;
  };
  const pace = rate > 0 ? `lines offered at ${rate.toLocaleString('en-US')} events/s (latency at that load)` : 'lines offered as fast as the pipeline takes them (latency with the pipeline full)';
  try {
    if (only !== 'seek') {
      // Sustained: a session of the same shape at every size, each participant sending
      // about `perParticipant` events, everyone joining during the first tenth of it.
      console.log(`1. sustained durable ingest, ${fixedEvents > 0 ? `${fixedEvents.toLocaleString('en-US')} events` : `${perParticipant} events a participant`} per configuration; ${pace}`);
      console.log(header);
      const participantCounts = process.argv.includes('--participants') ? [arg('--participants', 100_000)] : [10_000, 100_000];
      for (const participants of participantCounts) {
        for (const workers of [1, 2]) {
          const n = fixedEvents > 0 ? fixedEvents : participants * perParticipant;
          // The 10M-event run at 100k participants on two workers is also the seek run below.
          const isSeekRun = !seekDbKept && only !== 'ingest' && workers === 2 && participants === 100_000 && n === seekEvents;
          ingestInto(isSeekRun ? seekDb : join(dir, `ingest-${participants}-${workers}.db`), workers, participants, n, isSeekRun);
        }
      }
      if (!process.argv.includes('--no-burst')) {
        // A short run opening with a join burst: 1M events at 100k participants is 10 a
        // participant, and the first 100,000 events are all joins (each makes an actor).
        console.log(`\n   join burst: 100,000 participants, 1,000,000 events (the first 100,000 are the joins); ${pace}`);
        console.log(header);
        for (const workers of [1, 2]) ingestInto(join(dir, `burst-${workers}.db`), workers, 100_000, 1_000_000);
      }
    }
    if (only === 'ingest') return;
    console.log(`\n2. seek in a ${seekEvents.toLocaleString('en-US')}-event run (100,000 participants, W = 2)`);
    if (!existsSync(seekDb)) {
      const f = child(['ingest', seekDb, '2', '100000', String(seekEvents), String(k), String(batchSize)]) as unknown as IngestFigures;
      console.log(`   built it: ${f.eventsPerSec} events/s, commit latency p50 ${f.latencyMs.p50} ms / p99 ${f.latencyMs.p99} ms, peak RSS ${f.peakRssMb} MiB, ${f.dbMb} MiB on disk`);
    } else console.log(`   ${seekDbKept ? 'reusing' : 'in the run of part 1,'} ${seekDb}`);
    const s = child(['seek', seekDb, String(seeks)]);
    console.log(`   ${seeks} seeks to random events:`);
    console.log(`   one participant (state + step breakdown): ${JSON.stringify(s.oneParticipantMs)} ms; first 5 seeks (cold cache): ${JSON.stringify(s.firstFiveSeeksMs)} ms`);
    console.log(`   a page of 50 participants:                ${JSON.stringify(s.pageOf50Ms)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--child')) await runChild();
else await orchestrate();
