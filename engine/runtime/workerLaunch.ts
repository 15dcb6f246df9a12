// Starting a shard worker thread. In a bundled build (Electron) the worker is its own
// plain-JS entry next to the main bundle. From source (tsx, vitest) it is a .ts file:
// Node 20 does not apply ESM loader hooks inside worker threads (`execArgv: ['--import',
// 'tsx']` fails there with ERR_UNKNOWN_FILE_EXTENSION, nodejs/node#47747), so the worker
// starts from a tiny CommonJS bootstrap that registers tsx's require hook and then loads
// the entry through it.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ShardWorkerData } from './types';

/** shardWorker.ts next to this file when running from source, shardWorker.js when bundled. */
export function defaultWorkerEntry(): URL {
  // Built from a variable on purpose: bundlers rewrite `new URL('literal', import.meta.url)`
  // into an asset reference, and the worker must stay a separate entry of the build.
  const name = import.meta.url.endsWith('.ts') ? './shardWorker.ts' : './shardWorker.js';
  return new URL(name, import.meta.url);
}

/** V8 heap sizes of a worker (MB); no old generation cap when undefined. */
export type HeapLimits = { youngGenerationMb: number; oldGenerationMb: number | undefined };

export function launchWorker(entry: URL | string, data: ShardWorkerData, heap: HeapLimits): Worker {
  const file = typeof entry === 'string' ? entry : fileURLToPath(entry);
  const resourceLimits: ResourceLimits = { maxYoungGenerationSizeMb: heap.youngGenerationMb };
  if (heap.oldGenerationMb !== undefined) resourceLimits.maxOldGenerationSizeMb = heap.oldGenerationMb;
  if (!file.endsWith('.ts')) return new Worker(file, { workerData: data, resourceLimits });
  const tsxRequireHook = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const bootstrap = `require(${JSON.stringify(tsxRequireHook)}).register();\nrequire(${JSON.stringify(file)});`;
  return new Worker(bootstrap, { eval: true, workerData: data, resourceLimits });
}
