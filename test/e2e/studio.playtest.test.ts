// End-to-end: play the Vienna example as one participant inside the studio.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openStudio, REPO_ROOT, type Studio } from './studioSession';

let studio: Studio;
beforeAll(async () => {
  studio = await openStudio({ hunt: join(REPO_ROOT, 'examples', 'old-town-walk.hunt.json') });
});
afterAll(async () => {
  await studio?.close();
});

describe('studio playtest', () => {
  it('walks to a place, answers, takes a hint and moves the clock', async () => {
    const page = studio.page;
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Playtest' }).click();
    await page.getByLabel('Participant id').fill('tester');
    await page.getByRole('button', { name: 'Join the hunt' }).click();
    await page.getByTestId('playtest-status').waitFor();
    expect(await page.getByTestId('playtest-status').innerText()).toBe('active');
    const cathedral = page.getByLabel('Step Meet at the cathedral', { exact: true });
    await expect.poll(() => cathedral.locator('.pill').innerText()).toBe('available');

    // Walk: click the cathedral's circle on the venue plane.
    await page.getByRole('button', { name: '+1 min' }).click();
    await page.getByRole('button', { name: /^Place St\. Stephen/ }).dispatchEvent('pointerdown');
    await expect.poll(() => cathedral.locator('.pill').innerText()).toBe('solved');

    // Answer the roof riddle after a hint; the hint costs points.
    const roof = page.getByLabel('Step Look up at the roof', { exact: true });
    await expect.poll(() => roof.locator('.pill').innerText()).toBe('available');
    await roof.getByRole('button', { name: 'Take a hint' }).click();
    await roof.locator('.hint-given').first().waitFor();
    await page.getByRole('button', { name: '+5 min' }).click();
    await roof.getByLabel('Answer for Look up at the roof').fill('wrong guess');
    await roof.getByRole('button', { name: 'Answer' }).click();
    await expect.poll(() => roof.innerText()).toContain('1 wrong');
    await roof.getByLabel('Answer for Look up at the roof').fill('Eagle!');
    await roof.getByRole('button', { name: 'Answer' }).click();
    await expect.poll(() => roof.locator('.pill').innerText()).toBe('solved');
    const sent = await page.locator('.event-list li').allInnerTexts();
    expect(sent.length).toBe(4);
    expect(sent.every((s) => s.includes('applied'))).toBe(true);
    expect(await page.locator('.clock-time').innerText()).toBe('6:00');
    await studio.shot('playtest');
    expect(await studio.unnamedControls()).toEqual([]);
    // At 1024 × 700 every place's name stays inside the venue plane (long ones flip to the left of their place).
    const planeWidth = () => page.evaluate(() => Number(document.querySelector('svg .place-label')?.closest('svg')?.getAttribute('width')));
    const before = await planeWidth();
    await page.setViewportSize({ width: 1024, height: 700 });
    await expect.poll(planeWidth).not.toBe(before);
    const cutOff = await page.evaluate(() => {
      const plane = document.querySelector('svg .place-label')?.closest('svg')?.getBoundingClientRect();
      if (!plane) return ['no plane'];
      return [...document.querySelectorAll('svg .place-label')]
        .filter((t) => {
          const b = t.getBoundingClientRect();
          return b.left < plane.left - 1 || b.right > plane.right + 1;
        })
        .map((t) => t.textContent);
    });
    expect(cutOff).toEqual([]);
  });
});
