// The report worker thread: makes reports (reports.ts) over its own read-only database
// connections, one request at a time, for as long as the host runs. The host's main
// thread (Electron's, the web host's) stays free while a whole log is read, and the
// worker's start-up is paid once, not per request.
import { parentPort } from 'node:worker_threads';
import type { Db } from '../../../db/open';
import { openDatabase } from '../../../db/open';
import { makeReport, type ReportRequest } from './reports';

/** Connections kept open, newest last; a host uses one database, tests use many. */
const MAX_OPEN = 4;
const open = new Map<string, Db>();

function connection(dbFile: string): Db {
  let db = open.get(dbFile);
  if (db) {
    open.delete(dbFile);
    open.set(dbFile, db);
    return db;
  }
  db = openDatabase(dbFile, { readonly: true, check: 'none' });
  open.set(dbFile, db);
  if (open.size > MAX_OPEN) {
    const [oldest, oldDb] = open.entries().next().value as [string, Db];
    open.delete(oldest);
    oldDb.close();
  }
  return db;
}

type Request = { id: number; dbFile: string; request: ReportRequest };

parentPort!.on('message', async ({ id, dbFile, request }: Request) => {
  try {
    parentPort!.postMessage({ id, done: true, outcome: await makeReport(connection(dbFile), request) });
  } catch (err) {
    parentPort!.postMessage({ id, done: false, error: err instanceof Error ? err.message : String(err) });
  }
});
