// End-to-end: a hunt/2 simulation in the studio shows its judging queue over virtual time,
// the branches taken and the bonus uptake beside the other charts (screenshots for looking
// in test-results/studio/simulate-v2-*.png at 1024 × 700 and 1920 × 1080).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openStudio, REPO_ROOT, type Studio } from './studioSession';
import { simulationCompletes } from './waitWhileProgressing';
import { layoutSettled } from './layoutSettled';

let studio: Studio;
const FAIR = join(REPO_ROOT, 'test', 'engine', 'sim', 'fixtures', 'fair.hunt.json');

beforeAll(async () => {
  // Opened from a short path: the header shows the file's path, and a long one widens the page at 1024 px.
  const hunt = join(mkdtempSync(join(tmpdir(), 'v2-')), 'fair.hunt.json');
  copyFileSync(FAIR, hunt);
  studio = await openStudio({ hunt, viewport: { width: 1024, height: 700 } });
});
afterAll(async () => {
  await studio?.close();
});

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();

describe('studio: simulating a hunt/2 hunt', () => {
  it('shows the judging queue, the branches taken and the bonus steps', async () => {
    const page = studio.page;
    await nav(page, 'Simulate');
    await page.locator('#sim-participants').fill('300');
    await page.locator('#sim-name').fill('fair');
    await page.getByRole('button', { name: 'Start' }).click();
    await simulationCompletes(page, 'the hunt/2 simulation completes');
    const queue = page.getByTestId('judging-summary');
    await queue.waitFor();
    expect(await queue.innerText()).toMatch(/^[\d,]+ submissions, [\d,]+ judged; longest \d+ waiting at \S+; median wait \S+$/);
    const branches = page.getByRole('table', { name: 'Branches taken' });
    await expect.poll(() => branches.locator('tbody tr').count()).toBe(4);
    expect(await branches.locator('tbody tr', { hasText: 'any 1 of north, south, detour' }).innerText()).toMatch(/north \d+, south \d+, detour \d+/);
    const bonus = page.getByRole('table', { name: 'Bonus steps' });
    expect(await bonus.locator('tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^Bonus poem\s+\d+\s+\d+\s+[\d.]+%$/), expect.stringMatching(/^Secret code\s+\d+\s+\d+\s+[\d.]+%$/)]);
    // The queue's numbers behind its chart.
    await page.getByRole('button', { name: 'Show the numbers of “Judging queue (submissions waiting)” as a table' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Judging queue (submissions waiting): the numbers' }).locator('tbody tr').count()).toBe(100);
    await page.getByRole('button', { name: 'Show the numbers of “Judging queue (submissions waiting)” as a table' }).click();
    for (const size of [
      { width: 1024, height: 700 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      await page.getByRole('heading', { name: 'Judging queue (submissions waiting)' }).scrollIntoViewIfNeeded();
      await layoutSettled(page);
      await studio.shot(`simulate-v2-${size.width}x${size.height}`);
    }
    expect(studio.errors).toEqual([]);
  });
});
