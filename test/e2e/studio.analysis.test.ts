// End-to-end: the Simulate, Runs & Debugger, Replay & QA and Playtest screens as designers
// and QA use them (issue 18): step diagnostics, filters, not-joined-yet, rename, the
// divergence view, playtest messages; screenshots of each screen at 1024 × 700 and 1920 × 1080.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openStudio, REPO_ROOT, type Studio } from './studioSession';
import { simulationCompletes, START_MS } from './waitWhileProgressing';
import { node } from './editorSteps';
import { layoutSettled } from './layoutSettled';

let studio: Studio;
const EXAMPLE = join(REPO_ROOT, 'examples', 'old-town-walk.hunt.json');
const LOG = join(REPO_ROOT, 'examples', 'logs', 'old-town-walk.jsonl');

beforeAll(async () => {
  studio = await openStudio({ hunt: EXAMPLE, viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await studio?.close();
});

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();
const num = (s: string) => Number(s.replace(/[^0-9]/g, ''));

async function importLog(page: Page, name: string) {
  await nav(page, 'Replay & QA');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import JSONL log…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/x-ndjson', buffer: readFileSync(LOG) });
}

describe('studio analysis screens', () => {
  it('Simulate: Cancel is disabled before a run; the profile-mix form keeps shares at 100%', async () => {
    const page = studio.page;
    await nav(page, 'Simulate');
    expect(await page.getByRole('button', { name: 'Cancel' }).isDisabled()).toBe(true);
    await page.getByLabel('Share of casual in percent').fill('70');
    await expect.poll(() => page.getByTestId('share-total').innerText()).toBe('Total 120%');
    expect(await page.getByRole('button', { name: 'Start' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Balance to 100%' }).click();
    await expect.poll(() => page.getByTestId('share-total').innerText()).toBe('Total 100%');
    await page.getByRole('button', { name: 'Edit casual' }).click();
    await page.getByLabel('Answers right (%)').fill('60');
    // The hunt/2 behaviour is edited in the same panel.
    await page.getByLabel('Judged after (median) (s)').fill('600');
    await page.getByLabel('Works on next').selectOption('nearest');
    await page.getByLabel('Skips steps that can no longer open anything').check();
    await studio.shot('analysis-profile-edit');
    // The advanced text follows the form: a profiles file extending the presets.
    await page.getByLabel('Edit as text (advanced)').check();
    const text = await page.locator('#sim-profiles').inputValue();
    expect(JSON.parse(text).profiles[0]).toMatchObject({ extends: 'casual', solve: { answer: 0.6 } });
    expect(JSON.parse(text).profiles[0]).toMatchObject({ judging: { delaySec: { median: 600 } }, branch: 'nearest', shortcut: true });
    await page.getByLabel('Edit as text (advanced)').uncheck();
    await page.getByRole('button', { name: 'Reset' }).click();
  });

  it('Simulate: step diagnostics say why each step loses people, with numbers on hover and as a table', async () => {
    const page = studio.page;
    await page.locator('#sim-participants').fill('1000');
    await page.locator('#sim-seed').fill('3');
    await page.locator('#sim-name').fill('diagnostics');
    await page.getByRole('button', { name: 'Start' }).click();
    await simulationCompletes(page, 'the diagnostics simulation completes');
    const rows = page.locator('.diag-row');
    await expect.poll(() => rows.count(), { timeout: START_MS }).toBe(11);
    // Full step titles, not truncated.
    expect(await rows.nth(1).locator('.diag-label').innerText()).toBe('Look up at the roof');
    await rows.nth(5).locator('.diag-bar').hover();
    const tip = page.getByTestId('diag-tip');
    await tip.waitFor();
    for (const w of ['reached', 'failed: time limit', 'failed: attempts', 'quit on it', 'time spent (median / p90)', 'hints taken', 'wrong attempts']) expect(await tip.innerText()).toContain(w);
    // "Finish rate" says of whom.
    expect(await page.locator('.stat', { hasText: 'Finish rate' }).innerText()).toMatch(/of 1,000 joined/);
    // Advice names which change cannot matter. The run is the same on every machine (seed 3, the
    // default mix; simulationCompletes waits for the final figures, not a read made mid-run), and
    // "The clock on the bridge" is a location step with a 30 min time limit and no max attempts:
    // it can fail by its time limit only, so its advice must say attempts and hint penalties cannot help.
    const advice = await page.getByTestId('advice').locator('li').allInnerTexts();
    expect(advice.find((a) => a.startsWith('The clock on the bridge:'))).toMatch(
      /^The clock on the bridge: (\d+) of its \1 failures \(\d+% of those who reached it\) came from its 30 min time limit and none from attempts: raising max attempts or lowering hint penalties cannot change them/,
    );
    // The numbers as a table.
    await page.getByRole('button', { name: /Show the numbers of “Steps: where and why participants are lost” as a table/ }).click();
    const table = page.getByRole('table', { name: /Steps: where and why participants are lost: the numbers/ });
    expect(await table.locator('tbody tr').count()).toBe(11);
    expect(await table.locator('thead').innerText()).toContain('failed: time limit');
    await page.getByRole('button', { name: /Show the numbers of “Steps/ }).click();
    await studio.shot('analysis-simulate-diagnostics');
  });

  it('Simulate: a stored run’s charts come back after a page reload', async () => {
    const page = studio.page;
    await page.reload();
    await nav(page, 'Simulate');
    await page.getByRole('heading', { name: 'diagnostics' }).waitFor();
    await expect.poll(() => page.locator('.diag-row').count(), { timeout: START_MS }).toBe(11);
    await expect.poll(() => page.locator('.chart .uplot canvas').count(), { timeout: START_MS }).toBe(4);
    await page.getByRole('heading', { name: 'Events over virtual time' }).waitFor();
  });

  it('clicking a step’s bar lists those participants in the debugger; filters and search narrow the table', async () => {
    const page = studio.page;
    // The step failed most often by attempts: click its "failed: attempts" part.
    const seg = page.locator('.diag-row[data-step="mozart-year"] .seg-failed-attempts');
    const label = (await seg.getAttribute('aria-label'))!;
    const expected = num(label.split(':')[1]);
    await seg.click();
    await page.getByRole('slider', { name: "Scrub through the run's events" }).waitFor();
    await expect.poll(() => page.getByTestId('filter-count').innerText(), { timeout: START_MS }).toBe(`${expected.toLocaleString('en-US')} match`);
    expect(await page.getByLabel('Filter by step').inputValue()).toBe('mozart-year');
    // Inspect one: the failed step says why.
    await page.locator('.ptable-row button').first().click();
    await expect.poll(() => page.locator('.inspector').innerText()).toContain('out of attempts');
    // Search by id and status.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Search participants by id').fill('sim-0012');
    await expect.poll(() => page.getByTestId('filter-count').innerText()).toBe('1 match');
    await page.getByLabel('Search participants by id').fill('');
    await page.getByLabel('Filter by status').selectOption('quit');
    await page.getByLabel('Lowest score').fill('100');
    await expect.poll(async () => num(await page.getByTestId('filter-count').innerText())).toBeGreaterThan(0);
    // The table reloads its page after each filter change: wait until the rows shown are the
    // filtered ones (a table that ignored a filter would never get there).
    const rowsMatch = async () => {
      const scores = await page.locator('.ptable-row [role="cell"]:nth-child(3)').allInnerTexts();
      const statuses = await page.locator('.ptable-row [role="cell"]:nth-child(2)').allInnerTexts();
      return { shown: scores.length > 0, scores: scores.every((s) => num(s) >= 100), statuses: statuses.every((s) => s.trim() === 'quit') };
    };
    await expect.poll(rowsMatch).toEqual({ shown: true, scores: true, statuses: true });
    await page.getByRole('button', { name: 'Clear filters' }).click();
  });

  it('debugger: the Event box takes #n; before a participant joins it says "not joined yet", with no error', async () => {
    const page = studio.page;
    const scrubber = page.getByRole('slider', { name: "Scrub through the run's events" });
    if (await page.getByRole('button', { name: 'Clear filters' }).count()) await page.getByRole('button', { name: 'Clear filters' }).click();
    const box = page.getByLabel('Go to event number');
    await box.fill('#1200');
    await expect.poll(() => scrubber.inputValue()).toBe('1200');
    // The table reloads its page for the new event: a click may land while its rows are replaced, so click until the inspector shows sim-0003.
    await expect
      .poll(async () => {
        await page.locator('.ptable-row button', { hasText: 'sim-0003' }).first().click();
        return page.locator('.inspector h2').innerText();
      })
      .toContain('sim-0003');
    const errors = studio.errors.length;
    await page.keyboard.press('Home');
    await page.getByTestId('not-joined').waitFor();
    // The participant inspected (sim-0003, unless a click landed on a row the reloading table
    // put under it) is shown as not joined yet at event #0, with where it joins.
    const inspected = (await page.locator('.inspector h2').innerText()).trim();
    expect(inspected).toMatch(/^sim-\d+$/);
    expect(await page.getByTestId('not-joined').innerText()).toMatch(new RegExp(`Not joined yet at event #0: ${inspected} joins at event #\\d+`));
    expect(await page.locator('.notice-error').count()).toBe(0);
    expect(studio.errors.slice(errors)).toEqual([]);
    // The strip's cursor and the slider's thumb point at the same place (both by event number).
    await box.fill('1200');
    const total = Number(await scrubber.getAttribute('max'));
    const cursor = await page.locator('.density-cursor').evaluate((el) => parseFloat((el as HTMLElement).style.left));
    expect(cursor).toBeCloseTo((1200 / total) * 100, 3);
  });

  it('runs can be renamed and show their hunt version; Replay & QA lists rejections only once read', async () => {
    const page = studio.page;
    await importLog(page, 'old-town-walk.jsonl');
    // Right after the import the list says it is reading, never "No line was rejected" beside a count.
    const results = page.locator('.results');
    await results.waitFor();
    const seen: string[] = [];
    const expected = JSON.parse(readFileSync(join(REPO_ROOT, 'examples/logs/old-town-walk.expected.json'), 'utf8')) as { rejected: { line: number }[] };
    await expect
      .poll(
        async () => {
          const t = await results.innerText();
          seen.push(t);
          return page.getByRole('table', { name: 'Rejected lines' }).locator('tbody tr').count();
        },
        { timeout: START_MS, interval: 50 },
      )
      .toBe(expected.rejected.length);
    expect(seen.filter((t) => /No line was rejected/.test(t) && !/Rejected\s+0/.test(t))).toEqual([]);
    expect(seen.filter((t) => /Showing the first 0 of/.test(t))).toEqual([]);
    await page.getByRole('button', { name: 'Rename run old-town-walk.jsonl' }).click();
    await page.getByLabel('New name of the run').fill('first replay');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByRole('heading', { name: 'first replay' }).waitFor();
    await page.getByRole('list', { name: 'Stored runs' }).getByRole('button', { name: 'first replay', exact: true }).waitFor();
    expect(await results.getByTestId('hunt-version').innerText()).toMatch(/^Vienna Old Town Walk · [0-9a-f]{8}$/);
    // The same name survives a restart of the host.
    await studio.restartHost();
    await nav(page, 'Replay & QA');
    await page.getByRole('list', { name: 'Stored runs' }).getByRole('button', { name: 'first replay', exact: true }).waitFor();
  });

  it('the divergence view says what differs, uses file line numbers and opens the debugger there', async () => {
    const page = studio.page;
    await page.getByRole('button', { name: 'Compare runs' }).click();
    const options = async (label: string) => page.getByLabel(label, { exact: true }).locator('option').allInnerTexts();
    const a = (await options('Run A')).find((o) => o.startsWith('first replay'))!;
    const b = (await options('Run B')).find((o) => o.startsWith('diagnostics'))!;
    expect(a).toMatch(/Vienna Old Town Walk [0-9a-f]{8}/);
    await page.getByLabel('Run A', { exact: true }).selectOption({ label: a });
    await page.getByLabel('Run B', { exact: true }).selectOption({ label: b });
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const div = page.getByTestId('divergence');
    await div.waitFor();
    await expect.poll(() => div.innerText()).not.toContain('…');
    const text = await div.innerText();
    expect(text).toMatch(/First divergence at line \d+/);
    expect(text).toMatch(/before/);
    expect(text).toMatch(/after/);
    // The line number shown is the file's (1-based) line of that text.
    const raw = await div.locator('.raw').first().innerText();
    const line = Number(/First divergence at line (\d+)/.exec(text)![1]);
    expect(readFileSync(LOG, 'utf8').split('\n')[line - 1]).toBe(raw);
    await studio.shot('analysis-replay-divergence');
    await div.getByRole('button', { name: /^Open A in the debugger at line/ }).click();
    const scrubber = page.getByRole('slider', { name: "Scrub through the run's events" });
    await scrubber.waitFor();
    await expect.poll(() => page.getByTestId('current-event').innerText()).toContain(`line ${line}`);
  });

  it('the solved steps of two runs are shown as a difference', async () => {
    const page = studio.page;
    // A second replay of the log against a hunt where one step needs another answer gives different results.
    await importLog(page, 'again.jsonl');
    await page.getByRole('heading', { name: 'again.jsonl' }).waitFor();
    await page.getByRole('button', { name: 'Compare runs' }).click();
    const pick = async (label: string, prefix: string) => {
      const o = (await page.getByLabel(label, { exact: true }).locator('option').allInnerTexts()).find((x) => x.startsWith(prefix))!;
      await page.getByLabel(label, { exact: true }).selectOption({ label: o });
    };
    await pick('Run A', 'again.jsonl');
    await pick('Run B', 'diagnostics');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByRole('table', { name: 'Differences between the runs' }).waitFor();
    await page.getByTestId('solved-diff').first().waitFor();
    expect(await page.locator('.diff-added, .diff-removed').count()).toBeGreaterThan(0);
  });

  it('Playtest: wrong answers say so, hints show their cost, locked steps hide their questions, a finish summary, End session ends the run', async () => {
    const page = studio.page;
    await nav(page, 'Playtest');
    await page.getByLabel('Participant id').fill('qa');
    await page.getByRole('button', { name: 'Join the hunt' }).click();
    await page.getByTestId('playtest-status').waitFor();
    const roof = page.getByLabel('Step Look up at the roof', { exact: true });
    expect(await roof.innerText()).toMatch(/Locked: first Meet at the cathedral/);
    expect(await roof.locator('.prompt').count()).toBe(0);
    await page.getByRole('button', { name: '+1 min' }).click();
    await page.getByRole('button', { name: /^Place St\. Stephen/ }).dispatchEvent('pointerdown');
    await expect.poll(() => roof.locator('.pill').first().innerText()).toBe('available');
    await roof.locator('.prompt').waitFor();
    await roof.getByRole('button', { name: 'Take a hint (−10 pts)' }).waitFor();
    await roof.getByLabel('Answer for Look up at the roof').fill('wrong guess');
    await roof.getByRole('button', { name: 'Answer' }).click();
    await expect.poll(() => roof.getByTestId('answer-message').innerText()).toMatch(/Not right\. 1 wrong so far/);
    await page.getByRole('button', { name: 'Quit the hunt' }).click();
    await page.getByTestId('finish-summary').waitFor();
    expect(await page.getByTestId('finish-summary').innerText()).toMatch(/You quit the hunt: \d+ points/);
    expect(await page.getByRole('button', { name: 'Quit the hunt' }).isDisabled()).toBe(true);
    await studio.shot('analysis-playtest-summary');
    await page.getByRole('button', { name: 'End session' }).click();
    await nav(page, 'Runs & Debugger');
    const item = page.getByRole('list', { name: 'Stored runs' }).getByRole('listitem').filter({ hasText: 'playtest: qa' });
    await expect.poll(() => item.locator('.pill').first().innerText(), { timeout: START_MS }).toBe('completed');
  });

  it('Simulate again after changing a hint penalty: the studio says what differs, that the outcome did not move, and why', async () => {
    const page = studio.page;
    await nav(page, 'Editor');
    await node(page, 'Look up at the roof').click();
    await page.getByLabel('Penalty (points)').first().fill('0');
    await nav(page, 'Simulate');
    await page.locator('#sim-participants').fill('1000');
    await page.locator('#sim-seed').fill('3');
    await page.locator('#sim-name').fill('free first hint');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('heading', { name: 'free first hint' }).waitFor();
    await simulationCompletes(page, 'the second simulation completes');
    const panel = page.getByTestId('run-changes');
    await panel.waitFor();
    // Compared with the newest earlier simulation of this hunt: "diagnostics" (same seed, same mix).
    expect(await panel.getByLabel('Compare this run with an earlier simulation').locator('option:checked').innerText()).toBe('diagnostics');
    await expect.poll(() => panel.getByTestId('run-changes-verdict').innerText()).toMatch(/^The outcome did not move: the same [\d,]+ of 1,000 finished and every step was solved and failed as often; only the scores changed\.$/);
    const changes = await panel.getByRole('list', { name: 'Settings that differ' }).locator('li').allInnerTexts();
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatch(/^hint penalties of “Look up at the roof”: 10, 30 → 0, 30 — Hint penalties change scores only/);
    await studio.shot('analysis-simulate-run-changes');
  });

  it('every control on these screens has an accessible name', async () => {
    const page = studio.page;
    for (const screen of ['Simulate', 'Runs & Debugger', 'Replay & QA', 'Playtest']) {
      await nav(page, screen);
      await layoutSettled(page);
      expect(await studio.unnamedControls(), screen).toEqual([]);
    }
  });
});
