// The migration runner (after Signal Desktop's): user_version is the schema
// version; a database newer than this code is refused; all pending migrations run
// in one transaction that ends by setting user_version, so a crash leaves the
// database either fully at the old version or fully at the new one.
import type { Database } from 'better-sqlite3';
import { DbError } from './errors';
import type { Migration } from './migrations/migration';
import { MIGRATIONS } from './migrations/index';

export function checkMigrationList(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
}

/** Brings `db` (opened read-write on `file`) to the latest schema. Returns the versions run. */
export function migrate(db: Database, file: string, list: readonly Migration[] = MIGRATIONS): number[] {
  checkMigrationList(list);
  const latest = list.length;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw newerVersionError(file, current, latest);
  const pending = list.filter((m) => m.version > current);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  return pending.map((m) => m.version);
}

export function newerVersionError(file: string, found: number, latest: number): DbError {
  return new DbError(
    file,
    'newer-version',
    `the database has schema version ${found}, newer than this program knows (${latest}); ` +
      'it was written by a newer version of Treasure Hunt Engine — update the program to open it (the file was not changed)',
  );
}
