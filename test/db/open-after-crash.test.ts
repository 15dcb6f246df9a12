// A process killed during a WAL checkpoint leaves a main file that is only half
// updated; with its -wal file the database is sound (SQLite recovers it on open).
// The open-time integrity check must judge the pair, not the main file alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../db/open';
import { tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir('hunt-crash-');
});
afterAll(() => tmp.cleanup());

/** Copies the first `count` WAL frames' pages into the main file: a checkpoint cut short. */
function applyWalFrames(main: string, wal: string, count: number): void {
  const w = readFileSync(wal);
  const pageSize = w.readUInt32BE(8);
  const fd = openSync(main, 'r+');
  try {
    for (let i = 0, at = 32; i < count && at + 24 + pageSize <= w.length; i++, at += 24 + pageSize) {
      const pgno = w.readUInt32BE(at);
      writeSync(fd, w, at + 24, pageSize, (pgno - 1) * pageSize);
    }
  } finally {
    closeSync(fd);
  }
}

describe('opening a database left by a crash in the middle of a checkpoint', () => {
  it('accepts the main file + WAL pair and sees every committed row', () => {
    const live = join(tmp.dir, 'live.db');
    // A real studio database, then a burst of commits that stay in the WAL.
    openDatabase(live).close();
    const db = new Database(live);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE crash_probe (id INTEGER PRIMARY KEY, body TEXT)');
    const insert = db.prepare('INSERT INTO crash_probe (body) VALUES (?)');
    for (let b = 0; b < 40; b++) db.transaction(() => {
      for (let i = 0; i < 200; i++) insert.run(`row ${b}-${i} `.repeat(8));
    })();
    // The files as a SIGKILL would leave them, with the checkpoint half done.
    const main = join(tmp.dir, 'crashed.db');
    copyFileSync(live, main);
    copyFileSync(`${live}-wal`, `${main}-wal`);
    db.close();
    const frames = (readFileSync(`${main}-wal`).length - 32) / (24 + 4096);
    applyWalFrames(main, `${main}-wal`, Math.floor(frames / 2));

    const reopened = openDatabase(main);
    expect(reopened.prepare('SELECT count(*) AS n FROM crash_probe').get()).toEqual({ n: 8000 });
    reopened.close();
  });
});
