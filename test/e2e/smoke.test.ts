// Smoke test: the studio as a user first meets it, in a plain browser against the
// web host. It opens, an example loads from the gallery, the validator checks it and
// the result shows; then a mistake is made and the validator names it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStudio, type Studio } from './studioSession';

let studio: Studio;
beforeAll(async () => {
  studio = await openStudio({ hunt: null });
});
afterAll(async () => {
  await studio?.close();
});

describe('studio smoke test (web host)', () => {
  it('opens, loads an example, validates it and shows the result', async () => {
    const page = studio.page;
    await expect.poll(() => page.locator('.doc-title h1').innerText()).toContain('New hunt');

    await page.getByRole('button', { name: 'Examples…' }).click();
    await page.getByRole('button', { name: "Open example The Clockmaker's Study" }).click();
    await expect.poll(() => page.locator('.doc-title h1').innerText()).toContain("The Clockmaker's Study");
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);

    // The validator's verdict on the example, as the Problems panel shows it.
    const problems = page.locator('section.problems');
    await expect.poll(() => problems.getAttribute('aria-busy')).toBe('false');
    await expect.poll(() => problems.locator('h2').innerText()).toMatch(/0 errors\s*0 warnings/);
    await expect.poll(() => problems.getByText('No problems: the hunt is ready to simulate.').count()).toBe(1);
    await studio.shot('smoke-example-validated');

    // A mistake: an empty title is reported at /title.
    await page.locator('.react-flow__pane').click();
    await page.getByLabel('Title', { exact: true }).fill('');
    await expect.poll(() => problems.locator('h2').innerText()).toMatch(/1 errors/);
    // The panel says where in the editor's words; the validator's path is in the problem's tooltip.
    await expect.poll(() => problems.locator('.problem-error').evaluateAll((els) => els.map((e) => e.getAttribute('title')))).toEqual([expect.stringMatching(/\(schema at \/title\)$/)]);
    await studio.shot('smoke-problem-found');
    expect(studio.errors).toEqual([]);
  });
});
