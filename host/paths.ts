// Where the studio keeps its per-user data. HUNT_DATA_DIR overrides it (tests,
// portable installs); otherwise the platform's usual place for application data.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_DIR_NAME = 'treasure-hunt-engine';

export function dataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.HUNT_DATA_DIR) return env.HUNT_DATA_DIR;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), APP_DIR_NAME);
}

/** The default database: DATA_DIR/studio.db. */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  return join(dataDir(env, platform, home), 'studio.db');
}

/** Creates the data folder if needed (the studio calls this before opening its database). */
export function ensureDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = dataDir(env);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * The project's folder (where renderer/ and examples/ are), from source and from the
 * `hunt` command's bundle alike: the bundle does not sit in the tree, so there the path
 * comes from bin/hunt.mjs, which records its own location.
 */
export function projectRoot(): string {
  const entry = (globalThis as Record<symbol, unknown>)[Symbol.for('hunt.entry')];
  return typeof entry === 'string' ? resolve(dirname(entry), '..') : fileURLToPath(new URL('..', import.meta.url));
}
