// The one place that starts a worker thread (lint: no other module constructs a Worker).
//
// Every worker entry exists twice: as a .ts file next to its client when the code runs from
// source (tsx, vitest) and as a built .js entry next to the main bundle in the packaged app
// (forge.config.ts lists them). A built entry starts directly. A .ts entry cannot: Node 20
// does not apply ESM loader hooks inside worker threads (`execArgv: ['--import', 'tsx']`
// fails there with ERR_UNKNOWN_FILE_EXTENSION, nodejs/node#47747), so it starts either from
// a tiny bootstrap that registers tsx and then imports the entry, or, where a pool of
// short-lived workers makes tsx's per-module compilation and export getters costly, as one
// esbuild bundle made once per process (`bundle: true`; docs/what-if.md, "Performance").
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type WorkerStart = WorkerOptions & {
  /** From source only: run the entry as one esbuild bundle instead of through tsx. */
  bundle?: boolean;
};

/**
 * The entry `name` (without extension) beside the caller: `name.ts` when the caller runs
 * from source, `name.js` when it is built. Computed at run time on purpose: bundlers would
 * turn `new URL('literal', import.meta.url)` into an asset instead of a separate entry.
 */
export function workerEntry(callerUrl: string, name: string): URL {
  return new URL(`./${name}${callerUrl.endsWith('.ts') ? '.ts' : '.js'}`, callerUrl);
}

export function startWorker(entry: URL, options: WorkerStart = {}): Worker {
  const { bundle, ...workerOptions } = options;
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, workerOptions);
  const code = bundle ? bundled(entry) : tsxBootstrap(entry);
  return new Worker(code, { ...workerOptions, eval: true });
}

function tsxBootstrap(entry: URL): string {
  return (
    `import(${JSON.stringify(tsxEsmApi())})` +
    `.then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })` +
    // Thrown outside the promise chain so that the worker's 'error' event reports it.
    `.catch((e) => { setImmediate(() => { throw e; }); });`
  );
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

const bundles = new Map<string, string>();

function bundled(entry: URL): string {
  const file = fileURLToPath(entry);
  let code = bundles.get(file);
  if (code === undefined) {
    // Loaded only here: a built app never bundles, and most processes never load esbuild.
    const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
    const out = buildSync({ entryPoints: [file], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent' });
    code = out.outputFiles[0].text;
    bundles.set(file, code);
  }
  return code;
}
