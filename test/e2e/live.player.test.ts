// The players' page in Chromium at a phone's size (360 × 740): two phones of one team and
// a phone of another, with fake geolocation, play the small live hunt to the end (answer,
// hint, code typed in, a place reached); the other phone of the team follows; a team
// name with a script shows as text. Screenshots in test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { goLive, type LiveHost } from '../../host/live/host';
import { LIVE_HUNT, tempDir } from '../host/live/fixtures';
import { ARTIFACTS_DIR, chromiumPath } from './harness';

let h: LiveHost;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const dir = tempDir();
  h = await goLive({ db: join(dir, 'studio.db'), dataDir: dir, hunt: LIVE_HUNT, bind: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${h.server.port}`;
  browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const phone = (lat: number, lon: number): Promise<BrowserContext> =>
  browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, geolocation: { latitude: lat, longitude: lon }, permissions: ['geolocation'] });

async function joined(ctx: BrowserContext, team: string) {
  const page = await ctx.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
  await page.goto(`${base}/#code=${h.run.code}`);
  await expect.poll(() => page.inputValue('#join-code')).toBe(h.run.code);
  await page.fill('#join-team', team);
  await page.click('button[type=submit]');
  await page.waitForSelector('#steps li.step');
  return { page, dialogs };
}

describe('the players\' page on a phone', () => {
  it('plays the hunt to the end on two phones of one team; a script in a team name is text', async () => {
    const away = await phone(48.3, 16.5);
    const { page: a } = await joined(away, 'The Owls');
    const { page: b } = await joined(await phone(48.3, 16.5), 'the owls');
    await expect.poll(() => b.textContent('#team-name')).toBe('The Owls');

    await a.fill('li[data-step=riddle] input', 'a door');
    await a.click('li[data-step=riddle] button:has-text("Send")');
    await expect.poll(() => a.textContent('#verdict')).toMatch(/Not right/);
    await a.click('li[data-step=riddle] button:has-text("Hint")');
    await expect.poll(() => a.textContent('li[data-step=riddle] .hint')).toMatch(/It makes music/);
    await a.fill('li[data-step=riddle] input', 'Piano!');
    await a.click('li[data-step=riddle] button:has-text("Send")');
    await expect.poll(() => a.textContent('#verdict')).toMatch(/Correct! \+75 points/);
    await a.fill('li[data-step=plaque] input', 'PLQ-7');
    await a.click('li[data-step=plaque] button:has-text("Send")');
    await expect.poll(() => a.textContent('#score')).toBe('Score 125');
    // The team's other phone follows at once.
    await expect.poll(() => b.textContent('#score')).toBe('Score 125');
    await a.screenshot({ path: join(ARTIFACTS_DIR, 'live-player-playing.png'), fullPage: true });
    // Walking to the fountain: the page sends the new position, which solves the last step.
    await away.setGeolocation({ latitude: 48.2082, longitude: 16.3738 });
    await expect.poll(() => a.textContent('#ended'), { timeout: 30_000 }).toMatch(/Finished! Your score: 205/);
    await a.screenshot({ path: join(ARTIFACTS_DIR, 'live-player-finished.png'), fullPage: true });

    const { page: evil, dialogs } = await joined(await phone(0, 0), '<img src=x onerror="alert(1)">');
    await expect.poll(() => evil.textContent('#team-name')).toBe('<img src=x onerror="alert(1)">');
    expect(await evil.locator('header img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(h.run.teamViews().map((v) => [v.name, v.score])).toEqual([
      ['The Owls', 205],
      ['<img src=x onerror="alert(1)">', 0],
    ]);
  });
});
