// Sends reports to the query worker threads (query.worker.ts), each started on first use
// and kept for the life of the process (unref'd: they never keep the process alive).
// Requests go to lanes, one worker each, so that quick, interactive ones never wait
// behind slow ones: a seek's inspector state must not queue behind the analytics the
// Simulate screen polls (seconds on a large run) nor behind a participant's first
// event scan. A report that needs a completed run it does not have comes back as a
// `conflict`; a participant that had not joined as `not-found`.
import { ApiError } from '../../../api/errors';
import { startWorker, workerEntry } from '../../../engine/threads/worker';
import { RemoteError } from '../../../engine/threads/protocol';
import { ThreadClient } from '../../../engine/threads/client';
import type { ReportRequest } from './reports';
import type { QueryWorkerApi } from './queryProtocol';

/** query.worker.ts beside this file from source; query.worker.js beside main.js when bundled (see forge.config.ts). */
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

const lanes = new Map<Lane, ThreadClient<QueryWorkerApi>>();

function ensureWorker(lane: Lane): ThreadClient<QueryWorkerApi> {
  const existing = lanes.get(lane);
  if (existing) return existing;
  const client = new ThreadClient<QueryWorkerApi>(startWorker(workerEntry(import.meta.url, 'query.worker'), { name: `studio-${lane}` }), {
    name: `${lane} query`,
    // While a report is pending the worker must keep the process alive to answer it; never otherwise.
    refWhileBusy: true,
    deathError: (d) =>
      new ApiError('internal', d.kind === 'error' ? `The ${lane} worker failed: ${d.error.message}` : `The ${lane} worker stopped (exit code ${d.code}).`),
  });
  // The next report starts a new worker.
  client.onDeath(() => {
    if (lanes.get(lane) === client) lanes.delete(lane);
  });
  lanes.set(lane, client);
  return client;
}

/**
 * Starts the interactive lanes' workers ahead of need (a worker takes a second or more to
 * load on a busy machine): called when the studio first lists the runs, so the first seek
 * in the debugger does not pay for it.
 */
export function warmUpQueryWorkers(which: Lane[] = ['inspect', 'table', 'history']): void {
  for (const lane of which) ensureWorker(lane);
}

export async function runReport(dbFile: string, request: ReportRequest): Promise<unknown> {
  const outcome = await ensureWorker(laneOf(request))
    .call('report', dbFile, request)
    .catch((err: unknown) => {
      throw err instanceof RemoteError ? new ApiError('internal', `The report could not be made: ${err.message}`) : err;
    });
  if (outcome.ok) return outcome.value;
  if ('notFound' in outcome) throw new ApiError('not-found', outcome.notFound);
  throw new ApiError('conflict', outcome.conflict);
}
