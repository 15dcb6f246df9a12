// End-to-end: the Simulate, Runs & Debugger, Replay & QA and Playtest screens hold their
// layout at 1024 × 700 and 1920 × 1080 (the debugger table keeps its Failed column; the
// graph's "Select a participant…" line does not cover a step), with the screenshots the
// user guide shows (test-results/studio/; docs/studio/*.png only with UPDATE_DOCS_SCREENSHOTS=1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openStudio, REPO_ROOT, type Studio } from './studioSession';
import { simulationCompletes } from './waitWhileProgressing';
import { docShotOfPage } from './docShots';
import { canvasTextIn, overlapping, recordCanvasText } from './chartText';
import { layoutSettled } from './layoutSettled';

let studio: Studio;
const EXAMPLE = join(REPO_ROOT, 'examples', 'old-town-walk.hunt.json');
const SIZES = [
  { name: '1024x700', width: 1024, height: 700 },
  { name: '1920x1080', width: 1920, height: 1080 },
];

beforeAll(async () => {
  studio = await openStudio({ hunt: EXAMPLE, viewport: { width: 1024, height: 700 } });
});
afterAll(async () => {
  await studio?.close();
});

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();

/** Scrolls the screen (not the tables inside it) back to its top: a click into a table had scrolled the run's header out of the shot. */
async function screenToTop(page: Page) {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>('*')) if (el.scrollTop > 0 && !el.closest('.table-panel, .scroll-box')) el.scrollTop = 0;
    window.scrollTo(0, 0);
  });
}

/** At each size: the checks (if any), then the screenshot (of the screen from its top, when asked). */
async function shoot(page: Page, name: string, check?: (size: string) => Promise<void>, opts: { top?: boolean } = {}) {
  for (const s of SIZES) {
    await page.setViewportSize({ width: s.width, height: s.height });
    await layoutSettled(page);
    await check?.(s.name);
    if (opts.top) await screenToTop(page);
    await docShotOfPage(page, `${name}-${s.name}`);
  }
}

/** Each step's label shows its whole title, horizontal, not cut off, and covers neither another label nor its bar. */
async function stepLabelsReadable(page: Page): Promise<string[]> {
  const titles = (JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { steps: { title: string }[] }).steps.map((s) => s.title);
  return page.evaluate((want) => {
    const problems: string[] = [];
    const rows = [...document.querySelectorAll('.diag-row')];
    if (rows.length !== want.length) problems.push(`${rows.length} rows for ${want.length} steps`);
    const boxes: { t: string; r: DOMRect }[] = [];
    rows.forEach((row, i) => {
      const label = row.querySelector<HTMLElement>('.diag-label');
      if (!label) return problems.push(`row ${i}: no label`);
      const t = label.innerText.trim();
      if (t !== want[i]) problems.push(`row ${i}: shows "${t}", the title is "${want[i]}"`);
      if (label.scrollWidth > label.clientWidth + 1 || label.scrollHeight > label.clientHeight + 1) problems.push(`"${t}" is cut off`);
      const transform = getComputedStyle(label).transform;
      if (transform !== 'none' && transform !== 'matrix(1, 0, 0, 1, 0, 0)') problems.push(`"${t}" is rotated or skewed (${transform})`);
      const r = label.getBoundingClientRect();
      const bar = row.querySelector('.diag-bar')!.getBoundingClientRect();
      if (r.right > bar.left) problems.push(`"${t}" runs into its bar`);
      boxes.push({ t, r });
    });
    for (let i = 1; i < boxes.length; i++) if (boxes[i].r.top < boxes[i - 1].r.bottom - 0.5) problems.push(`"${boxes[i - 1].t}" and "${boxes[i].t}" overlap`);
    return problems;
  }, titles);
}

/** The element's box lies inside the box of its scroll container (it is not cut off). */
async function visibleIn(page: Page, selector: string, container: string): Promise<boolean> {
  return page.evaluate(
    ([sel, cont]) => {
      const el = document.querySelector(sel)!.getBoundingClientRect();
      const c = document.querySelector(cont)!.getBoundingClientRect();
      return el.left >= c.left - 1 && el.right <= c.right + 1 && el.width > 0;
    },
    [selector, container] as const,
  );
}

describe('studio analysis layout', () => {
  it('Simulate at both sizes', async () => {
    const page = studio.page;
    await nav(page, 'Simulate');
    // Before a run, Cancel is disabled and looks it: drawn like the other disabled buttons, not in the danger colour.
    const cancel = page.getByRole('button', { name: 'Cancel' });
    expect(await cancel.isDisabled()).toBe(true);
    const colour = (name: string) => page.getByRole('button', { name, exact: true }).evaluate((el) => getComputedStyle(el).color);
    // Soft: every layout problem of this screen is reported, not only the first.
    expect.soft(await colour('Cancel'), 'Cancel looks like the other disabled buttons').toBe(await colour('Pause'));
    await page.locator('#sim-participants').fill('500');
    await page.locator('#sim-name').fill('layout');
    await page.getByRole('button', { name: 'Start' }).click();
    await simulationCompletes(page, 'the layout simulation completes');
    await page.locator('.diag-row').first().waitFor();
    await recordCanvasText(page);
    // Off the first size, so that going to it redraws the charts (while recording).
    await page.setViewportSize({ width: 1100, height: 760 });
    const histogramLabelsApart = async (size: string) => {
      // The finish-time histogram's axis labels ("1:06:57", …) stand apart, upright (the resize redrew it).
      const timesDrawn = async () => (await canvasTextIn(page, 'Finish time histogram')).filter((d) => /^\d+:\d\d(:\d\d)?$/.test(d.text));
      // The chart redraws for the new size a moment after it (its resize observer): wait for
      // that drawing; if none was recorded (the chart rebuilt meanwhile), nudge the width by a
      // pixel and back, so that it draws again at this size.
      const [w, h] = size.split('x').map(Number);
      await expect
        .poll(
          async () => {
            const n = (await timesDrawn()).length;
            if (n <= 2) {
              await page.setViewportSize({ width: w + 1, height: h });
              await page.setViewportSize({ width: w, height: h });
            }
            return n;
          },
          { message: size, interval: 500 },
        )
        .toBeGreaterThan(2);
      const times = await timesDrawn();
      expect.soft(overlapping(times), `${size}: histogram labels that overlap`).toEqual([]);
      expect.soft(times.filter((d) => d.rotated), `${size}: rotated histogram labels`).toEqual([]);
    };
    await shoot(page, 'simulate', async (size) => {
      expect.soft(await stepLabelsReadable(page), `${size}: step labels`).toEqual([]);
      await histogramLabelsApart(size);
    });
    // Between the two, the charts sit two a row and are narrowest (where the labels once ran together).
    for (const [width, height] of [[1280, 800], [1366, 768]]) {
      await page.setViewportSize({ width, height });
      await histogramLabelsApart(`${width}x${height}`);
    }
  });

  it('Runs & Debugger: the table keeps its Failed column at 1024 × 700; the legend never covers a step at 1920 × 1080', async () => {
    const page = studio.page;
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByRole('button', { name: 'Open in debugger' }).click();
    await page.locator('.ptable-row button').first().waitFor();
    await page.locator('.ptable-row button').nth(2).click();
    await page.locator('.inspector h2').waitFor();
    const failedHeader = '.table-panel .ptable-head [role="columnheader"]:nth-child(6)';
    expect(await page.locator(failedHeader).innerText()).toBe('Failed');
    expect(await visibleIn(page, failedHeader, '.table-panel')).toBe(true);
    await shoot(page, 'debugger', undefined, { top: true });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await layoutSettled(page);
    const overlap = await page.evaluate(() => {
      const legend = document.querySelector('.graph-legend-bar')!.getBoundingClientRect();
      return [...document.querySelectorAll('.graph-box .react-flow__node')].some((n) => {
        const r = n.getBoundingClientRect();
        return r.left < legend.right && r.right > legend.left && r.top < legend.bottom && r.bottom > legend.top;
      });
    });
    expect(overlap).toBe(false);
    expect(await visibleIn(page, failedHeader, '.table-panel')).toBe(true);
  });

  it('Replay & QA at both sizes', async () => {
    const page = studio.page;
    await page.setViewportSize({ width: 1024, height: 700 });
    await nav(page, 'Replay & QA');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import JSONL log…' }).click();
    await (await chooser).setFiles({ name: 'old-town-walk.jsonl', mimeType: 'application/x-ndjson', buffer: readFileSync(join(REPO_ROOT, 'examples/logs/old-town-walk.jsonl')) });
    await page.getByRole('table', { name: 'Rejected lines' }).waitFor();
    await shoot(page, 'replay');
    await page.getByRole('button', { name: 'Compare runs' }).click();
    const pick = async (label: string, prefix: string) => {
      const o = (await page.getByLabel(label, { exact: true }).locator('option').allInnerTexts()).find((x) => x.startsWith(prefix))!;
      await page.getByLabel(label, { exact: true }).selectOption({ label: o });
    };
    await pick('Run A', 'old-town-walk.jsonl');
    await pick('Run B', 'layout');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByTestId('divergence').waitFor();
    await expect.poll(() => page.getByTestId('divergence').innerText()).not.toContain('…');
    await shoot(page, 'replay-compare');
  });

  it('Playtest at both sizes', async () => {
    const page = studio.page;
    await page.setViewportSize({ width: 1024, height: 700 });
    await nav(page, 'Playtest');
    await page.getByRole('button', { name: 'Join the hunt' }).click();
    await page.getByTestId('playtest-status').waitFor();
    await page.getByRole('button', { name: '+1 min' }).click();
    await page.getByRole('button', { name: /^Place St\. Stephen/ }).dispatchEvent('pointerdown');
    const roof = page.getByLabel('Step Look up at the roof', { exact: true });
    await roof.locator('.prompt').waitFor();
    await roof.getByLabel('Answer for Look up at the roof').fill('a bird');
    await roof.getByRole('button', { name: 'Answer' }).click();
    await roof.getByTestId('answer-message').waitFor();
    await shoot(page, 'playtest');
  });
});
