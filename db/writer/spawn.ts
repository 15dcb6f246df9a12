// Starting a worker thread whose entry is a TypeScript file. On Node 20 here,
// `execArgv: ['--import', 'tsx']` does not install tsx's loader in the worker
// ("Unknown file extension .ts"), so the worker starts with a tiny ESM bootstrap
// that registers tsx and then imports the entry. Built JavaScript entries (the
// packaged app) start directly.
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export function startWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const tsxApi = tsxEsmApi();
  const boot =
    `import(${JSON.stringify(tsxApi)})` +
    `.then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })` +
    `.catch((e) => { setImmediate(() => { throw e; }); });`;
  return new Worker(boot, { ...options, eval: true });
}

/** The URL of tsx's ESM register API (its CommonJS twin fails to load from an eval'd worker). */
function tsxEsmApi(): string {
  const viaMeta = (import.meta as { resolve?: (s: string) => string }).resolve;
  if (typeof viaMeta === 'function') {
    try {
      return viaMeta('tsx/esm/api');
    } catch {
      // fall through: some test runners do not provide import.meta.resolve
    }
  }
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href;
}
