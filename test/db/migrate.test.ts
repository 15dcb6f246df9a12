import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { migrate } from '../../db/migrate';
import { MIGRATIONS, LATEST_VERSION } from '../../db/migrations/index';
import type { Migration } from '../../db/migrations/migration';
import { DbError } from '../../db/errors';
import { tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]);

describe('migrate', () => {
  it('runs every migration on a new database and sets user_version to the latest', () => {
    const db = new Database(join(tmp.dir, 'a.db'));
    expect(migrate(db, 'a.db')).toEqual(MIGRATIONS.map((m) => m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(tables(db)).toEqual(expect.arrayContaining(['hunts', 'runs', 'events', 'checkpoints', 'snapshots', 'results']));
    expect(migrate(db, 'a.db')).toEqual([]);
    db.close();
  });

  it('runs only the pending migrations, in order', () => {
    const order: number[] = [];
    const list: Migration[] = [1, 2, 3].map((v) => ({ version: v, name: `m${v}`, up: (d) => { order.push(v); d.exec(`CREATE TABLE t${v} (x)`); } }));
    const db = new Database(':memory:');
    migrate(db, 'mem', list.slice(0, 1));
    expect(migrate(db, 'mem', list)).toEqual([2, 3]);
    expect(order).toEqual([1, 2, 3]);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
  });

  it('rolls back every pending migration when one fails', () => {
    const list: Migration[] = [
      { version: 1, name: 'good', up: (d) => d.exec('CREATE TABLE good (x)') },
      { version: 2, name: 'bad', up: () => { throw new Error('boom'); } },
    ];
    const db = new Database(':memory:');
    expect(() => migrate(db, 'mem', list)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(tables(db)).toEqual([]);
  });

  it('brings a version-1 database to the latest without touching its rows: the snapshots-by-participant index is dropped', () => {
    const db = new Database(join(tmp.dir, 'v1.db'));
    migrate(db, 'v1.db', MIGRATIONS.slice(0, 1));
    db.pragma('foreign_keys = OFF'); // snapshots without their run, as the program's own connections allow
    db.exec(`INSERT INTO snapshots (run_id, seq, p, snapshot) VALUES (1, 10, 'a', '{}'), (1, 20, 'a', '{"x":1}')`);
    const indexes = () => db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'snapshots'").pluck().all();
    expect(indexes()).toContain('snapshots_by_participant');
    expect(migrate(db, 'v1.db', MIGRATIONS.slice(0, 2))).toEqual([2]);
    expect(indexes()).not.toContain('snapshots_by_participant');
    expect(db.prepare('SELECT seq, snapshot FROM snapshots ORDER BY seq').all()).toEqual([{ seq: 10, snapshot: '{}' }, { seq: 20, snapshot: '{"x":1}' }]);
    // Then on to the latest (schema 3: result participants in their own table, test/db/result-participants.test.ts).
    expect(migrate(db, 'v1.db')).toEqual([3]);
    expect(db.prepare('SELECT seq, snapshot FROM snapshots ORDER BY seq').all()).toEqual([{ seq: 10, snapshot: '{}' }, { seq: 20, snapshot: '{"x":1}' }]);
    db.close();
  });

  it('refuses a database newer than the list, naming the file', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 9');
    const run = () => migrate(db, 'studio.db', MIGRATIONS);
    expect(run).toThrow(DbError);
    expect(run).toThrow(/^studio\.db: the database has schema version 9, newer than this program knows/);
  });

  it('rejects a list whose versions are not 1..N', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, 'mem', [{ version: 2, name: 'x', up: () => {} }])).toThrow(/expected 1/);
  });
});
