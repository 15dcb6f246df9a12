// Opens the real studio for an end-to-end test: the web host in this process on a
// free port with a fresh data directory, and the page in headless Chromium.
// Screenshots go to test-results/studio/. Page errors fail the test that caused them.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startStudioWeb } from '../../host/web/main';
import { START_MS } from './waitWhileProgressing';
import { ARTIFACTS_DIR, REPO_ROOT } from './harness';

export { REPO_ROOT };
export const SHOTS_DIR = join(ARTIFACTS_DIR, 'studio');

export type Studio = {
  page: Page;
  browser: Browser;
  url: string;
  dataDir: string;
  /** Errors the page threw or logged so far. */
  errors: string[];
  shot(name: string): Promise<string>;
  /** Buttons, fields and selects on the page that have no accessible name (should be empty). */
  unnamedControls(): Promise<string[]>;
  /** Stops the host and starts a new one on the same data directory, and reloads the page from it. */
  restartHost(): Promise<void>;
  close(): Promise<void>;
};

export async function openStudio(opts: { hunt?: string | null; viewport?: { width: number; height: number } } = {}): Promise<Studio> {
  const dataDir = mkdtempSync(join(tmpdir(), 'studio-e2e-'));
  let host = await startStudioWeb({ repoRoot: REPO_ROOT, dataDir, port: 0, hunt: opts.hunt, log: () => {} });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: START_MS,
  });
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1280, height: 800 }, acceptDownloads: true });
  // A click, a page load or an element appearing can wait on a run's threads starting: on a busy machine, minutes.
  page.setDefaultTimeout(START_MS);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(host.url);
  await page.locator('.app').waitFor();
  mkdirSync(SHOTS_DIR, { recursive: true });
  const studio: Studio = {
    page,
    browser,
    url: host.url,
    dataDir,
    errors,
    async shot(name) {
      const path = join(SHOTS_DIR, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    unnamedControls: () =>
      page.evaluate(() => {
        const out: string[] = [];
        const controls = document.querySelectorAll<HTMLElement>('button, input, select, textarea, [role="button"], [role="slider"], a[href]');
        for (const el of controls) {
          if (el.closest('[aria-hidden="true"]') || (el as HTMLInputElement).type === 'hidden') continue;
          const style = getComputedStyle(el);
          if (style.display === 'none' || style.visibility === 'hidden') continue;
          const id = el.id;
          const named =
            el.getAttribute('aria-label')?.trim() ||
            (el.getAttribute('aria-labelledby') && document.getElementById(el.getAttribute('aria-labelledby')!)?.textContent?.trim()) ||
            (id && document.querySelector(`label[for="${CSS.escape(id)}"]`)?.textContent?.trim()) ||
            el.closest('label')?.textContent?.trim() ||
            (['BUTTON', 'A'].includes(el.tagName) || el.getAttribute('role') === 'button' ? el.textContent?.trim() : '') ||
            el.getAttribute('title')?.trim();
          if (!named) out.push(el.outerHTML.slice(0, 160));
        }
        return out;
      }),
    async restartHost() {
      await host.close();
      host = await startStudioWeb({ repoRoot: REPO_ROOT, dataDir, port: 0, hunt: opts.hunt, build: false, log: () => {} });
      studio.url = host.url;
      await page.goto(host.url);
      await page.locator('.app').waitFor();
    },
    async close() {
      await browser.close();
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return studio;
}
