// End-to-end: the editor as designers use it every day (issue 18): explicit wiring of new
// steps, delete confirmation, requirement chips, a graph that routes around steps and keeps
// its layout, messages in designers' words with one-click fixes, Open/Save that keep the
// file's path, the keyboard in the graph, and the layout at 1024 × 700 and 1920 × 1080.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStudio, type Studio } from './studioSession';
import { docShot, node, nodePositions, openExample, openFromDataFolder, problems, saveInPlace } from './editorSteps';

let studio: Studio;
beforeAll(async () => {
  studio = await openStudio({ hunt: null, viewport: { width: 1920, height: 1080 } });
});
afterAll(async () => {
  await studio?.close();
});

const edgeCount = () => studio.page.locator('.react-flow__edge').count();

describe('studio editor, issue 18', () => {
  it('wires a new step to the selected one only when "after selected step" is ticked', async () => {
    const page = studio.page;
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await node(page, 'First step').click();
    await page.getByRole('button', { name: '+ Code' }).click();
    await expect.poll(() => page.locator('.react-flow__node-step').count()).toBe(2);
    expect(await edgeCount()).toBe(0);
    await expect.poll(() => page.getByRole('list', { name: 'Requirements' }).locator('li').count()).toBe(0);

    await node(page, 'First step').click();
    const chain = page.getByRole('checkbox', { name: 'after selected step' });
    await chain.check();
    await page.getByRole('button', { name: '+ Answer' }).click();
    await expect.poll(() => page.locator('.react-flow__node-step').count()).toBe(3);
    await expect.poll(edgeCount).toBe(1);
    await expect.poll(() => page.getByRole('list', { name: 'Requirements' }).innerText()).toContain('First step');
  });

  it('asks before deleting a step and lists the steps that lose a requirement', async () => {
    const page = studio.page;
    await openExample(page);
    await node(page, 'Meet at the cathedral').click();
    await page.getByRole('button', { name: 'Delete step' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this step?' });
    await dialog.waitFor();
    const items = await dialog.getByRole('list', { name: 'Affected' }).locator('li').allInnerTexts();
    expect(items).toEqual([
      'Look up at the roof no longer requires Meet at the cathedral',
      'Find where Mozart lived no longer requires Meet at the cathedral',
      'The clock on the bridge no longer requires Meet at the cathedral',
    ]);
    await docShot(studio, 'editor-delete-confirm-1920');
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByRole('button', { name: 'Delete step' }).click();
    await dialog.waitFor();
    await docShot(studio, 'editor-delete-confirm-1024');
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await page.setViewportSize({ width: 1920, height: 1080 });
    expect(await page.locator('.react-flow__node-step').count()).toBe(11);

    // The Delete key in the graph asks the same question.
    await node(page, 'The green dome').click();
    await page.keyboard.press('Delete');
    const again = page.getByRole('dialog', { name: 'Delete this step?' });
    await again.waitFor();
    expect(await again.getByRole('list', { name: 'Affected' }).innerText()).toContain('At the gate of the Hofburg no longer requires The green dome');
    await again.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.locator('.react-flow__node-step').count()).toBe(10);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.locator('.react-flow__node-step').count()).toBe(11);
  });

  it('shows requirements as chips and adds one with a search', async () => {
    const page = studio.page;
    await node(page, 'The volunteer').click();
    const chips = page.getByRole('list', { name: 'Requirements' });
    await expect.poll(() => chips.locator('li').allInnerTexts()).toEqual([
      expect.stringContaining('At the gate of the Hofburg'),
      expect.stringContaining('Count the parade'),
      expect.stringContaining('The year of the plague'),
    ]);
    const search = page.getByRole('combobox', { name: 'Add a required step' });
    await search.fill('dome');
    await page.getByRole('option', { name: /The green dome/ }).waitFor();
    await search.press('Enter');
    await expect.poll(() => chips.locator('li').count()).toBe(4);
    await chips.getByRole('button', { name: 'Remove requirement The green dome' }).click();
    await expect.poll(() => chips.locator('li').count()).toBe(3);
  });

  it('routes edges around steps, highlights the selected step\'s connections and has large handles', async () => {
    const page = studio.page;
    await page.getByRole('button', { name: 'Tidy layout' }).click();
    await page.locator('.react-flow__controls-fitview').click();
    const underSteps = await page.evaluate(() => {
      const rects = new Map<string, DOMRect>();
      for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node-step')) rects.set(el.dataset.id!, el.getBoundingClientRect());
      const bad: string[] = [];
      for (const g of document.querySelectorAll<SVGGElement>('.react-flow__edge')) {
        const id = g.getAttribute('data-id') ?? g.getAttribute('data-testid')?.replace('rf__edge-', '') ?? '';
        const [from, to] = id.slice(1).split('-');
        const path = g.querySelector<SVGPathElement>('path.react-flow__edge-path')!;
        const ctm = path.getScreenCTM()!;
        const len = path.getTotalLength();
        for (let l = 0; l <= len; l += 4) {
          const p = path.getPointAtLength(l);
          const s = new DOMPoint(p.x, p.y).matrixTransform(ctm);
          for (const [nid, r] of rects) {
            if (nid === `s${from}` || nid === `s${to}`) continue;
            if (s.x > r.left + 1 && s.x < r.right - 1 && s.y > r.top + 1 && s.y < r.bottom - 1) bad.push(`${id} under ${nid}`);
          }
        }
      }
      return [...new Set(bad)];
    });
    expect(underSteps).toEqual([]);

    await node(page, 'Find where Mozart lived').click();
    // In: the cathedral; out: Moving day.
    await expect.poll(() => page.locator('.react-flow__edge.edge-connected').count()).toBe(2);
    expect(await page.locator('.react-flow__edge.edge-dimmed').count()).toBe(11);
    const handle = await page.locator('.react-flow__handle').first().evaluate((h) => parseFloat(getComputedStyle(h).width));
    expect(handle).toBeGreaterThanOrEqual(12);
  });

  it('keeps every step where it is after an edit; only "Tidy layout" rearranges', async () => {
    const page = studio.page;
    const before = await nodePositions(page);
    // Requiring a step two columns on would move this one in an automatic layout.
    await node(page, 'Find where Mozart lived').click();
    await page.getByRole('combobox', { name: 'Add a required step' }).fill('parade');
    await page.getByRole('option', { name: /Count the parade/ }).click();
    await expect.poll(edgeCount).toBe(14);
    expect(await nodePositions(page)).toEqual(before);
    await page.getByRole('button', { name: 'Tidy layout' }).click();
    await expect.poll(async () => (await nodePositions(page))['Find where Mozart lived']).not.toBe(before['Find where Mozart lived']);
  });

  it('speaks the designer\'s language and offers one-click fixes; a loop leads to Requires', async () => {
    const page = studio.page;
    const hunt = JSON.parse(readFileSync(join(process.cwd(), 'examples', 'old-town-walk.hunt.json'), 'utf8'));
    hunt.steps[1].requires = ['cathedrl'];
    writeFileSync(join(studio.dataDir, 'typo.hunt.json'), JSON.stringify(hunt, null, 2));
    await openFromDataFolder(page, 'typo.hunt.json');
    await expect.poll(() => problems(page)).toEqual([expect.stringContaining('“Look up at the roof” requires "cathedrl", which does not exist')]);
    const row = page.locator('.problem-row').first();
    expect(await row.innerText()).toContain('Step “Look up at the roof” › Requires');
    expect(await row.innerText()).not.toContain('/steps/');
    await page.locator('.react-flow__controls-fitview').click();
    await docShot(studio, 'editor-problems-1920');
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.locator('.react-flow__controls-fitview').click();
    await docShot(studio, 'editor-problems-1024');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await row.getByRole('button', { name: 'Use “Meet at the cathedral”' }).click();
    await expect.poll(() => problems(page)).toEqual([]);

    // An unused place: no file-format words, and a button that adds the step.
    await page.getByRole('button', { name: 'Venue plane', exact: true }).click();
    await page.getByRole('button', { name: '+ Place' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Fountain');
    await page.getByRole('button', { name: 'Steps graph', exact: true }).click();
    await expect.poll(() => problems(page)).toEqual([expect.stringContaining('“Fountain” is not used by any step')]);
    expect((await problems(page))[0]).not.toContain('"kind"');
    await page.getByRole('button', { name: 'Add a step there' }).click();
    await expect.poll(() => problems(page)).toEqual([]);
    await node(page, 'Reach Fountain').waitFor();

    // A loop: clicking the problem focuses Requires.
    const loop = JSON.parse(readFileSync(join(process.cwd(), 'examples', 'old-town-walk.hunt.json'), 'utf8'));
    loop.steps[0].requires = ['roof-eagle'];
    writeFileSync(join(studio.dataDir, 'loop.hunt.json'), JSON.stringify(loop, null, 2));
    await openFromDataFolder(page, 'loop.hunt.json');
    await expect.poll(async () => (await problems(page)).length).toBe(2);
    expect((await problems(page))[0]).toContain('loop of requirements (“Meet at the cathedral” needs “Look up at the roof” needs “Meet at the cathedral”)');
    await page.locator('.problem-list .problem').first().click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('step-field-requires');
  });

  it('labels the hint penalty visibly', async () => {
    const page = studio.page;
    await node(page, 'Look up at the roof').click();
    await page.getByRole('button', { name: 'Add hint' }).click();
    const penalty = page.getByLabel('Penalty (points)').last();
    expect(await penalty.inputValue()).toBe('10');
    expect(await page.getByText('Penalty (points)').last().isVisible()).toBe(true);
  });

  it('Open keeps the file\'s path and Save writes back to it without asking', async () => {
    const page = studio.page;
    const path = join(studio.dataDir, 'walk.hunt.json');
    writeFileSync(path, readFileSync(join(process.cwd(), 'examples', 'old-town-walk.hunt.json')));
    await openFromDataFolder(page, 'walk.hunt.json');
    await expect.poll(() => page.locator('.doc-path').innerText()).toBe(path);
    await page.getByLabel('Title', { exact: true }).fill('Vienna, revised');
    await saveInPlace(page);
    expect(await page.getByRole('dialog').filter({ hasText: 'Save hunt as' }).count()).toBe(0);
    expect(JSON.parse(readFileSync(path, 'utf8')).title).toBe('Vienna, revised');
    // The file is now in the Open dialog's recent list.
    await page.getByRole('button', { name: 'Open…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open a hunt' });
    await expect.poll(() => dialog.getByRole('region', { name: 'Recent' }).innerText()).toContain(path);
    await docShot(studio, 'editor-open-dialog-1920');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('keyboard: steps come before connections in the tab order, show a focus ring, Enter selects, C connects', async () => {
    const page = studio.page;
    await page.getByRole('button', { name: 'Tidy layout' }).focus();
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({ cls: document.activeElement?.className ?? '', id: (document.activeElement as HTMLElement)?.dataset.id }));
    expect(first.cls).toContain('react-flow__node-step');
    expect(first.id).toBe('s0');
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement!.querySelector('.step-node')!).outlineStyle);
    expect(ring).toBe('solid');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#step-form-title').innerText()).toBe('Step 1');
    for (let i = 1; i < 11; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => (document.activeElement as HTMLElement)?.dataset.id)).toBe(`s${i}`);
    }
    // Then the graph's own controls (zoom, legend), then the connections: never an edge before a step.
    let where: string | null = null;
    for (let i = 0; i < 8 && where !== 'Connections'; i++) {
      await page.keyboard.press('Tab');
      where = await page.evaluate(() => (document.activeElement?.closest('.react-flow__edge') ? 'edge' : (document.activeElement?.closest('ul')?.getAttribute('aria-label') ?? null)));
      expect(where).not.toBe('edge');
    }
    expect(where).toBe('Connections');
    await docShot(studio, 'editor-keyboard-1920');

    // Connect: C on "The clock on the bridge" (s4), then Enter on "Moving day" (s3).
    const edges = await edgeCount();
    await page.locator('.react-flow__node-step[data-id="s4"]').focus();
    await page.keyboard.press('c');
    await page.getByRole('status').filter({ hasText: 'Connecting from “The clock on the bridge”' }).waitFor();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect.poll(edgeCount).toBe(edges + 1);
    await node(page, 'Moving day').click();
    await expect.poll(() => page.getByRole('list', { name: 'Requirements' }).innerText()).toContain('The clock on the bridge');
  });

  it('holds its layout at 1024 × 700 and 1920 × 1080', async () => {
    const page = studio.page;
    await openExample(page);
    for (const size of [
      { width: 1024, height: 700 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      await page.locator('.react-flow__controls-fitview').click();
      const clipped = await page.evaluate(() => {
        const out: string[] = [];
        const vw = document.documentElement.clientWidth;
        for (const el of document.querySelectorAll<HTMLElement>('.subbar button, .subbar label, .header button')) {
          const r = el.getBoundingClientRect();
          const bar = el.closest('.subbar, .header')!.getBoundingClientRect();
          if (r.right > Math.min(vw, bar.right) + 0.5 || r.bottom > bar.bottom + 0.5 || el.scrollWidth > el.clientWidth + 1) out.push(el.textContent ?? '');
        }
        return out;
      });
      expect(clipped).toEqual([]);
      const problemsBox = await page.locator('.problems').boundingBox();
      const sidebar = await page.locator('.sidebar').boundingBox();
      expect(problemsBox!.y + problemsBox!.height).toBeLessThanOrEqual(size.height + 0.5);
      expect(problemsBox!.x + problemsBox!.width).toBeLessThanOrEqual(sidebar!.x + 0.5);
      await docShot(studio, `editor-example-${size.width}`);
    }
    expect(studio.errors).toEqual([]);
  });
});
