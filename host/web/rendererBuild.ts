// Building the studio page when it is missing or older than its sources, so that
// `npm start`, `npm run studio:web` and the end-to-end tests never serve a stale page.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type RendererPaths = { root: string; config: string; dist: string; index: string };

export function rendererPaths(repoRoot: string): RendererPaths {
  const root = join(repoRoot, 'renderer');
  return { root, config: join(root, 'vite.config.ts'), dist: join(root, 'dist'), index: join(root, 'dist', 'index.html') };
}

function newestMtime(dir: string, skip: Set<string>): number {
  let newest = 0;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of entries) {
    const full = join(dir, name);
    if (skip.has(full) || name === 'node_modules') continue;
    const s = statSync(full);
    newest = Math.max(newest, s.isDirectory() ? newestMtime(full, skip) : s.mtimeMs);
  }
  return newest;
}

/** Why the page needs building, or null when renderer/dist is up to date. */
export function rendererStaleReason(repoRoot: string): string | null {
  const p = rendererPaths(repoRoot);
  if (!existsSync(p.index)) return 'renderer/dist is missing';
  const built = statSync(p.index).mtimeMs;
  // The page is built from renderer/ and the API contract it imports.
  const sources = Math.max(newestMtime(p.root, new Set([p.dist])), newestMtime(join(repoRoot, 'api'), new Set()));
  return sources > built ? 'renderer/dist is older than its sources' : null;
}

/** Builds the page if needed; returns false (after saying why on stderr) when it cannot be built. */
export function ensureRendererBuilt(repoRoot: string, log: (line: string) => void = (l) => process.stderr.write(l + '\n')): boolean {
  const reason = rendererStaleReason(repoRoot);
  if (reason === null) return true;
  const p = rendererPaths(repoRoot);
  if (!existsSync(p.config)) {
    log(`studio: ${reason} and renderer/vite.config.ts does not exist, so the page cannot be built.`);
    return false;
  }
  log(`studio: ${reason}; building it (vite build)...`);
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  // Always React's production build: under vitest NODE_ENV is "test", which vite would pass on,
  // and the e2e tests then measured React's development build (several times slower).
  const r = spawnSync(process.execPath, [vite, 'build', '--config', p.config, '--logLevel', 'warn'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) {
    log(`studio: building the page failed (vite exited with ${r.status ?? r.signal}).`);
    return false;
  }
  return true;
}
