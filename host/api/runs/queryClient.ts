// Runs a report in a query worker thread and returns its value; a report that needs a
// completed run it does not have comes back as a `conflict`.
import { ApiError } from '../../../api/errors';
import { startWorker } from '../../../db/writer/spawn';
import type { ReportOutcome, ReportRequest } from './reports';

/** queryWorker.ts beside this file from source; queryWorker.js beside main.js when bundled (see forge.config.ts). */
function workerEntry(): URL {
  // Built from a variable on purpose: bundlers would inline `new URL('literal', import.meta.url)`.
  const name = import.meta.url.endsWith('.ts') ? './queryWorker.ts' : './queryWorker.js';
  return new URL(name, import.meta.url);
}

export function runReport(dbFile: string, request: ReportRequest): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(workerEntry(), { workerData: { dbFile, request } });
    let answered = false;
    worker.once('message', (m: { done: true; outcome: ReportOutcome } | { done: false; error: string }) => {
      answered = true;
      void worker.terminate();
      if (!m.done) reject(new ApiError('internal', `The report could not be made: ${m.error}`));
      else if (!m.outcome.ok) reject(new ApiError('conflict', m.outcome.conflict));
      else resolve(m.outcome.value);
    });
    worker.once('error', (err) => {
      answered = true;
      reject(new ApiError('internal', `The report worker failed: ${err.message}`));
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new ApiError('internal', `The report worker stopped (exit code ${code}) before answering.`));
    });
  });
}
