// Load benchmark of the live host (npm run bench:live): N simulated phones, each its own
// WebSocket connection speaking the real protocol (test/host/live/phone.ts) on loopback
// to the real `hunt live` process (bin/hunt.mjs, its default limits), paced like players:
// an action every 5–30 s (uniform), a position every 5 s. The phones run in this process,
// the host in its own; each phone connects from its own loopback address (127.1.x.y), as
// each phone has its own address at a venue, so the per-address limits apply as there.
// For each N: phones join (16 at a time), play for --seconds, then stop sending and wait
// until every action is acknowledged. Reports action→ack latency p50/p99 (every message;
// and answers only), lost (sent, never acknowledged) and duplicated (one action on two
// lines of the log, or acknowledged with two different lines), the host's memory per
// connection (its RSS from its own /metrics after the phones connected, minus before,
// over N), the host's own p99 (the bucket bound of its /metrics histogram, from the action
// reaching it to its ack sent) and the load average at the end of the level.
//
//   node --import tsx bench/live.bench.ts [--phones 500,1000,2000] [--seconds 60] [--cpu-prof DIR]
//
// --cpu-prof DIR: the host runs with node --cpu-prof; its profile is written to DIR when it
// exits and its top functions by self time are printed after each level.
// Bounded: at most --max-minutes (default 20) in all; loopback only.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/open';
import { iterateEvents } from '../db/events';
import { Phone } from '../test/host/live/phone';
import { seededUniform } from '../engine/sim/random';
import { topSelfTime } from './live-profile';

const HUNT_BIN = fileURLToPath(new URL('../bin/hunt.mjs', import.meta.url));

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const LEVELS = arg('--phones', '500,1000,2000').split(',').map(Number);
const SECONDS = Number(arg('--seconds', '60'));
const DEADLINE = Date.now() + Number(arg('--max-minutes', '20')) * 60_000;
const PROFILE_DIR = process.argv.includes('--cpu-prof') ? resolve(arg('--cpu-prof', 'live-cpu-prof')) : null;

/** Phone i's own loopback address: 127.1.0.1, 127.1.0.2, … (250 per third byte; Linux routes all of 127/8 to lo). */
const phoneAddress = (i: number) => `127.1.${Math.floor(i / 250)}.${1 + (i % 250)}`;

const HUNT = {
  format: 'hunt/1',
  id: 'bench-live',
  title: 'Live benchmark',
  timeLimitSec: 7200,
  locations: [{ id: 'square', lat: 48.2082, lon: 16.3738, radiusM: 20 }],
  steps: [
    { id: 'q1', title: 'Q1', kind: 'answer', prompt: 'Say yes', answers: ['yes'], hints: [{ text: 'yes', penalty: 1 }] },
    { id: 'q2', title: 'Q2', kind: 'answer', prompt: 'Say no', answers: ['no'] },
    { id: 'c1', title: 'Code', kind: 'code', code: 'C-1' },
    { id: 'square', title: 'Square', kind: 'location', location: 'square' },
  ],
};

/** The same pacing every run. */
const rng = seededUniform;

const pct = (sorted: number[], q: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);

type Host = { pid: number; port: number; code: string; token: string; runId: number; exited: Promise<void> };

/** Starts `hunt live` on loopback, port 0, a new run; resolves once it says it serves. */
function startHost(huntFile: string, db: string): Promise<Host> {
  const flags = PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : [];
  const child = spawn(process.execPath, [...flags, HUNT_BIN, 'live', huntFile, '--db', db, '--port', '0', '--new'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return new Promise((resolveHost, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => {
      out += d;
      if (!out.includes('Ctrl+C stops serving')) return;
      const runId = /live run (\d+)/.exec(out)?.[1];
      const port = /listening on [^:]+:(\d+)/.exec(out)?.[1];
      const code = /join code: (\w+)/.exec(out)?.[1];
      const token = /^organiser's token .*: (\S+)$/m.exec(out)?.[1];
      if (!runId || !port || !code || !token) return reject(new Error(`hunt live printed what the benchmark cannot read:\n${out}`));
      resolveHost({ pid: child.pid!, port: Number(port), code, token, runId: Number(runId), exited });
    });
    child.once('exit', (c, sig) => reject(new Error(`hunt live exited (${c ?? sig}) before it served:\n${out}`)));
  });
}

async function hostMetrics(host: Host): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${host.port}/metrics`, { headers: { authorization: `Bearer ${host.token}` } });
  if (res.status !== 200) throw new Error(`the host's /metrics answered ${res.status}`);
  return res.text();
}

/** The host's resident memory, from its own /metrics (prom-client's process metrics). */
async function hostRss(host: Host): Promise<number> {
  const m = /^hunt_live_process_resident_memory_bytes (\S+)$/m.exec(await hostMetrics(host));
  if (!m) throw new Error("the host's /metrics has no hunt_live_process_resident_memory_bytes");
  return Number(m[1]);
}

/**
 * The host's own view of the same latency (an action reaching it to its ack being sent,
 * its /metrics histogram): the smallest bucket bound holding 99% of the actions, so what
 * the phones' side adds (their process's event loop, the loopback) shows beside it.
 */
async function hostP99Bound(host: Host): Promise<number> {
  const text = await hostMetrics(host);
  const buckets = [...text.matchAll(/^hunt_live_ack_latency_seconds_bucket\{le="([^"]+)"\} (\S+)$/gm)].map((m) => ({ le: Number(m[1]), n: Number(m[2]) }));
  const total = buckets.find((b) => !Number.isFinite(b.le))?.n ?? 0;
  const bound = buckets.find((b) => Number.isFinite(b.le) && b.n >= 0.99 * total);
  return bound ? bound.le * 1000 : Infinity;
}

type Level = { pid: number; hostP99: number; phones: number; p50: number; p99: number; answerP99: number; acks: number; lost: number; duplicated: number; perConnKb: number; hostRssMb: number; load: number };

async function level(n: number): Promise<Level> {
  const dir = mkdtempSync(join(tmpdir(), 'hunt-bench-live-'));
  const huntFile = join(dir, 'bench.hunt.json');
  writeFileSync(huntFile, JSON.stringify(HUNT));
  const db = join(dir, 'live.db');
  let host: Host | null = null;
  try {
    host = await startHost(huntFile, db);
    const base = `http://127.0.0.1:${host.port}`;
    const before = await hostRss(host);
    const phones: Phone[] = [];
    for (let i = 0; i < n; i += 16) {
      const batch = await Promise.all(Array.from({ length: Math.min(16, n - i) }, (_, k) => Phone.join(base, host!.code, `team ${i + k + 1}`, false, phoneAddress(i + k))));
      phones.push(...batch);
    }
    const connected = await hostRss(host);
    const answerN = new Map<Phone, Set<number>>();
    const random = rng(n);
    let playing = true;
    const timers: NodeJS.Timeout[] = [];
    for (const p of phones) {
      const answers = new Set<number>();
      answerN.set(p, answers);
      let k = 0;
      const act = () => {
        if (!playing) return;
        const step = ['q1', 'q2', 'c1'][k++ % 3];
        answers.add(p.act(step === 'c1' ? { type: 'scan', step, code: random() < 0.5 ? 'C-1' : 'X' } : { type: 'answer', step, text: random() < 0.5 ? 'yes' : 'no' }));
        timers.push(setTimeout(act, 5000 + random() * 25_000));
      };
      const walk = () => {
        if (!playing) return;
        p.act({ type: 'position', lat: 48.2 + random() * 0.01, lon: 16.37 + random() * 0.01 });
        timers.push(setTimeout(walk, 5000));
      };
      timers.push(setTimeout(act, 5000 + random() * 25_000), setTimeout(walk, random() * 5000));
    }
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    playing = false;
    for (const t of timers) clearTimeout(t);
    const drainUntil = Date.now() + 60_000;
    while (phones.some((p) => p.queue.length > 0) && Date.now() < drainUntil) await new Promise((r) => setTimeout(r, 200));
    const end = await hostRss(host);
    const hostP99 = await hostP99Bound(host);
    const load = loadavg()[0];
    const all = phones.flatMap((p) => p.latencies).sort((a, b) => a - b);
    const answers: number[] = [];
    let lost = 0;
    for (const p of phones) {
      lost += p.queue.length;
      for (const num of answerN.get(p)!) if (p.latencyOf.has(num)) answers.push(p.latencyOf.get(num)!);
    }
    answers.sort((a, b) => a - b);
    for (const p of phones) p.close();
    // Ctrl+C: the host stops serving and exits (writing its CPU profile when asked).
    process.kill(host.pid, 'SIGINT');
    await Promise.race([host.exited, new Promise((r) => setTimeout(r, 30_000))]);
    // Duplicates: an action of a device on more than one line, or acknowledged with another line than the log's.
    const conn = openDatabase(db, { readonly: true, check: 'none' });
    const seen = new Map<string, number>();
    let duplicated = 0;
    try {
      for (const e of iterateEvents(conn, host.runId)) {
        const o = JSON.parse(e.raw) as { dev?: string; n?: number };
        if (o.dev === undefined || o.n === undefined) continue;
        const key = `${o.dev}/${o.n}`;
        if (seen.has(key)) duplicated++;
        seen.set(key, e.seq);
      }
    } finally {
      conn.close();
    }
    for (const p of phones) for (const [num, ack] of p.acks) if (seen.get(`${p.device}/${num}`) !== ack.seq) duplicated++;
    return {
      phones: n,
      p50: pct(all, 0.5),
      p99: pct(all, 0.99),
      answerP99: pct(answers, 0.99),
      acks: all.length,
      lost,
      duplicated,
      perConnKb: (connected - before) / n / 1024,
      hostRssMb: end / 1048576,
      load,
      hostP99,
      pid: host.pid,
    };
  } finally {
    if (host) {
      try {
        process.kill(host.pid, 'SIGKILL');
      } catch {
        // it exited already
      }
      await host.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

process.stdout.write(`live benchmark: ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ${SECONDS} s of play per level\n`);
process.stdout.write('phones  acks     p50 ms  p99 ms  answers p99 ms  lost  duplicated  host KB/connection  host RSS MB  host p99 ≤ ms  load\n');
if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
let best: number | null = null;
for (const n of LEVELS) {
  if (Date.now() > DEADLINE) {
    process.stdout.write(`(stopped: --max-minutes reached before ${n} phones)\n`);
    break;
  }
  const r = await level(n);
  if (r.p99 <= 100 && r.lost === 0 && r.duplicated === 0) best = n;
  process.stdout.write(
    `${String(r.phones).padEnd(8)}${String(r.acks).padEnd(9)}${r.p50.toFixed(1).padEnd(8)}${r.p99.toFixed(1).padEnd(8)}${r.answerP99.toFixed(1).padEnd(16)}${String(r.lost).padEnd(6)}${String(r.duplicated).padEnd(12)}${r.perConnKb.toFixed(1).padEnd(20)}${r.hostRssMb.toFixed(0).padEnd(13)}${String(r.hostP99).padEnd(15)}${r.load.toFixed(1)}\n`,
  );
  if (PROFILE_DIR) {
    const prof = topSelfTime(PROFILE_DIR, r.pid);
    process.stdout.write(`  host CPU profile ${prof.file} (${(prof.totalMs / 1000).toFixed(0)} s), self time:\n`);
    for (const l of prof.lines) process.stdout.write(`    ${(l.share * 100).toFixed(1).padStart(5)}%  ${l.ms.toFixed(0).padStart(7)} ms  ${l.where}\n`);
  }
}
process.stdout.write(`largest N with p99 ≤ 100 ms, 0 lost, 0 duplicated: ${best ?? 'none of those run'}\n`);
