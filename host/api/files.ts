// File access for the hunt handlers: every failure becomes an ApiError whose message
// names the file and says what is wrong, and writes never leave a half-written file
// (write to a temporary file beside it, then rename over the old one).
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { ApiError } from '../../api/errors';
import { formatSyntaxError, parseJsonText } from '../../engine/hunt/parse';
import { describeFsError } from '../fs-errors';

export function readTextFile(path: string): string {
  try {
    if (statSync(path).isDirectory()) throw new ApiError('io', `${path}: is a directory, not a file`);
    return readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof ApiError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new ApiError(code === 'ENOENT' ? 'not-found' : 'io', `${path}: cannot read: ${describeFsError(err)}`);
  }
}

/** Parses JSON text; bad JSON is an `invalid-hunt` error "FILE:LINE:COLUMN: what is wrong". */
export function parseJsonOrThrow(text: string, fileName: string): unknown {
  const parsed = parseJsonText(text, fileName);
  if (!parsed.ok) throw new ApiError('invalid-hunt', `${formatSyntaxError(parsed.error)} (not valid JSON)`, parsed.error);
  return parsed.value;
}

/** Replaces `path` with `text` atomically: readers see the old file or the new one, never a mix. */
export function writeTextFileAtomic(path: string, text: string): void {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, text, { encoding: 'utf8', flag: 'wx' });
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new ApiError('io', `${path}: cannot save: ${describeFsError(err)}`);
  }
}

export function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
}
