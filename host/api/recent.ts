// The "Open Recent" list: hunt files opened or saved, newest first, kept in the data
// directory so it survives restarts. A damaged list file is treated as empty (it is a
// convenience, not data) and rewritten on the next change.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDir, writeTextFileAtomic } from './files';

export const RECENT_LIMIT = 10;

export type RecentHunts = {
  list(): string[];
  add(path: string): void;
  clear(): void;
};

export function createRecentHunts(dataDir: string, onAdd?: (path: string) => void): RecentHunts {
  const file = join(dataDir, 'recent-hunts.json');
  function list(): string[] {
    try {
      const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, RECENT_LIMIT) : [];
    } catch {
      return [];
    }
  }
  return {
    list,
    add(path) {
      const next = [path, ...list().filter((p) => p !== path)].slice(0, RECENT_LIMIT);
      ensureDir(dataDir);
      writeTextFileAtomic(file, JSON.stringify(next, null, 2) + '\n');
      onAdd?.(path);
    },
    clear() {
      ensureDir(dataDir);
      writeTextFileAtomic(file, '[]\n');
    },
  };
}
