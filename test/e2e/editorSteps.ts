// Shared steps of the editor's end-to-end tests (issue 18 and hunt/2 editing).
import type { Page } from 'playwright-core';
import { layoutSettled } from './layoutSettled';

export { docShot } from './docShots';

export function node(page: Page, title: string) {
  return page.locator('.react-flow__node-step', { hasText: title });
}

/** Waits for the validator to catch up, then lists the problems' texts. */
export async function problems(page: Page): Promise<string[]> {
  await page.waitForFunction(() => !document.querySelector('.problems[aria-busy="true"]'));
  return page.locator('.problem-list .problem').allInnerTexts();
}

export async function openExample(page: Page, title = 'Vienna Old Town Walk'): Promise<void> {
  await page.getByRole('button', { name: 'Examples…' }).click();
  await page.getByRole('button', { name: `Open example ${title}` }).click();
  const discard = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
  // The question comes only when something is unsaved.
  await Promise.race([discard.waitFor().then(() => discard.getByRole('button', { name: 'Discard changes' }).click()), page.locator('.doc-title h1', { hasText: title }).waitFor()]);
  await page.locator('.doc-title h1', { hasText: title }).waitFor();
  await page.locator('.react-flow__node-step').first().waitFor();
  // The graph fits the new hunt on its own frames: a click before it holds still can land
  // beside the step it aimed at (seen once in CI: the step was never selected).
  await layoutSettled(page);
}

/** Opens a hunt file through the web host's Open dialog (data folder listing). */
export async function openFromDataFolder(page: Page, fileName: string): Promise<void> {
  await page.getByRole('button', { name: 'Open…' }).click();
  const discard = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
  const dialog = page.getByRole('dialog', { name: 'Open a hunt' });
  await Promise.race([discard.waitFor().then(() => discard.getByRole('button', { name: 'Discard changes' }).click()), dialog.waitFor()]);
  await dialog.getByRole('list', { name: /^Files in / }).getByRole('button', { name: new RegExp(fileName.replace(/\./g, '\\.')) }).click();
  await dialog.waitFor({ state: 'detached' }).catch(() => dialog.waitFor({ state: 'hidden' }));
}

/** Saves with Save (Ctrl+S's button) and waits until the unsaved marker is gone. */
export async function saveInPlace(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('img', { name: 'Unsaved changes' }).waitFor({ state: 'detached' });
}

/** Every step box's position in the flow (its transform), by step title. */
export async function nodePositions(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node-step')) out[el.querySelector('.step-node-title')?.textContent ?? el.dataset.id!] = el.style.transform;
    return out;
  });
}
