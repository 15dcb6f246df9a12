// The benchmarks in bench/ still run: each at a small size, as a process, exactly as its
// header tells a developer to start it, printing its figures. They are not run by
// anything else, so a change to the code they drive can break one unnoticed
// (bench/checkpoint-format.bench.ts did, when a captured participant stopped being an
// actor snapshot). Nothing here is timed: the figures are only checked to be there.
// Left out: bench/live.bench.ts (half a minute of waiting for phones at any size; the
// live host's own tests drive the same phones) and bench/whatif.bench.ts (its cases have
// fixed sizes of several minutes; the compare and sweep commands have tests of their own).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(__dirname, '..', '..');

/** Runs `node --import tsx bench/FILE ARGS` in the project; resolves with its exit code and output. */
function bench(file: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('bench', file), ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a benchmark and checks that it exits 0 with every figure line `expected` names. */
async function runs(file: string, args: string[], expected: RegExp[]): Promise<void> {
  const r = await bench(file, args);
  expect(r.code, `bench/${file} ${args.join(' ')} failed:\n${r.stderr}\n${r.stdout}`).toBe(0);
  for (const line of expected) expect(r.stdout, `bench/${file}: no line matching ${line}`).toMatch(line);
}

const TIMEOUT = 180_000;

describe('the benchmarks run and print their figures', () => {
  it('checkpoint-format: bytes, write and read cost of a row in both formats', { timeout: TIMEOUT }, async () => {
    await runs('checkpoint-format.bench.ts', ['--participants', '200'], [
      /half-way \(line \d+ of \d+\): 200 participants/,
      /bytes a row: XState JSON \d+, participant-state v1 \d+/,
      /write µs a row \(from the actor snapshot\): \{"xstateJson":[\d.]+,"participantStateV1":[\d.]+\}/,
      /read µs a row .*"participantStateV1":[\d.]+\} \(row \d+ reads back equal: true\)/,
    ]);
  });

  it('engine: single-thread replay throughput beside the plain baseline, both formats', { timeout: TIMEOUT }, async () => {
    await runs('engine.bench.ts', ['300', '0'], [/^hunt\/1 participants/m, /^hunt\/2 participants/m, /^\s+300\s+[\d,]+\s+[\d,]+\s+[\d,]+/m]);
  });

  it('runtime: durable ingest at both worker counts, then seeks into a stored run', { timeout: TIMEOUT }, async () => {
    await runs('runtime.bench.ts', ['--only', 'ingest', '--participants', '1000', '--events', '20000', '--no-burst'], [
      /^\s+1\s+1000\s+20000\s+\d+\s+[\d.]+ \/\s+[\d.]+ \/\s+[\d.]+\s+\d+ MiB/m,
      /^\s+2\s+1000\s+20000\s+\d+/m,
    ]);
    await runs('runtime.bench.ts', ['--only', 'seek', '--seek-events', '20000', '--seeks', '10'], [
      /one participant \(state \+ step breakdown\): \{"p50":[\d.]+/,
      /a page of 50 participants:\s+\{"p50":[\d.]+/,
    ]);
  });

  it('sim: the generator alone and whole simulations through the durable pipeline', { timeout: TIMEOUT }, async () => {
    await runs('sim.bench.ts', ['--participants', '200'], [/^gen-10k\s+200\s+[\d,]+/m, /^10k\s+200\s+[\d,]+\s+[\d.]+\s+[\d,]+\s+\d+\s+\d+\s+[\d.]+%/m, /^100k\s+200\s+/m]);
  });

  it('console: the organiser console answer, size and time', { timeout: TIMEOUT }, async () => {
    await runs('console.bench.ts', ['--teams', '10', '--reps', '2'], [/console\.state at 10 teams \(20 steps, feed \d+\): [\d.]+ KB, median [\d.]+ ms/]);
  });
});
