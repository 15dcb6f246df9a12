// Starting a shard worker thread: its entry and its heap, through the one worker helper.
import type { ResourceLimits, Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { startWorker, workerEntry } from '../threads/worker';
import type { ShardWorkerData } from './types';

/** shard.worker.ts next to this file when running from source, shard.worker.js when bundled. */
export function defaultWorkerEntry(): URL {
  return workerEntry(import.meta.url, 'shard.worker');
}

/** V8 heap sizes of a worker (MB); no old generation cap when undefined. */
export type HeapLimits = { youngGenerationMb: number; oldGenerationMb: number | undefined };

export function launchWorker(entry: URL | string, data: ShardWorkerData, heap: HeapLimits): Worker {
  const resourceLimits: ResourceLimits = { maxYoungGenerationSizeMb: heap.youngGenerationMb };
  if (heap.oldGenerationMb !== undefined) resourceLimits.maxOldGenerationSizeMb = heap.oldGenerationMb;
  const url = typeof entry === 'string' ? pathToFileURL(entry) : entry;
  return startWorker(url, { workerData: data, resourceLimits });
}
