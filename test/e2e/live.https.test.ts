// A phone opening the hunt on the host's network address: over plain http the browser
// gives the page no position (it is not a secure page) and the page says why; over HTTPS
// with the host's own certificate (accepted once by the player) the page is secure, shares
// its position and finds the place by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { goLive, type LiveHost } from '../../host/live/host';
import { networkChoices } from '../../host/live/interfaces';
import { LIVE_HUNT, tempDir } from '../host/live/fixtures';
import { writeFileSync } from 'node:fs';
import { ARTIFACTS_DIR, chromiumPath } from './harness';
import { openStudio } from './studioSession';

/** The address a phone on the venue's network would use; loopback counts as secure, so the test needs another. */
const NETWORK_ADDRESS = networkChoices().find((c) => !c.internal && c.address !== '0.0.0.0')?.address;

let browser: Browser;
const hosts: LiveHost[] = [];

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});
afterAll(async () => {
  await browser?.close();
  for (const h of hosts) await h.close();
});

async function joinAway(h: LiveHost, team: string, shot: string) {
  // ignoreHTTPSErrors: the player has accepted the browser's warning about the host's own certificate.
  const ctx = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    ignoreHTTPSErrors: true,
    geolocation: { latitude: 48.3, longitude: 16.5 },
    permissions: ['geolocation'],
  });
  const page = await ctx.newPage();
  await page.goto(h.server.joinUrls[0]);
  await expect.poll(() => page.inputValue('#join-code')).toBe(h.run.code);
  await page.fill('#join-team', team);
  await page.click('button[type=submit]');
  await page.waitForSelector('#steps li.step');
  const secure = await page.evaluate(() => window.isSecureContext);
  return { page, ctx, secure, shot: () => page.screenshot({ path: join(ARTIFACTS_DIR, shot), fullPage: true }) };
}

describe.skipIf(NETWORK_ADDRESS === undefined)('a phone on the network address', () => {
  it('over plain http gets no position and is told why', async () => {
    const dir = tempDir();
    const h = await goLive({ db: join(dir, 'studio.db'), dataDir: dir, hunt: LIVE_HUNT, bind: NETWORK_ADDRESS!, port: 0 });
    hosts.push(h);
    expect(h.server.joinUrls[0]).toMatch(/^http:\/\//);
    const { page, secure, shot } = await joinAway(h, 'Plain', 'live-player-http-note.png');
    expect(secure).toBe(false);
    await expect.poll(() => page.textContent('#gps-note')).toMatch(/not served securely.*HTTPS/);
    await shot();
  });

  it('over HTTPS is a secure page: it shares its position and the place is found', async () => {
    const dir = tempDir();
    const h = await goLive({ db: join(dir, 'studio.db'), dataDir: dir, hunt: LIVE_HUNT, bind: NETWORK_ADDRESS!, port: 0, https: true });
    hosts.push(h);
    expect(h.server.joinUrls[0]).toMatch(/^https:\/\//);
    const { page, ctx, secure, shot } = await joinAway(h, 'Secure', 'live-player-https.png');
    expect(secure).toBe(true);
    // The fountain needs the riddle first; walking there, the page's position solves it.
    await page.fill('li[data-step=riddle] input', 'piano');
    await page.click('li[data-step=riddle] button:has-text("Send")');
    await expect.poll(() => h.run.teamViews().find((v) => v.name === 'Secure')?.score).toBe(100);
    await ctx.setGeolocation({ latitude: 48.2082, longitude: 16.3738 });
    await expect.poll(() => h.run.teamViews().find((v) => v.name === 'Secure')?.score, { timeout: 30_000 }).toBe(180);
    expect(await page.isHidden('#gps-note')).toBe(true);
    await shot();
  });

  it('goes live over HTTPS from the studio: the console says so and phones join at the https address', async () => {
    const file = join(tempDir(), 'live.hunt.json');
    writeFileSync(file, JSON.stringify(LIVE_HUNT, null, 2));
    const studio = await openStudio({ hunt: file, viewport: { width: 1024, height: 700 } });
    try {
      const page = studio.page;
      await page.keyboard.press('Alt+7');
      await page.getByRole('heading', { name: 'Go live' }).waitFor();
      await page.getByLabel('Network interface').selectOption(NETWORK_ADDRESS!);
      await page.getByLabel('Port', { exact: true }).fill('0');
      expect(await page.locator('#live-https-note').innerText()).toMatch(/cannot share their position/);
      await page.getByLabel('HTTPS').check();
      const go = page.locator('.go-live button[type=submit]');
      expect(await go.innerText()).toMatch(/, a free port, over HTTPS$/);
      await studio.shot('console-go-live-https-1024x700');
      await go.click();
      const opened = page.getByTestId('serving-opened');
      await opened.waitFor();
      expect(await opened.innerText()).toMatch(/over HTTPS/);
      const url = await page.getByTestId('join-url').innerText();
      expect(url).toMatch(new RegExp(`^https://${NETWORK_ADDRESS!.replace(/\./g, '\\.')}:\\d+/#code=`));
      const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, ignoreHTTPSErrors: true });
      const phone = await ctx.newPage();
      await phone.goto(url);
      await expect.poll(() => phone.inputValue('#join-code')).toMatch(/^[A-Z2-9]{6}$/);
      expect(await phone.evaluate(() => window.isSecureContext)).toBe(true);
      await ctx.close();
      await studio.shot('console-serving-https-1024x700');
      await page.getByRole('button', { name: 'Stop serving' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Stop serving' }).click();
      await page.getByRole('heading', { name: 'Go live' }).waitFor();
    } finally {
      await studio.close();
    }
  });
});
