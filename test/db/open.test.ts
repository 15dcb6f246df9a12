import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { chmodSync, existsSync, openSync, utimesSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, APPLICATION_ID } from '../../db/open';
import { DbError } from '../../db/errors';
import { LATEST_VERSION } from '../../db/migrations/index';
import { saveHuntVersion } from '../../db/hunts';
import { createRun, listRuns } from '../../db/runs';
import { fingerprint, tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

function makeValidDb(file: string, runs = 3): void {
  const db = openDatabase(file);
  const v = saveHuntVersion(db, { id: 'h', title: 'H' });
  for (let i = 0; i < runs; i++) createRun(db, { kind: 'replay', name: `run ${i}`, huntVersion: v, checkpointEvery: 100 });
  db.close();
}

/** Opening must fail with a DbError of `problem`, naming the file, and leave everything as it was. */
function expectRefused(file: string, problem: DbError['problem'], opts?: Parameters<typeof openDatabase>[1]): DbError {
  // An old mtime makes any write visible even on coarse-grained file systems.
  utimesSync(file, new Date(2020, 0, 1), new Date(2020, 0, 1));
  const before = fingerprint(file);
  let caught: unknown;
  try {
    openDatabase(file, opts).close();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(DbError);
  const e = caught as DbError;
  expect(e.problem).toBe(problem);
  expect(e.message.startsWith(file + ': ')).toBe(true);
  expect(fingerprint(file)).toEqual(before);
  return e;
}

describe('openDatabase', () => {
  it('creates a new database in WAL mode at the latest schema, marked as ours', () => {
    const file = join(tmp.dir, 'new.db');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    db.close();
    // Reopening keeps the data and runs nothing again.
    makeValidDb(file, 2);
    const again = openDatabase(file);
    expect(listRuns(again).map((r) => r.name)).toEqual(['run 0', 'run 1']);
    again.close();
  });

  it('refuses a file that is not SQLite', () => {
    const file = join(tmp.dir, 'notes.db');
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(20));
    const e = expectRefused(file, 'not-sqlite');
    expect(e.message).toMatch(/not an SQLite database/);
  });

  it('refuses a file too short to be SQLite', () => {
    const file = join(tmp.dir, 'short.db');
    writeFileSync(file, 'SQLite format 3\0');
    expectRefused(file, 'not-sqlite');
  });

  it('refuses a corrupt database', () => {
    const file = join(tmp.dir, 'corrupt.db');
    makeValidDb(file, 50);
    // Overwrite everything after the first page (the schema pages and the tables) with garbage.
    const fd = openSync(file, 'r+');
    const junk = Buffer.alloc(4096, 0xa5);
    writeSync(fd, junk, 0, junk.length, 4096);
    writeSync(fd, junk, 0, junk.length, 8192);
    closeSync(fd);
    const e = expectRefused(file, 'corrupt');
    expect(e.message).toMatch(/corrupt/);
  });

  it('refuses a read-only file', () => {
    const file = join(tmp.dir, 'ro.db');
    makeValidDb(file);
    chmodSync(file, 0o444);
    const e = expectRefused(file, 'read-only');
    expect(e.message).toMatch(/read-only/);
  });

  it('refuses a database in a read-only folder (SQLite could not write its journal)', () => {
    const file = join(tmp.dir, 'in-ro-dir.db');
    makeValidDb(file);
    chmodSync(tmp.dir, 0o555);
    try {
      const e = expectRefused(file, 'read-only');
      expect(e.message).toMatch(/folder .* is read-only/);
    } finally {
      chmodSync(tmp.dir, 0o755);
    }
  });

  it('refuses a database from a newer version', () => {
    const file = join(tmp.dir, 'newer.db');
    makeValidDb(file);
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 7}`);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const e = expectRefused(file, 'newer-version');
    expect(e.message).toMatch(new RegExp(`schema version ${LATEST_VERSION + 7}, newer than this program knows \\(${LATEST_VERSION}\\)`));
  });

  it("refuses another application's SQLite database", () => {
    const file = join(tmp.dir, 'other.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE contacts (name TEXT)');
    raw.close();
    expectRefused(file, 'not-sqlite');
  });

  it('reports a missing file for a read-only open and creates nothing', () => {
    const file = join(tmp.dir, 'missing.db');
    expect(() => openDatabase(file, { readonly: true })).toThrow(DbError);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a directory', () => {
    expect(() => openDatabase(tmp.dir)).toThrow(/is not a regular file/);
  });
});
