// Sends reports to the report worker thread (queryWorker.ts), started on first use
// and kept for the life of the process (unref'd: it never keeps the process alive).
// A report that needs a completed run it does not have comes back as a `conflict`.
import type { Worker } from 'node:worker_threads';
import { ApiError } from '../../../api/errors';
import { startWorker } from '../../../db/writer/spawn';
import type { ReportOutcome, ReportRequest } from './reports';

/** queryWorker.ts beside this file from source; queryWorker.js beside main.js when bundled (see forge.config.ts). */
function workerEntry(): URL {
  // Built from a variable on purpose: bundlers would inline `new URL('literal', import.meta.url)`.
  const name = import.meta.url.endsWith('.ts') ? './queryWorker.ts' : './queryWorker.js';
  return new URL(name, import.meta.url);
}

type Reply = { id: number; done: true; outcome: ReportOutcome } | { id: number; done: false; error: string };
type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(message: string) {
  for (const p of pending.values()) p.reject(new ApiError('internal', message));
  pending.clear();
  worker = null;
}

function ensureWorker(): Worker {
  if (worker) return worker;
  const w = startWorker(workerEntry());
  w.unref();
  w.on('message', (m: Reply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (!m.done) p.reject(new ApiError('internal', `The report could not be made: ${m.error}`));
    else if (!m.outcome.ok) p.reject(new ApiError('conflict', m.outcome.conflict));
    else p.resolve(m.outcome.value);
    if (pending.size === 0) w.unref();
  });
  w.on('error', (err) => failAll(`The report worker failed: ${err.message}`));
  w.on('exit', (code) => {
    if (worker === w) failAll(`The report worker stopped (exit code ${code}).`);
  });
  worker = w;
  return w;
}

export function runReport(dbFile: string, request: ReportRequest): Promise<unknown> {
  const w = ensureWorker();
  const id = nextId++;
  // While a report is pending the worker must keep the process alive to answer it.
  w.ref();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, dbFile, request });
  });
}
