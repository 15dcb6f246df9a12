// Screenshots for the user guide. Every e2e run keeps its screenshots as test artifacts
// in test-results/studio/ (to look at); docs/studio/ is written only when asked for with
// UPDATE_DOCS_SCREENSHOTS=1 (`npm run screenshots:docs`), so a normal test run never
// changes the committed docs (docs/studio-hosts.md, Tests).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, SHOTS_DIR, type Studio } from './studioSession';

export const DOCS_SHOTS = join(REPO_ROOT, 'docs', 'studio');

/** True when this run should refresh the guide's screenshots. */
export function updatingDocsScreenshots(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.UPDATE_DOCS_SCREENSHOTS === '1';
}

/** Where a screenshot of this name goes in this run: always test-results/studio/, and docs/studio/ when asked for. */
export function docShotPaths(name: string, env: NodeJS.ProcessEnv = process.env): { artifact: string; docs: string | null } {
  return { artifact: join(SHOTS_DIR, `${name}.png`), docs: updatingDocsScreenshots(env) ? join(DOCS_SHOTS, `${name}.png`) : null };
}

/** Takes a screenshot of the page as it is: a test artifact, copied into docs/studio/ only with UPDATE_DOCS_SCREENSHOTS=1. */
export async function docShotOfPage(page: Page, name: string): Promise<string> {
  const { artifact, docs } = docShotPaths(name);
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: artifact });
  if (docs) {
    mkdirSync(DOCS_SHOTS, { recursive: true });
    copyFileSync(artifact, docs);
  }
  return artifact;
}

export function docShot(studio: Studio, name: string): Promise<string> {
  return docShotOfPage(studio.page, name);
}
