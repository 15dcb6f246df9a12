// End-to-end: simulate, step through, replay and compare runs in the studio, in
// headless Chromium against the real web host and its run store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openStudio, REPO_ROOT, type Studio } from './studioSession';
import { simulationCompletes, waitWhileProgressing } from './waitWhileProgressing';

let studio: Studio;
const EXAMPLE = join(REPO_ROOT, 'examples', 'old-town-walk.hunt.json');

beforeAll(async () => {
  studio = await openStudio({ hunt: EXAMPLE });
});
afterAll(async () => {
  await studio?.close();
});

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();

async function inspectorText(page: Page) {
  return page.locator('.inspector').innerText();
}

describe('studio runs', () => {
  it('simulates 1,000 participants and the live charts fill', async () => {
    const page = studio.page;
    await nav(page, 'Simulate');
    await page.locator('#sim-participants').fill('1000');
    await page.locator('#sim-seed').fill('7');
    await page.locator('#sim-name').fill('thousand');
    await page.getByRole('button', { name: 'Start' }).click();
    await simulationCompletes(page, 'the 1,000-participant simulation completes');
    // Four charts, each drawn by uPlot on a canvas, with data in them.
    await expect.poll(() => page.locator('.chart .uplot canvas').count()).toBe(4);
    const finished = await page.locator('.stat', { hasText: 'Finished' }).locator('.value').innerText();
    expect(Number(finished.replace(/,/g, ''))).toBeGreaterThan(0);
    const events = await page.locator('.stat', { hasText: 'Events' }).first().locator('.value').innerText();
    expect(Number(events.replace(/,/g, ''))).toBeGreaterThan(1000);
    await studio.shot('simulate-1000');
  });

  it('scrubs to the middle of the run, inspects a participant and steps forward', async () => {
    const page = studio.page;
    await page.getByRole('button', { name: 'Open in debugger' }).click();
    const scrubber = page.getByRole('slider', { name: "Scrub through the run's events" });
    await scrubber.waitFor();
    const total = Number(await scrubber.getAttribute('max'));
    expect(total).toBeGreaterThan(1000);
    const middle = Math.floor(total / 2);
    await page.getByLabel('Go to event number').fill(String(middle));
    await expect.poll(() => scrubber.inputValue()).toBe(String(middle));
    await waitWhileProgressing({ what: `the debugger shows event #${middle}`, done: async () => (await page.getByTestId('current-event').innerText()).includes(`#${middle}`) });

    // The table lists everyone who has joined by then; inspect the participant of the current event.
    await page.locator('.ptable-row button').first().waitFor();
    const link = page.getByTestId('current-event').getByRole('button', { name: /^Inspect / });
    const id = (await link.innerText()).replace('Inspect ', '').trim();
    await link.click();
    await expect.poll(() => page.locator('.ptable-row.is-selected').count()).toBeLessThanOrEqual(1);
    await page.locator('.inspector').waitFor();
    await expect.poll(() => page.locator('.inspector h2').innerText()).toContain(id);
    const before = await inspectorText(page);
    await studio.shot('debugger-middle');

    // Jump to this participant's next event: the inspector must show the new state.
    await page.getByRole('button', { name: 'Next participant event ▶' }).click();
    await expect.poll(() => scrubber.inputValue().then(Number)).toBeGreaterThan(middle);
    await expect.poll(() => inspectorText(page)).not.toBe(before);
    const at = Number(await scrubber.inputValue());
    expect(await page.getByTestId('current-event').innerText()).toContain(`"p":"${id}"`);

    // One event back with the keyboard: the state before that event again.
    await page.locator('.inspector h2').click();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => scrubber.inputValue().then(Number)).toBe(at - 1);
    await expect.poll(() => inspectorText(page)).not.toContain(`#${at}`);
    await studio.shot('debugger-stepped');
  });

  it('imports a log with bad lines and lists every rejected line with its reason', async () => {
    const page = studio.page;
    await nav(page, 'Replay & QA');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import JSONL log…' }).click();
    await (await chooser).setFiles({ name: 'old-town-walk.jsonl', mimeType: 'application/x-ndjson', buffer: readFileSync(join(REPO_ROOT, 'examples/logs/old-town-walk.jsonl')) });
    const expected = JSON.parse(readFileSync(join(REPO_ROOT, 'examples/logs/old-town-walk.expected.json'), 'utf8')) as { rejected: { line: number; reason: string }[] };
    const table = page.getByRole('table', { name: 'Rejected lines' });
    await waitWhileProgressing({ what: 'the replay lists its rejected lines', done: async () => (await table.locator('tbody tr').count()) === expected.rejected.length });
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [Number(tr.children[0].textContent), tr.children[1].textContent]));
    expect(rows).toEqual(expected.rejected.map((r) => [r.line, r.reason]));
    await studio.shot('replay-rejections');

    // The same rejections in the debugger, found with the keyboard: Home, then R (next rejection) twice.
    await page.getByRole('button', { name: 'Open in debugger' }).click();
    const current = page.getByTestId('current-event');
    await page.getByRole('slider', { name: "Scrub through the run's events" }).waitFor();
    await page.locator('.density').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('Home');
    await expect.poll(() => current.innerText()).toContain('Before the first event');
    await page.keyboard.press('r');
    await expect.poll(() => current.innerText()).toContain(`line ${expected.rejected[0].line}`);
    expect(await current.innerText()).toContain(`rejected: ${expected.rejected[0].reason}`);
    await page.keyboard.press('r');
    await expect.poll(() => current.innerText()).toContain(`rejected: ${expected.rejected[1].reason}`);
    await page.keyboard.press('Shift+R');
    await expect.poll(() => current.innerText()).toContain(`line ${expected.rejected[0].line}`);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Replay & QA', exact: true }).click();
  });

  it('compares two runs and exports results as CSV and JSON', async () => {
    const page = studio.page;
    // A second replay of the same log: identical to the first.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import JSONL log…' }).click();
    await (await chooser).setFiles({ name: 'again.jsonl', mimeType: 'application/x-ndjson', buffer: readFileSync(join(REPO_ROOT, 'examples/logs/old-town-walk.jsonl')) });
    await page.getByRole('heading', { name: 'again.jsonl' }).waitFor();
    await page.getByRole('button', { name: 'Compare runs' }).click();
    // The compare lists name each run with its hunt version and time: pick by the run's name.
    const pick = async (label: string, name: string) => {
      const option = (await page.getByLabel(label, { exact: true }).locator('option').allInnerTexts()).find((o) => o.startsWith(`${name} · `))!;
      await page.getByLabel(label, { exact: true }).selectOption({ label: option });
    };
    await pick('Run A', 'old-town-walk.jsonl');
    await pick('Run B', 'again.jsonl');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByText('The two logs are identical.').waitFor();
    // Against the simulation: they diverge, and the first divergence is shown.
    await pick('Run B', 'thousand');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByRole('heading', { name: /First divergence at line \d+/ }).waitFor();
    await studio.shot('replay-compare');

    await page.getByRole('button', { name: 'thousand', exact: true }).click();
    const csv = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csvText = readFileSync(await (await csv).path(), 'utf8');
    expect(csvText.split('\n')[0]).toMatch(/id/);
    const json = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON' }).click();
    const result = JSON.parse(readFileSync(await (await json).path(), 'utf8'));
    expect(result).toBeTruthy();
  });

  it('runs persist across a restart of the host and can be deleted', async () => {
    const page = studio.page;
    const before = await page.getByRole('list', { name: 'Stored runs' }).getByRole('listitem').count();
    await page.getByRole('button', { name: 'Delete run again.jsonl' }).click();
    await page.getByRole('dialog', { name: 'Delete this run?' }).getByRole('button', { name: 'Delete run' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Stored runs' }).getByRole('listitem').count()).toBe(before - 1);
    await studio.restartHost();
    await nav(page, 'Replay & QA');
    await page.getByRole('button', { name: 'thousand', exact: true }).waitFor();
    await expect.poll(() => page.getByRole('list', { name: 'Stored runs' }).getByRole('listitem').count()).toBe(before - 1);
  });

  it('every control on these screens has an accessible name', async () => {
    const page = studio.page;
    for (const screen of ['Simulate', 'Runs & Debugger', 'Replay & QA']) {
      await nav(page, screen);
      await page.getByRole('navigation', { name: 'Screens' }).locator('[aria-current="page"]', { hasText: screen }).waitFor();
      expect(await studio.unnamedControls(), screen).toEqual([]);
    }
  });

  it('a simulation still running is picked up again after the page reloads, and can be paused, stepped and cancelled', async () => {
    const page = studio.page;
    await nav(page, 'Simulate');
    await page.locator('#sim-participants').fill('200');
    await page.locator('#sim-name').fill('slow');
    await page.locator('#sim-speed').selectOption({ label: '1 min per second' });
    await page.getByRole('button', { name: 'Start' }).click();
    await page.locator('.body .pill', { hasText: 'running' }).waitFor();
    await page.reload();
    await nav(page, 'Simulate');
    await page.getByRole('heading', { name: 'slow' }).waitFor();
    await page.locator('.body .pill', { hasText: 'running' }).waitFor();
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator('.body .pill', { hasText: 'paused' }).waitFor();
    const events = async () => Number((await page.locator('.stat', { hasText: 'Events' }).first().locator('.value').innerText()).replace(/,/g, ''));
    // The run thread applies the pause a moment after the page shows it, and the lines that
    // passed before are still reported: wait until the count holds still, then step once.
    let before = await events();
    for (let settled = 0; settled < 3; ) {
      await page.waitForTimeout(300);
      const now = await events();
      settled = now === before ? settled + 1 : 0;
      before = now;
    }
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(events).toBe(before + 1);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('.body .pill', { hasText: 'cancelled' }).waitFor();
  });
});
