// End-to-end: the What if screen in headless Chromium against the real web host: compare
// two designs (a planted difference is called with the right sign), a two-field sweep whose
// heat map (10 × 10) fills as points stream in and stops on Cancel, a one-field line plot, re-score a
// replayed log with the current hunt (changed ranks highlighted), fork a stored simulation.
// Sizes are small (tens of participants) so it holds on a busy machine. Screenshots go to
// test-results/studio/whatif-*; with UPDATE_DOCS_SCREENSHOTS=1 they are also copied to docs/studio/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openStudio, REPO_ROOT, type Studio } from './studioSession';
import { docShot } from './docShots';
import { simulationCompletes, waitWhileProgressing } from './waitWhileProgressing';
import { openFromDataFolder } from './editorSteps';

const EXAMPLE = join(REPO_ROOT, 'examples', 'old-town-walk.hunt.json');
const LOG = join(REPO_ROOT, 'examples', 'logs', 'old-town-walk.jsonl');
type Step = { id: string; points?: number; maxAttempts?: number; answers?: string[] };
const example = () => JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { steps: Step[] };

let studio: Studio;
beforeAll(async () => {
  studio = await openStudio({ hunt: EXAMPLE });
  // The planted difference: the roof eagle allows one attempt and one answer only.
  const harder = example();
  Object.assign(harder.steps.find((s) => s.id === 'roof-eagle')!, { maxAttempts: 1, answers: ['Doppeladler'] });
  writeFileSync(join(studio.dataDir, 'harder.hunt.json'), JSON.stringify(harder, null, 2));
  // The anker clock worth 500 points and "crow" accepted for the eagle: badgers (who solved the
  // clock and answered "crow") pass the foxes (who failed the clock).
  const rescored = example();
  rescored.steps.find((s) => s.id === 'anker-clock')!.points = 500;
  const eagle = rescored.steps.find((s) => s.id === 'roof-eagle')!;
  eagle.answers = [...eagle.answers!, 'crow'];
  writeFileSync(join(studio.dataDir, 'rescored.hunt.json'), JSON.stringify(rescored, null, 2));
});
afterAll(async () => {
  await studio?.close();
});

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();
const tab = (page: Page, name: string) => page.getByRole('tablist', { name: 'What if' }).getByRole('tab', { name, exact: true }).click();
const jobStatus = (page: Page) => page.getByTestId('job-status').getAttribute('data-status');

/** Fills field I of the sweep form: its path and FROM..TO:STEP. */
async function fillAxis(page: Page, i: number, path: string, from: number, to: number, step: number) {
  await page.locator(`#sweep-path-${i}`).fill(path);
  await page.locator(`#sweep-from-${i}`).fill(String(from));
  await page.locator(`#sweep-to-${i}`).fill(String(to));
  await page.locator(`#sweep-step-${i}`).fill(String(step));
}

/** Picks a hunt file for a design through the web host's Open dialog. */
async function pickFile(page: Page, design: string, fileName: string) {
  await page.getByRole('button', { name: `${design}: choose a hunt file` }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a hunt' });
  await dialog.getByRole('list', { name: /^Files in / }).getByRole('button', { name: new RegExp(fileName.replace(/\./g, '\\.')) }).click();
  await dialog.waitFor({ state: 'detached' }).catch(() => dialog.waitFor({ state: 'hidden' }));
}

/** Waits until the tab's job has ended (as long as its progress still moves) and answers its status. */
async function jobEnds(page: Page, what: string): Promise<string | null> {
  await waitWhileProgressing({
    what,
    done: async () => !['running', 'starting'].includes((await jobStatus(page)) ?? ''),
    progress: () => page.getByRole('progressbar', { name: /work done/ }).getAttribute('aria-valuenow'),
  });
  return jobStatus(page);
}

/** Screenshots at 1024×700 and 1920×1080 (looked at by hand), copied to docs/studio/ on request. */
async function shots(page: Page, name: string, scrollTo?: () => Promise<void>) {
  for (const [w, h] of [
    [1024, 700],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await scrollTo?.();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await docShot(studio, `whatif-${name}-${w}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('studio what if', () => {
  it('compares the open hunt with a harder version: the planted difference is called with the right sign', async () => {
    const page = studio.page;
    await nav(page, 'What if');
    await tab(page, 'Compare');
    await pickFile(page, 'Design B', 'harder.hunt.json');
    await expect.poll(() => page.locator('#cmp-b').inputValue()).toContain('harder.hunt.json');
    await page.locator('#cmp-participants').fill('40');
    await page.locator('#cmp-runs').fill('4');
    await page.locator('#cmp-seed').fill('3');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    expect(await jobEnds(page, 'the comparison completes')).toBe('completed');
    const headline = page.getByRole('table', { name: 'Headline figures' });
    await headline.waitFor();
    expect(await headline.locator('tr[data-metric="finishRate"]').count()).toBe(1);
    // Per step, only the figures where a difference is called are listed: the eagle fails more, is solved less.
    const steps = page.getByRole('table', { name: 'Per-step figures' });
    const failed = steps.locator('tr[data-metric="step/roof-eagle/failed"]');
    expect(await failed.getAttribute('data-verdict')).toBe('higher');
    expect(await failed.locator('td.verdict').innerText()).toBe('B higher');
    expect(await failed.locator('td').nth(3).innerText()).toMatch(/^\+\d/);
    const solved = steps.locator('tr[data-metric="step/roof-eagle/solved"]');
    expect(await solved.getAttribute('data-verdict')).toBe('lower');
    expect(await solved.locator('td').nth(3).innerText()).toMatch(/^−\d/);
    // Every called difference has an interval that excludes zero (the same sign at both ends).
    for (const row of await steps.locator('tr[data-verdict]').all()) {
      const interval = await row.locator('td').nth(4).innerText();
      const verdict = await row.getAttribute('data-verdict');
      expect(interval.split(' … ').every((end) => end.startsWith(verdict === 'higher' ? '+' : '−'))).toBe(true);
    }
    // Overlaid distributions and the funnel A against B, drawn by uPlot.
    await expect.poll(() => page.locator('.chart .uplot canvas').count()).toBe(3);
    expect(await page.getByRole('img', { name: /A against B/ }).count()).toBe(1);
    await shots(page, 'compare');
    expect(await studio.unnamedControls()).toEqual([]);
    await page.getByRole('group', { name: 'Funnel figure' }).getByRole('button', { name: 'Solved' }).click();
    await expect.poll(() => page.getByRole('img', { name: /who solved each step, A against B/ }).count()).toBe(1);
    await shots(page, 'compare-charts', () => page.getByRole('heading', { name: /^Funnel: A against B/ }).scrollIntoViewIfNeeded());
    expect(studio.errors).toEqual([]);
  });

  it('sweeps two fields: the heat map fills as points stream in, and Cancel stops it', async () => {
    const page = studio.page;
    await tab(page, 'Sweep');
    // The picker offers the hunt's numbers and the profiles' (listed by the host a moment after the tab opens).
    await expect.poll(() => page.locator('#sweep-fields option[value="/locations/stephansdom/radiusM"]').count()).toBe(1);
    await expect.poll(() => page.locator('#sweep-fields option[value="profiles/*/walk/gpsNoiseM"]').count()).toBe(1);
    await fillAxis(page, 0, '/locations/stephansdom/radiusM', 10, 55, 5);
    await page.getByRole('button', { name: 'Add a second field' }).click();
    await fillAxis(page, 1, 'profiles/*/walk/gpsNoiseM', 0, 45, 5);
    await page.locator('#sweep-participants').fill('300');
    await page.locator('#sweep-runs').fill('2');
    await page.getByRole('button', { name: 'Sweep', exact: true }).click();

    const map = page.getByTestId('heatmap');
    await map.waitFor();
    const cells = (state: string) => map.locator(`td[data-state="${state}"]`).count();
    expect((await cells('pending')) + (await cells('done'))).toBe(100);
    // Filling: some cells done while others are still pending.
    const seen = new Set<number>();
    await waitWhileProgressing({
      what: 'the first points of the sweep arrive',
      done: async () => {
        const n = await cells('done');
        seen.add(n);
        return n >= 3;
      },
      progress: () => page.getByTestId('points-done').innerText(),
    });
    await page.getByTestId('job-status').getByRole('button', { name: 'Cancel' }).click();
    expect(await jobEnds(page, 'the sweep is cancelled')).toBe('cancelled');
    const done = await cells('done');
    expect(done).toBeGreaterThanOrEqual(3);
    expect(done).toBeLessThan(100);
    expect(await cells('pending')).toBe(100 - done);
    expect(await page.getByTestId('points-done').innerText()).toBe(`${done} of 100 points`);
    expect([...seen].some((n) => n > 0 && n < 100)).toBe(true);
    await shots(page, 'sweep-cancelled');

    // A small grid that completes, shown by the share who never triggered the cathedral's geofence.
    await fillAxis(page, 0, '/locations/stephansdom/radiusM', 5, 20, 5);
    await fillAxis(page, 1, 'profiles/*/walk/gpsNoiseM', 0, 30, 10);
    await page.locator('#sweep-participants').fill('40');
    await page.getByRole('button', { name: 'Sweep', exact: true }).click();
    expect(await jobEnds(page, 'the small sweep completes')).toBe('completed');
    await expect.poll(() => cells('done')).toBe(16);
    await page.locator('#sweep-metric').selectOption({ label: 'cathedral: never solved (never triggered)' });
    await expect.poll(() => map.getAttribute('aria-label')).toContain('cathedral: never solved');
    await shots(page, 'sweep-heatmap');
    expect(await studio.unnamedControls()).toEqual([]);

    // One field: a line plot (how often answers are right against the median score).
    await page.getByRole('button', { name: 'Remove field 2' }).click();
    await fillAxis(page, 0, 'profiles/*/solve/answer', 0.2, 1, 0.2);
    await page.getByRole('button', { name: 'Sweep', exact: true }).click();
    expect(await jobEnds(page, 'the one-field sweep completes')).toBe('completed');
    expect(await page.getByTestId('points-done').innerText()).toBe('5 of 5 points');
    await page.locator('#sweep-metric').selectOption({ label: 'score p50' });
    await page.getByRole('img', { name: /^score p50 at each value of profiles\/\*\/solve\/answer/ }).locator('canvas').first().waitFor();
    expect(await page.getByTestId('heatmap').count()).toBe(0);
    await shots(page, 'sweep-line');
    expect(studio.errors).toEqual([]);
  });

  it('forks a stored simulation: unchanged it equals the original, with the harder hunt the eagle fails more', async () => {
    const page = studio.page;
    await nav(page, 'Simulate');
    await page.locator('#sim-participants').fill('40');
    await page.locator('#sim-seed').fill('2');
    await page.locator('#sim-name').fill('to fork');
    await page.getByRole('button', { name: 'Start' }).click();
    await simulationCompletes(page, 'the simulation to fork completes');
    await nav(page, 'What if');
    await tab(page, 'Fork');
    await expect.poll(() => page.locator('#fork-run option').first().innerText()).toContain('to fork');
    const events = Number(await page.getByRole('slider', { name: 'Fork at event' }).getAttribute('max'));
    expect(events).toBeGreaterThan(100);
    // Unchanged (the open hunt is the run's own): every figure the same on both sides.
    await page.locator('#fork-at').fill(String(Math.floor(events / 2)));
    await page.locator('#fork-runs').fill('3');
    await page.getByRole('button', { name: 'Fork', exact: true }).click();
    expect(await jobEnds(page, 'the unchanged fork completes')).toBe('completed');
    await page.getByLabel('Show every per-step figure').check();
    const all = page.locator('.whatif-report tr[data-verdict]');
    expect(await all.count()).toBeGreaterThan(10);
    expect(await page.locator('.whatif-report tr[data-verdict="higher"], .whatif-report tr[data-verdict="lower"]').count()).toBe(0);
    await page.getByLabel('Show every per-step figure').uncheck();
    // With the harder hunt from early on.
    await pickFile(page, 'The fork\'s hunt (same steps; settings may differ)', 'harder.hunt.json');
    await page.locator('#fork-at').fill(String(Math.max(1, Math.floor(events / 20))));
    await page.getByRole('button', { name: 'Fork', exact: true }).click();
    expect(await jobEnds(page, 'the fork with the harder hunt completes')).toBe('completed');
    expect(await page.getByTestId('fork-original').innerText()).toContain('Stored run: finish rate');
    const failed = page.locator('tr[data-metric="step/roof-eagle/failed"]');
    expect(await failed.getAttribute('data-verdict')).toBe('higher');
    await shots(page, 'fork');
    expect(await studio.unnamedControls()).toEqual([]);
    expect(studio.errors).toEqual([]);
  });

  it('re-scores a replayed log with the current hunt: changed ranks are highlighted', async () => {
    const page = studio.page;
    await nav(page, 'Replay & QA');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import JSONL log…' }).click();
    await (await chooser).setFiles({ name: 'old-town-walk.jsonl', mimeType: 'application/x-ndjson', buffer: readFileSync(LOG) });
    await page.getByRole('table', { name: 'Rejected lines' }).waitFor();
    await openFromDataFolder(page, 'rescored.hunt.json');
    await nav(page, 'What if');
    await tab(page, 'Re-score');
    const source = page.locator('#rescore-source');
    await expect.poll(async () => (await source.locator('option').allInnerTexts()).some((t) => t.startsWith('old-town-walk.jsonl'))).toBe(true);
    const label = (await source.locator('option').allInnerTexts()).find((t) => t.startsWith('old-town-walk.jsonl'))!;
    await source.selectOption({ label });
    await page.getByRole('button', { name: 'Re-score', exact: true }).click();
    expect(await jobEnds(page, 'the re-score completes')).toBe('completed');
    const table = page.getByRole('table', { name: 'Participants re-scored' });
    await table.waitFor();
    const row = (id: string) => table.locator(`tr[data-participant="${id}"]`);
    expect(await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-participant')))).toEqual(['owls', 'badgers', 'foxes', 'anna']);
    expect(await row('badgers').getAttribute('class')).toBe('rank-changed');
    expect(await row('badgers').locator('td.move').innerText()).toBe('▲1');
    expect(await row('badgers').locator('td').nth(2).innerText()).toBe('150 → 650');
    expect(await row('badgers').locator('td').nth(3).innerText()).toBe('3 → 2');
    expect(await row('foxes').getAttribute('class')).toBe('rank-changed');
    expect(await row('foxes').locator('td.move').innerText()).toBe('▼1');
    expect(await row('owls').getAttribute('class')).toBe('changed');
    expect(await row('anna').getAttribute('class')).toBeNull();
    expect(await row('badgers').locator('td.divergence').innerText()).toBe('line 52: wrong attempt on roof-eagle → solved roof-eagle; unlocked plague-column');
    // The foxes' own lines did the same under both hunts: only the others' scores moved them.
    expect(await row('foxes').locator('td.divergence').innerText()).toBe('–');
    // The owls' verdicts are the same too, but the new hunt gives their steps more points.
    expect(await row('owls').locator('td.divergence').innerText()).toBe("same verdicts; the new hunt's points differ");
    expect(await page.getByTestId('rescore-summary').innerText()).toContain('3 changed, 2 ranks changed');
    await shots(page, 'rescore');
    expect(await studio.unnamedControls()).toEqual([]);
    expect(studio.errors).toEqual([]);
  });

  it('picks a running sweep up again after a tab switch and after a page reload', async () => {
    const page = studio.page;
    await nav(page, 'What if');
    await tab(page, 'Sweep');
    await fillAxis(page, 0, '/locations/stephansdom/radiusM', 10, 55, 5);
    if (await page.getByRole('button', { name: 'Add a second field' }).isVisible()) await page.getByRole('button', { name: 'Add a second field' }).click();
    await fillAxis(page, 1, 'profiles/*/walk/gpsNoiseM', 0, 45, 5);
    await page.locator('#sweep-participants').fill('300');
    await page.locator('#sweep-runs').fill('2');
    await page.getByRole('button', { name: 'Sweep', exact: true }).click();
    const map = () => page.getByTestId('heatmap');
    const done = async () => Number((/^(\d+) of 100 points$/.exec(await page.getByTestId('points-done').innerText()) ?? [])[1] ?? NaN);
    await waitWhileProgressing({ what: 'the first points of the long sweep', done: async () => (await done()) >= 1, progress: () => page.getByTestId('points-done').innerText() });

    // Away to another tab and back: the job, its grid and its points are still shown.
    await tab(page, 'Compare');
    await tab(page, 'Sweep');
    await map().waitFor();
    const beforeReload = await done();
    expect(beforeReload).toBeGreaterThanOrEqual(1);

    // A page reload: the tab follows the same job again, and its points keep coming.
    await page.reload();
    await nav(page, 'What if');
    await tab(page, 'Sweep');
    await map().waitFor();
    expect(await jobStatus(page)).toMatch(/running|completed/);
    await waitWhileProgressing({ what: 'the sweep goes on after the reload', done: async () => (await done()) > beforeReload || (await jobStatus(page)) !== 'running', progress: () => page.getByTestId('points-done').innerText() });
    if ((await jobStatus(page)) === 'running') {
      await page.getByTestId('job-status').getByRole('button', { name: 'Cancel' }).click();
      expect(await jobEnds(page, 'the picked-up sweep is cancelled')).toBe('cancelled');
    }
    expect(studio.errors).toEqual([]);
  });
});
