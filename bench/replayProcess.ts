// The whole `hunt replay HUNT LOG --json` command as the user meets it: a child process
// per run on a generated log (bench/workload.ts, or bench/workload-v2.ts for hunt/2),
// timed from spawn to exit, with JSON.parse of the same lines in this process as the
// floor it is compared with.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileHunt } from '../engine/hunt/compile';
import { eventLine, workload } from './workload';
import { BENCH_WORKLOADS, type BenchWorkload } from './workloads';

const HUNT_COMMAND = fileURLToPath(new URL('../bin/hunt.mjs', import.meta.url));

/** CPU seconds (user + system) of this process's waited-for children so far, where Linux tells (/proc), else null. */
export function childrenCpuSec(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name (which is in parentheses and may hold spaces): cutime, cstime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSec = 100; // USER_HZ, 100 on every Linux ABI Node supports
  return (Number(fields[13]) + Number(fields[14])) / ticksPerSec;
}

export type ProcessRun = { wallSec: number; cpuSec: number | null };

export type ReplayProcessFigures = {
  format: BenchWorkload['format'];
  lines: number;
  participants: number;
  runs: ProcessRun[];
  /** Seconds JSON.parse of every line takes in this process, per attempt. */
  parseSec: number[];
};

/** Writes the hunt and a log of `participants` to a temporary directory; returns their paths and the line count. */
export function writeWorkload(participants: number, w: BenchWorkload = BENCH_WORKLOADS['hunt/1']): { dir: string; hunt: string; log: string; lines: number } {
  const dir = mkdtempSync(join(tmpdir(), 'hunt-bench-'));
  const hunt = w.hunt();
  const h = compileHunt(hunt);
  const huntFile = join(dir, 'bench.hunt.json');
  const logFile = join(dir, 'bench.jsonl');
  writeFileSync(huntFile, JSON.stringify(hunt, null, 2));
  const fd = openSync(logFile, 'w');
  let lines = 0;
  try {
    for (const chunk of workload(h, participants, undefined, w.script)) {
      writeFileSync(fd, chunk.map(eventLine).join('\n') + '\n');
      lines += chunk.length;
    }
  } finally {
    closeSync(fd);
  }
  return { dir, hunt: huntFile, log: logFile, lines };
}

function replayOnce(hunt: string, log: string, out: string): ProcessRun {
  const fd = openSync(out, 'w');
  try {
    const cpuBefore = childrenCpuSec();
    const start = performance.now();
    const r = spawnSync(process.execPath, [HUNT_COMMAND, 'replay', hunt, log, '--json'], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
    const wallSec = (performance.now() - start) / 1000;
    const cpuAfter = childrenCpuSec();
    if (r.status !== 0) throw new Error(`hunt replay exited with ${r.status ?? r.signal}: ${r.stderr}`);
    return { wallSec, cpuSec: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
  } finally {
    closeSync(fd);
  }
}

function parseAll(text: string): number {
  const start = performance.now();
  let n = 0;
  for (const line of text.split('\n')) if (line.length > 0) n += (JSON.parse(line) as { t: number }).t >= 0 ? 1 : 0;
  if (n === 0) throw new Error('no lines parsed');
  return (performance.now() - start) / 1000;
}

/**
 * Replays each workload's generated log `runs` times in child processes, after one untimed
 * run each (the first builds the command bundle if it is stale). The workloads take turns
 * run by run, so a change in the machine's load falls on all of them alike.
 */
export function measureReplayProcess(participants: number, runs: number, workloads: BenchWorkload[] = [BENCH_WORKLOADS['hunt/1']]): ReplayProcessFigures[] {
  const written = workloads.map((w) => ({ w, files: writeWorkload(participants, w), runs: [] as ProcessRun[] }));
  try {
    for (const x of written) {
      const out = join(x.files.dir, 'result.json');
      replayOnce(x.files.hunt, x.files.log, out);
      const result = JSON.parse(readFileSync(out, 'utf8')) as { events: number };
      if (result.events !== x.files.lines) throw new Error(`hunt replay read ${result.events} events of ${x.files.lines} (${x.w.format})`);
    }
    for (let k = 0; k < runs; k++) {
      for (const x of written) x.runs.push(replayOnce(x.files.hunt, x.files.log, join(x.files.dir, 'result.json')));
    }
    return written.map((x) => {
      const text = readFileSync(x.files.log, 'utf8');
      const parseSec = [0, 1, 2].map(() => parseAll(text));
      return { format: x.w.format, lines: x.files.lines, participants, runs: x.runs, parseSec };
    });
  } finally {
    for (const x of written) rmSync(x.files.dir, { recursive: true, force: true });
  }
}
