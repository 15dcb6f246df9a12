// The report worker thread: makes reports (reports.ts) over its own read-only database
// connections, one request at a time, for as long as the host runs. The host's main
// thread (Electron's, the web host's) stays free while a whole log is read, and the
// worker's start-up is paid once, not per request.
import type { Db } from '../../../db/open';
import { openDatabase } from '../../../db/open';
import { serveThread } from '../../../engine/threads/server';
import { makeReport } from './reports';
import type { QueryWorkerApi } from './queryProtocol';

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

serveThread<QueryWorkerApi>({
  report: (dbFile, request) => makeReport(connection(dbFile), request),
});
