// A worker thread that makes one report (reports.ts) over its own read-only database
// connection and exits: the host's main thread (Electron's, the web host's) stays free
// while a whole log is read.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../../db/open';
import { makeReport, type ReportRequest } from './reports';

const { dbFile, request } = workerData as { dbFile: string; request: ReportRequest };

async function main() {
  const db = openDatabase(dbFile, { readonly: true, check: 'none' });
  try {
    parentPort!.postMessage({ done: true, outcome: await makeReport(db, request) });
  } finally {
    db.close();
  }
}

main().catch((err: unknown) => parentPort!.postMessage({ done: false, error: err instanceof Error ? err.message : String(err) }));
