#!/usr/bin/env node
// `npm test`: every suite a user or CI needs: unit, property, contract and fault
// tests, then the end-to-end studio tests in headless Chromium. Ends with one
// plain summary line over both ("tests: N passed, N failed, N skipped").
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'test-results', 'vitest');
mkdirSync(outDir, { recursive: true });
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');

const suites = [
  { name: 'unit', config: 'vitest.config.ts' },
  { name: 'e2e', config: 'vitest.e2e.config.ts' },
];

const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;
for (const suite of suites) {
  const report = join(outDir, `${suite.name}.json`);
  rmSync(report, { force: true });
  console.log(`\n=== ${suite.name} tests (${suite.config}) ===`);
  const run = spawnSync(
    process.execPath,
    [vitest, 'run', '--config', suite.config, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { cwd: root, stdio: 'inherit' },
  );
  if (run.status !== 0) exitCode = 1;
  try {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  } catch {
    // No report: the run died before writing it; its exit status already says so.
    totals.failed += 1;
    exitCode = 1;
  }
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = exitCode;
