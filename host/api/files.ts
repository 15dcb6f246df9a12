// File access for the hunt handlers: every failure becomes an ApiError whose message
// names the file and says what is wrong, and writes never leave a half-written file
// (write to a temporary file beside it, then rename over the old one).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, basename, isAbsolute, join, relative, resolve } from 'node:path';
import type { FolderEntry, FolderListing } from '../../api/contract';
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

/** True when `file` is `dir` or lies inside it. */
export function isWithin(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * A folder of the hunt file picker: its sub-folders and `.json` files, folders first, by
 * name. Only the data directory and what is inside it can be listed (the picker is for
 * the studio's own files, not a way to browse the machine); hidden entries are left out.
 */
export function listHuntFolder(root: string, dir: string | undefined): FolderListing {
  const top = resolve(root);
  const at = resolve(top, dir ?? '.');
  if (!isWithin(top, at)) throw new ApiError('bad-argument', `${dir}: the file picker only shows the data folder ${top} and the folders inside it`);
  ensureDir(top);
  let names: string[];
  try {
    names = readdirSync(at);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ApiError(code === 'ENOENT' ? 'not-found' : 'io', `${at}: cannot list: ${describeFsError(err)}`);
  }
  const entries: FolderEntry[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(at, name);
    try {
      const st = statSync(path);
      if (st.isDirectory()) entries.push({ name, path, kind: 'folder', modifiedAt: st.mtime.toISOString() });
      else if (st.isFile() && name.toLowerCase().endsWith('.json') && name !== 'recent-hunts.json') entries.push({ name, path, kind: 'hunt', modifiedAt: st.mtime.toISOString() });
    } catch {
      // Gone or unreadable since readdir: not offered.
    }
  }
  entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1));
  return { dir: at, root: top, parent: at === top ? null : dirname(at), entries };
}
