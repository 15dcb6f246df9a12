// Sends reports to the query worker threads (queryWorker.ts), each started on first use
// and kept for the life of the process (unref'd: they never keep the process alive).
// Requests go to lanes, one worker each, so that quick, interactive ones never wait
// behind slow ones: a seek's inspector state must not queue behind the analytics the
// Simulate screen polls (seconds on a large run) nor behind a participant's first
// event scan. A report that needs a completed run it does not have comes back as a
// `conflict`; a participant that had not joined as `not-found`.
import type { Worker } from 'node:worker_threads';
import { ApiError } from '../../../api/errors';
import { startWorker, workerEntry } from '../../../engine/threads/worker';
import type { ReportOutcome, ReportRequest } from './reports';

/** queryWorker.ts beside this file from source; queryWorker.js beside main.js when bundled (see forge.config.ts). */
/**
 * inspect: the inspector's state at a seek (milliseconds); table: the participants table's
 * pages and the density strip (tens of milliseconds); history: a participant's events (one
 * scan of the log per participant, then from memory); reports: whole-log reports (seconds).
 */
export type Lane = 'inspect' | 'table' | 'history' | 'reports';

export function laneOf(request: ReportRequest): Lane {
  switch (request.kind) {
    case 'inspect':
      return 'inspect';
    case 'page':
    case 'density':
      return 'table';
    case 'history':
      return 'history';
    default:
      return 'reports';
  }
}

type Reply = { id: number; done: true; outcome: ReportOutcome } | { id: number; done: false; error: string };
type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };
type LaneWorker = { worker: Worker; pending: Map<number, Pending> };

let nextId = 1;
const lanes = new Map<Lane, LaneWorker>();

function failAll(lane: Lane, lw: LaneWorker, message: string) {
  for (const p of lw.pending.values()) p.reject(new ApiError('internal', message));
  lw.pending.clear();
  if (lanes.get(lane) === lw) lanes.delete(lane);
}

function ensureWorker(lane: Lane): LaneWorker {
  const existing = lanes.get(lane);
  if (existing) return existing;
  const w = startWorker(workerEntry(import.meta.url, 'queryWorker'), { name: `studio-${lane}` });
  w.unref();
  const lw: LaneWorker = { worker: w, pending: new Map() };
  w.on('message', (m: Reply) => {
    const p = lw.pending.get(m.id);
    if (!p) return;
    lw.pending.delete(m.id);
    if (!m.done) p.reject(new ApiError('internal', `The report could not be made: ${m.error}`));
    else if (m.outcome.ok) p.resolve(m.outcome.value);
    else if ('notFound' in m.outcome) p.reject(new ApiError('not-found', m.outcome.notFound));
    else p.reject(new ApiError('conflict', m.outcome.conflict));
    if (lw.pending.size === 0) w.unref();
  });
  w.on('error', (err) => failAll(lane, lw, `The ${lane} worker failed: ${err.message}`));
  w.on('exit', (code) => failAll(lane, lw, `The ${lane} worker stopped (exit code ${code}).`));
  lanes.set(lane, lw);
  return lw;
}

/**
 * Starts the interactive lanes' workers ahead of need (a worker takes a second or more to
 * load on a busy machine): called when the studio first lists the runs, so the first seek
 * in the debugger does not pay for it.
 */
export function warmUpQueryWorkers(which: Lane[] = ['inspect', 'table', 'history']): void {
  for (const lane of which) ensureWorker(lane);
}

export function runReport(dbFile: string, request: ReportRequest): Promise<unknown> {
  const lw = ensureWorker(laneOf(request));
  const id = nextId++;
  // While a report is pending the worker must keep the process alive to answer it.
  lw.worker.ref();
  return new Promise((resolve, reject) => {
    lw.pending.set(id, { resolve, reject });
    lw.worker.postMessage({ id, dbFile, request });
  });
}
