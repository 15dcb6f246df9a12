// Errors about a database file. Every message names the file and says what is
// wrong with it, so the CLI and the studio can show it as is.

export type DbProblem =
  | 'missing'
  | 'not-a-file'
  | 'not-sqlite'
  | 'corrupt'
  | 'read-only'
  | 'newer-version'
  | 'cannot-open'
  | 'unknown-run';

export class DbError extends Error {
  constructor(
    readonly file: string,
    readonly problem: DbProblem,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'DbError';
  }
}

/** SQLite result codes that mean the file itself is damaged or not a database. */
export function isCorruptionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT_INDEX' || code === 'SQLITE_CORRUPT_SEQUENCE';
}

/** Wraps SQLite's corruption errors raised while working on an opened file into a DbError naming it. */
export function wrapCorruption(file: string, err: unknown): unknown {
  if (isCorruptionError(err)) {
    return new DbError(file, 'corrupt', `the database is corrupt (${(err as Error).message}); it was not changed`);
  }
  return err;
}
