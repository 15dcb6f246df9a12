// Opening the studio database. Every reason to refuse a file is checked before
// SQLite opens it read-write, so a refused file keeps its bytes and mtime and gets
// no -wal/-shm side files: first plain file reads (exists, is a file, SQLite
// header, schema version, application id, permissions), then an integrity check
// on a copy (with its -wal file, if any), and only then the real connection (WAL, synchronous=NORMAL)
// and the migrations.
import Database from 'better-sqlite3';
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DbError, isCorruptionError } from './errors';
import { readHeader } from './header';
import { migrate, newerVersionError } from './migrate';
import { LATEST_VERSION } from './migrations/index';
import { markInterruptedRuns } from './runs';

export type Db = Database.Database;

/** "HUNT": marks a SQLite file as a Treasure Hunt Engine database (header bytes 68..71). */
export const APPLICATION_ID = 0x48554e54;

/** Files up to this size get a full `quick_check` on every open; larger ones only when asked. */
export const AUTO_CHECK_MAX_BYTES = 64 * 1024 * 1024;

export type OpenOptions = {
  /** Open without writing (a reader connection). The file must exist and be at the latest schema. */
  readonly?: boolean;
  /** 'auto' (default): integrity check for files up to AUTO_CHECK_MAX_BYTES; 'full': always; 'none': never. */
  check?: 'auto' | 'full' | 'none';
  /** Create the file when missing (default true for read-write opens). */
  create?: boolean;
};

export function openDatabase(fileArg: string, opts: OpenOptions = {}): Db {
  const file = resolve(fileArg);
  const readonly = opts.readonly ?? false;
  const stats = statOrNull(file);
  if (!stats) {
    if (readonly || opts.create === false) throw new DbError(fileArg, 'missing', 'no such database file');
    return createNew(fileArg, file);
  }
  if (!stats.isFile()) throw new DbError(fileArg, 'not-a-file', 'is not a regular file (a directory or device?)');

  const header = readHeader(file, stats.size);
  if (header.kind === 'not-sqlite') {
    throw new DbError(fileArg, 'not-sqlite', `is not an SQLite database: ${header.reason}; the file was not changed`);
  }
  if (header.kind === 'sqlite') {
    if (header.userVersion > LATEST_VERSION) throw newerVersionError(fileArg, header.userVersion, LATEST_VERSION);
    if (header.applicationId !== APPLICATION_ID && (header.applicationId !== 0 || header.userVersion !== 0 || header.hasSchema)) {
      throw new DbError(fileArg, 'not-sqlite', 'is an SQLite database of another application (it is not marked as a Treasure Hunt Engine database); the file was not changed');
    }
  }
  if (!readonly) checkWritable(fileArg, file, stats);

  const check = opts.check ?? 'auto';
  if (header.kind === 'sqlite' && (check === 'full' || (check === 'auto' && stats.size <= AUTO_CHECK_MAX_BYTES))) {
    checkIntegrity(fileArg, file);
  }

  const db = connect(fileArg, file, readonly, true);
  try {
    configure(db, readonly);
    if (readonly) {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version !== LATEST_VERSION) {
        throw new DbError(fileArg, 'cannot-open', `has schema version ${version}, expected ${LATEST_VERSION}; open it read-write once to upgrade it`);
      }
    } else {
      adopt(db, fileArg);
    }
    return db;
  } catch (err) {
    db.close();
    throw rethrow(fileArg, err);
  }
}

function createNew(fileArg: string, file: string): Db {
  const dir = dirname(file);
  const dirStats = statOrNull(dir);
  if (!dirStats || !dirStats.isDirectory()) throw new DbError(fileArg, 'missing', `cannot create the database: the folder ${dir} does not exist`);
  if (!isWritable(dir, dirStats)) throw new DbError(fileArg, 'read-only', `cannot create the database: the folder ${dir} is read-only`);
  const db = connect(fileArg, file, false, false);
  try {
    configure(db, false);
    adopt(db, fileArg);
    return db;
  } catch (err) {
    db.close();
    throw rethrow(fileArg, err);
  }
}

function connect(fileArg: string, file: string, readonly: boolean, mustExist: boolean): Db {
  try {
    return new Database(file, { readonly, fileMustExist: mustExist, timeout: 5000 });
  } catch (err) {
    throw rethrow(fileArg, err);
  }
}

function configure(db: Db, readonly: boolean): void {
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = OFF'); // the log is append-only and huge: no per-row parent lookups
  // 16 MB page cache per connection: the log is appended and read in ranges, so a big
  // cache buys little and every connection (main, writer, readers) would pay it in RSS.
  db.pragma('cache_size = -16384');
}

/** Marks a fresh file as ours and runs the pending migrations. */
function adopt(db: Db, fileArg: string): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (appId !== APPLICATION_ID) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get() as { n: number };
    if (version !== 0 || tables.n > 0) {
      throw new DbError(fileArg, 'not-sqlite', 'is an SQLite database of another application (it has tables but not our application id); the file was not changed');
    }
    db.pragma(`application_id = ${APPLICATION_ID}`);
  }
  migrate(db, fileArg);
  // A run left 'running' by a process that has died is noticed by the next one to open the file.
  markInterruptedRuns(db);
}

function checkWritable(fileArg: string, file: string, stats: Stats): void {
  if (!isWritable(file, stats)) throw new DbError(fileArg, 'read-only', 'the database file is read-only; it was not changed');
  const dir = dirname(file);
  const dirStats = statSync(dir);
  if (!isWritable(dir, dirStats)) {
    throw new DbError(fileArg, 'read-only', `the folder ${dir} is read-only, so SQLite cannot write its journal next to the database; it was not changed`);
  }
}

/** Writable for this user. Write bits are honoured even for root, who access(2) would let write anything. */
function isWritable(path: string, stats: Stats): boolean {
  if ((stats.mode & 0o222) === 0) return false;
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * PRAGMA quick_check on a copy: the file itself is never opened by SQLite if it is damaged.
 * After a crash the database is the main file plus its -wal file (committed transactions
 * not yet copied back, or a checkpoint cut short half-way), so the copy must include the
 * WAL: the main file alone can look malformed when the pair is perfectly sound.
 */
function checkIntegrity(fileArg: string, file: string): void {
  const wal = `${file}-wal`;
  const hasWal = existsSync(wal) && statSync(wal).size > 0;
  let copyDir: string | null = null;
  let mem: Db | null = null;
  try {
    if (hasWal) {
      // SQLite recovers the WAL into the copy when it opens it; the originals stay untouched.
      copyDir = mkdtempSync(join(tmpdir(), 'hunt-check-'));
      const copy = join(copyDir, 'check.db');
      copyFileSync(file, copy);
      copyFileSync(wal, `${copy}-wal`);
      mem = new Database(copy);
    } else {
      const bytes = readFileSync(file);
      // A WAL-mode header makes SQLite look for a -wal file; the in-memory copy has none.
      bytes[18] = 1;
      bytes[19] = 1;
      mem = new Database(bytes);
    }
    const rows = mem.pragma('quick_check(5)') as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((s) => s !== 'ok');
    if (problems.length > 0) {
      throw new DbError(fileArg, 'corrupt', `the database is corrupt (integrity check: ${problems.join('; ')}); it was not changed`);
    }
  } catch (err) {
    if (err instanceof DbError) throw err;
    if (isCorruptionError(err)) {
      throw new DbError(fileArg, 'corrupt', `the database is corrupt (${(err as Error).message}); it was not changed`);
    }
    throw new DbError(fileArg, 'cannot-open', `cannot check the database (${(err as Error).message}); it was not changed`);
  } finally {
    mem?.close();
    if (copyDir) rmSync(copyDir, { recursive: true, force: true });
  }
}

function rethrow(fileArg: string, err: unknown): unknown {
  if (err instanceof DbError) return err;
  if (isCorruptionError(err)) return new DbError(fileArg, 'corrupt', `the database is corrupt (${(err as Error).message})`);
  const code = (err as { code?: string }).code;
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new DbError(fileArg, code === 'SQLITE_CANTOPEN' ? 'cannot-open' : 'read-only', `cannot open the database (${(err as Error).message})`);
  }
  return err;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
