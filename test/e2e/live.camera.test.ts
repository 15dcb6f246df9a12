// Scanning a code with the phone's camera: Chromium's fake camera shows a QR code of the
// plaque's code, the players' page reads it (BarcodeDetector where the browser has one,
// the bundled jsQR otherwise) and sends it; the step is solved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { goLive, type LiveHost } from '../../host/live/host';
import { LIVE_HUNT, tempDir } from '../host/live/fixtures';
import { ARTIFACTS_DIR, chromiumPath } from './harness';
import { writeQrVideo } from './fakeCamera';

let h: LiveHost;
let browser: Browser;

beforeAll(async () => {
  const dir = tempDir();
  h = await goLive({ db: join(dir, 'studio.db'), dataDir: dir, hunt: LIVE_HUNT, bind: '127.0.0.1', port: 0 });
  const video = writeQrVideo(join(dir, 'plaque.y4m'), 'PLQ-7');
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe("the players' page scans with the camera", () => {
  it('reads the QR code the camera sees and solves the code step', async () => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, permissions: ['camera'] });
    const page = await ctx.newPage();
    await page.goto(h.server.joinUrls[0]);
    await expect.poll(() => page.inputValue('#join-code')).toBe(h.run.code);
    await page.fill('#join-team', 'Scanners');
    await page.click('button[type=submit]');
    await page.waitForSelector('#steps li.step');
    await page.click('li[data-step=plaque] button:has-text("Scan QR")');
    await expect.poll(() => page.textContent('#score'), { timeout: 60_000 }).toBe('Score 50');
    expect(await page.isHidden('#scanner')).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'live-player-scanned.png'), fullPage: true });
    const line = h.run.teamViews().find((v) => v.name === 'Scanners');
    expect(line?.score).toBe(50);
    await ctx.close();
  });
});
