// End-to-end: the studio editor in headless Chromium against the real web host.
// Authoring from scratch, a validation problem found, clicked and fixed, saving, undo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openStudio, type Studio } from './studioSession';

let studio: Studio;
beforeAll(async () => {
  studio = await openStudio({ hunt: null });
});
afterAll(async () => {
  await studio?.close();
});

async function problems(page: Page) {
  await page.waitForFunction(() => !document.querySelector('.problems[aria-busy="true"]'));
  return page.locator('.problem-list .problem').allInnerTexts();
}

describe('studio editor', () => {
  it('authors a three-step hunt from scratch, fixes a problem from the panel, and saves it', async () => {
    const page = studio.page;
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.getByLabel('Title', { exact: true }).fill('Harbour Hunt');
    await page.getByLabel('Id', { exact: true }).fill('harbour-hunt');
    await expect.poll(() => page.locator('.doc-title h1').innerText()).toContain('Harbour Hunt');
    await expect.poll(() => page.getByRole('img', { name: 'Unsaved changes' }).count()).toBe(1);

    // Step 1: the answer step "New" starts with.
    await page.locator('.react-flow__node').first().click();
    await page.getByLabel('Title', { exact: true }).fill('Read the anchor plaque');
    await page.getByLabel('Prompt').fill('What year is cast on the anchor?');
    await page.getByLabel('Accepted answers (one a line)').fill('1887');

    // Step 2: a code step that requires step 1 (added while step 1 is selected, asked for explicitly).
    await page.getByRole('checkbox', { name: 'after selected step' }).check();
    await page.getByRole('button', { name: '+ Code' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Scan the lighthouse tag');
    await page.getByLabel('Code', { exact: true }).fill('LH-42');

    // Step 3: a location step; no place exists yet, so the validator reports it.
    await page.getByRole('button', { name: '+ Location' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Reach the pier');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await expect.poll(() => problems(page)).toEqual([expect.stringContaining('“Reach the pier” has no place yet: add one on the venue plane')]);
    await studio.shot('editor-problem');

    // Add a place on the venue plane, then click the problem: it selects the step and focuses the field.
    await page.getByRole('button', { name: 'Venue plane', exact: true }).click();
    await page.getByRole('button', { name: '+ Place' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Pier entrance');
    await page.getByRole('button', { name: 'Steps graph', exact: true }).click();
    await page.locator('.problem-list .problem').first().click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('step-field-location');
    await page.getByLabel('Location', { exact: true }).selectOption('place-1');
    await expect.poll(() => problems(page)).toEqual([]);
    await page.getByText('No problems: the hunt is ready to simulate.').waitFor();
    await studio.shot('editor-three-steps');

    // Save as, into the test's data directory.
    const path = join(studio.dataDir, 'harbour-hunt.hunt.json');
    await page.getByRole('button', { name: 'Save as…' }).click();
    await page.getByLabel('File path').fill(path);
    await page.getByRole('button', { name: 'Save', exact: true }).last().click();
    await expect.poll(() => existsSync(path)).toBe(true);
    const saved = JSON.parse(readFileSync(path, 'utf8'));
    expect(saved.id).toBe('harbour-hunt');
    expect(saved.steps.map((s: { title: string }) => s.title)).toEqual(['Read the anchor plaque', 'Scan the lighthouse tag', 'Reach the pier']);
    expect(saved.steps[1].requires).toEqual([saved.steps[0].id]);
    expect(saved.steps[2]).toMatchObject({ kind: 'location', location: 'place-1', requires: [saved.steps[1].id] });
    expect(saved.locations).toHaveLength(1);
    await expect.poll(() => page.getByRole('img', { name: 'Unsaved changes' }).count()).toBe(0);
    await expect.poll(() => page.locator('.doc-path').innerText()).toBe(path);
  });

  it('undo takes back a whole typed word and redo restores it; the dirty marker follows', async () => {
    const page = studio.page;
    await page.locator('.react-flow__node').first().click();
    const title = page.getByLabel('Title', { exact: true });
    const before = await title.inputValue();
    await title.fill(`${before} (draft)`);
    await expect.poll(() => page.getByRole('img', { name: 'Unsaved changes' }).count()).toBe(1);
    await page.locator('.react-flow__pane').click();
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.locator('.react-flow__node').first().click();
    await expect.poll(() => page.getByLabel('Title', { exact: true }).inputValue()).toBe(before);
    await expect.poll(() => page.getByRole('img', { name: 'Unsaved changes' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.locator('.react-flow__pane').click();
    await page.keyboard.press('Control+Shift+Z');
    await page.locator('.react-flow__node').first().click();
    await expect.poll(() => page.getByLabel('Title', { exact: true }).inputValue()).toBe(`${before} (draft)`);
  });

  it('asks before discarding unsaved changes and opens an example from the gallery', async () => {
    const page = studio.page;
    await page.getByRole('button', { name: 'Examples…' }).click();
    await studio.shot('examples-gallery');
    await page.getByRole('button', { name: 'Open example Vienna Old Town Walk' }).click();
    const dialog = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    await expect.poll(() => page.locator('.doc-title h1').innerText()).toContain('Harbour Hunt');
    await page.getByRole('button', { name: 'Examples…' }).click();
    await page.getByRole('button', { name: 'Open example Vienna Old Town Walk' }).click();
    await page.getByRole('dialog', { name: 'Discard unsaved changes?' }).getByRole('button', { name: 'Discard changes' }).click();
    await expect.poll(() => page.locator('.doc-title h1').innerText()).toContain('Vienna Old Town Walk');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(11);
    await studio.shot('editor-example');
    await page.getByRole('button', { name: 'Venue plane', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Place / }).count()).toBe(6);
    await studio.shot('editor-venue-plane');
  });

  it('every control on the editor has an accessible name', async () => {
    const unnamed = await studio.unnamedControls();
    expect(unnamed).toEqual([]);
  });
});
