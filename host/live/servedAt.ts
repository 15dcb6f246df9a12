// Where a live run was served last (interface, port, and whether over HTTPS), kept beside its device list.
// Phones reconnect by themselves only to the address they joined on, so carrying a run
// on after a restart should open the same one: the studio offers it by default.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LiveRun } from './run';

export type ServedAt = { bind: string; port: number; https: boolean };

function file(dataDir: string, runId: number): string {
  return join(dirname(LiveRun.registryFile(dataDir, runId)), 'served-at.json');
}

export function saveServedAt(dataDir: string, runId: number, at: ServedAt): void {
  const f = file(dataDir, runId);
  mkdirSync(dirname(f), { recursive: true });
  writeFileSync(`${f}.tmp`, JSON.stringify(at) + '\n');
  renameSync(`${f}.tmp`, f);
}

/** The last address, or null when unknown or unreadable (it is only a default to offer). */
export function lastServedAt(dataDir: string, runId: number): ServedAt | null {
  const f = file(dataDir, runId);
  if (!existsSync(f)) return null;
  try {
    const v = JSON.parse(readFileSync(f, 'utf8')) as Partial<ServedAt>;
    // Files written before HTTPS existed have no `https`: those runs were served over http.
    return typeof v.bind === 'string' && typeof v.port === 'number' ? { bind: v.bind, port: v.port, https: v.https === true } : null;
  } catch {
    return null;
  }
}
