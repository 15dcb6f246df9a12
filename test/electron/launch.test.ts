// Launches the real desktop app when Electron's binary is installed; skips itself
// otherwise (it cannot be downloaded on the machines this project is built on).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { electronBinary } from '../../electron/binary';
import { ensureRendererBuilt } from '../../host/web/rendererBuild';
import { buildElectronEntries } from './buildElectron';

const repo = join(__dirname, '..', '..');
const binary = electronBinary();

describe.skipIf(!binary)('Electron app', () => {
  it('opens one secure window on our page, with the API bridge and no Node in the page', async () => {
    expect(ensureRendererBuilt(repo)).toBe(true);
    const outDir = await buildElectronEntries(repo);
    expect(readdirSync(outDir)).toEqual(expect.arrayContaining(['main.js', 'preload.cjs', 'shard.worker.js', 'writer.worker.js', 'generator.worker.js', 'query.worker.js', 'run.worker.js', 'whatif.worker.js']));
    const userData = mkdtempSync(join(tmpdir(), 'studio-electron-'));
    const app = await _electron.launch({
      executablePath: binary!,
      args: [repo, join(repo, 'examples', 'old-town-walk.hunt.json')],
      env: { ...process.env, STUDIO_USER_DATA_DIR: userData },
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toMatch(/^app:\/\/studio\//);
      const probe = await page.evaluate(async () => ({
        node: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        bridge: Object.keys((globalThis as unknown as { studioIpc: object }).studioIpc).sort(),
        info: await (globalThis as unknown as { studioIpc: { invoke(m: string, a: unknown): Promise<unknown> } }).studioIpc.invoke('app.info', {}),
      }));
      expect(probe.node).toBe('undefined');
      expect(probe.process).toBe('undefined');
      expect(probe.bridge).toEqual(['invoke', 'listen']);
      expect(probe.info).toMatchObject({ ok: true, result: { host: 'electron', dataDir: userData } });
      // Navigation away from our page and new windows are refused.
      await page.evaluate(() => window.open('https://example.com'));
      expect(app.windows()).toHaveLength(1);
      mkdirSync(join(repo, 'test-results'), { recursive: true });
      await page.screenshot({ path: join(repo, 'test-results', 'electron-launch.png') });
      expect(existsSync(join(repo, 'test-results', 'electron-launch.png'))).toBe(true);
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  }, 180_000);
});
