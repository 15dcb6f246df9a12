// Temporary folders and file fingerprints for database tests.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDir(prefix = 'hunt-db-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    cleanup: () => {
      try {
        chmodSync(dir, 0o755);
      } catch {
        // already gone
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Bytes, mtime and the folder's listing: what must not change when a file is refused. */
export function fingerprint(file: string): { sha256: string; mtimeMs: number; siblings: string[] } {
  const dir = file.slice(0, file.lastIndexOf('/'));
  return {
    sha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
    mtimeMs: statSync(file).mtimeMs,
    siblings: readdirSync(dir).sort(),
  };
}
