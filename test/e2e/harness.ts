// The end-to-end harness's shared part: vitest's global setup (run once before every
// e2e file) checks that Chromium is there and builds the studio page when it is
// missing or older than its sources, so test files never build it concurrently.
// Each test opens its own studio (test/e2e/studioSession.ts: the web host in-process
// on a free port, a fresh data directory, headless Chromium); screenshots are kept
// under test-results/ as test artifacts.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuilt, rendererStaleReason } from '../../host/web/rendererBuild';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ARTIFACTS_DIR = join(REPO_ROOT, 'test-results');

/** Debian's Chromium (installed by .ci/run when missing); CHROMIUM_PATH overrides it. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export default function setup(): void {
  if (!existsSync(chromiumPath())) {
    throw new Error(`e2e: Chromium is not installed at ${chromiumPath()} (apt-get install chromium, or set CHROMIUM_PATH)`);
  }
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  if (!ensureRendererBuilt(REPO_ROOT, (line) => process.stderr.write(line + '\n'))) {
    throw new Error(`e2e: the studio page could not be built (${rendererStaleReason(REPO_ROOT)})`);
  }
}
