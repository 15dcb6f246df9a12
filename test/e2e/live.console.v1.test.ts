// The console with a hunt/1 hunt: adjusting and extending are offered disabled with the
// reason (a hunt/1 engine rejects them); a message still reaches the phone; the team plays
// to the end (the hunt stays live for teams still to join) and the organiser ends it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIVE_HUNT, tempDir } from '../host/live/fixtures';
import { openStudio, type Studio } from './studioSession';

let studio: Studio;
beforeAll(async () => {
  const file = join(tempDir(), 'v1.hunt.json');
  writeFileSync(file, JSON.stringify(LIVE_HUNT, null, 2));
  studio = await openStudio({ hunt: file, viewport: { width: 1280, height: 800 } });
});
afterAll(async () => {
  await studio?.close();
});

describe('the organiser\'s console with a hunt/1 hunt', () => {
  it('offers no hunt/2 corrections, messages the phone; a team finishes; ending the hunt returns to Go live', async () => {
    const page = studio.page;
    await page.keyboard.press('Alt+7');
    await page.getByLabel('Network interface').selectOption('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill('0');
    await page.locator('.go-live button[type=submit]').click();
    const url = await page.getByTestId('join-url').innerText();

    const ctx = await studio.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, geolocation: { latitude: 48.3, longitude: 16.5 }, permissions: ['geolocation'] });
    try {
      const p = await ctx.newPage();
      await p.goto(url);
      await expect.poll(() => p.inputValue('#join-code')).toMatch(/^[A-Z2-9]{6}$/);
      await p.fill('#join-team', 'Solo');
      await p.click('button[type=submit]');
      await p.waitForSelector('#steps li.step');

      await page.locator('.lb-row[data-team]', { hasText: 'Solo' }).click();
      const team = page.locator('.team-panel');
      await expect.poll(() => team.innerText()).toMatch(/Adjusting and extending are hunt\/2 events; this hunt is hunt\/1/);
      await team.getByLabel('Points (negative takes away)').fill('10');
      await team.getByLabel('Reason').fill('a good song');
      expect(await team.getByRole('button', { name: 'Adjust score' }).isDisabled()).toBe(true);
      expect(await team.getByRole('button', { name: 'Extend time' }).isDisabled()).toBe(true);
      await team.getByRole('button', { name: 'Message it' }).click();
      await page.getByLabel('Message text').fill('Go to the fountain');
      await page.getByRole('button', { name: 'Send to Solo' }).click();
      await expect.poll(() => p.textContent('#messages')).toMatch(/Go to the fountain/);

      await p.fill('li[data-step=riddle] input', 'piano');
      await p.click('li[data-step=riddle] button:has-text("Send")');
      await p.fill('li[data-step=plaque] input', 'PLQ-7');
      await p.click('li[data-step=plaque] button:has-text("Send")');
      await expect.poll(() => page.locator('.lb-row[data-team] .lb-score').innerText()).toBe('150');
      await ctx.setGeolocation({ latitude: 48.2082, longitude: 16.3738 });
      await expect.poll(() => p.textContent('#ended')).toMatch(/Finished! Your score: 230/);
      // Finished; the hunt stays live (more teams may join) until the organiser ends it.
      await expect.poll(() => page.locator('.lb-row[data-team]').innerText()).toMatch(/Solo\s+finished\s+230\s+3\/3/);
      await page.getByRole('button', { name: 'End the hunt' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'End the hunt' }).click();
      await expect.poll(() => page.locator('.go-live [role=status]').innerText()).toMatch(/^The live run \d+ of “Live test hunt” is completed\./);
      await expect.poll(() => p.isVisible('#ended')).toBe(true);
      expect(studio.errors.filter((e) => !/status of 409 \(Conflict\)/.test(e))).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
