#!/usr/bin/env node
// `npm run security`: static Electron security check of electron/ with Doyensec's
// electronegativity. Fails (exit 1) on any HIGH-severity finding; lists the others.
// Runs offline: the Electron version comes from package.json, and the tool's attempts
// to fetch release lists or translations only print a warning when there is no network.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const target = process.argv[2] ?? join(root, 'electron');
const shown = relative(root, target) || '.';
const installed = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

const run = require('@doyensec/electronegativity');
// The tool logs network failures through winston and console; keep our output readable.
const quiet = console.warn;
console.warn = () => {};
let result;
try {
  result = await run({ input: target, isRelative: true, electronVersionOverride: installed });
} finally {
  console.warn = quiet;
}

const order = { HIGH: 0, MEDIUM: 1, LOW: 2, INFORMATIONAL: 3 };
const name = (level) => level?.name ?? String(level?.value ?? level);
const issues = [...result.issues].sort((a, b) => (order[name(a.severity)] ?? 9) - (order[name(b.severity)] ?? 9));
for (const e of result.errors) console.log(`electronegativity could not parse ${e.file}: ${e.message}`);
for (const i of issues) {
  const review = i.manualReview ? ' (manual review)' : '';
  console.log(`${name(i.severity).padEnd(6)} ${name(i.confidence).padEnd(9)} ${i.id} ${shown}/${i.file}:${i.location.line}${review}`);
}
const high = issues.filter((i) => name(i.severity) === 'HIGH');
const hard = result.errors.filter((e) => !e.tolerable);
console.log(
  `security: electronegativity ran ${result.globalChecks + result.atomicChecks} checks over ${shown}/ (Electron ${installed}): ` +
    `${high.length} high, ${issues.length - high.length} other findings, ${hard.length} files it could not parse.`,
);
process.exitCode = high.length > 0 || hard.length > 0 ? 1 : 0;
