// Hunt versions, content-addressed: a version is the sha256 of the hunt's
// canonical JSON (keys sorted), so saving the same hunt twice stores it once and
// a run names exactly the rules it ran with.
import { createHash } from 'node:crypto';
import type { Db } from './open';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

export function huntVersion(hunt: unknown): string {
  return createHash('sha256').update(canonicalJson(hunt)).digest('hex');
}

/** Stores the hunt (if this exact version is new) and returns its version. */
export function saveHuntVersion(db: Db, hunt: { id: string; title: string }): string {
  const version = huntVersion(hunt);
  db.prepare('INSERT OR IGNORE INTO hunts (version, hunt_id, title, json, saved_at) VALUES (?, ?, ?, ?, ?)').run(
    version,
    hunt.id,
    hunt.title,
    canonicalJson(hunt),
    new Date().toISOString(),
  );
  return version;
}

export function loadHuntVersion(db: Db, version: string): unknown | null {
  const row = db.prepare('SELECT json FROM hunts WHERE version = ?').get(version) as { json: string } | undefined;
  return row ? JSON.parse(row.json) : null;
}
