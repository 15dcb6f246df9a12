// The what-if run worker, from source, as one bundled script. Started through tsx (as
// db/writer/spawn.ts starts TypeScript workers), every worker compiles each module on
// start, and every call across modules goes through tsx's export getters; bundled once
// per process with esbuild (which tsx itself uses), the same runs take about 40 % less
// CPU (docs/what-if.md, "Performance"). A built app starts its built run-worker.js instead.
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const bundles = new Map<string, string>();

function bundle(entry: URL): string {
  const file = fileURLToPath(entry);
  let code = bundles.get(file);
  if (code === undefined) {
    const out = buildSync({ entryPoints: [file], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent' });
    code = out.outputFiles[0].text;
    bundles.set(file, code);
  }
  return code;
}

export function startBundledWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  return new Worker(bundle(entry), { ...options, eval: true });
}
