// End-to-end: editing hunt/2 in the studio (issue 19): the lossless upgrade of a v1 file,
// every v2 field in the form (requirement items, optional, finish step, opening and closing
// times, rotation groups, choice and judged steps) checked in the saved file, the graph's
// kinds of edge, legend and rotation group, and a v2 file that round-trips unchanged.
// The host validates hunt/2 only once the v2 engine is in, so no test here asserts "no problems".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStudio, type Studio } from './studioSession';
import { docShot, node, openFromDataFolder, saveInPlace } from './editorSteps';

let studio: Studio;
beforeAll(async () => {
  studio = await openStudio({ hunt: null, viewport: { width: 1920, height: 1080 } });
});
afterAll(async () => {
  await studio?.close();
});

const EXAMPLE = join(process.cwd(), 'examples', 'old-town-walk.hunt.json');
const saved = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/** A hunt/2 file using every v2 field (and some v1 ones), to check the editor keeps all of it. */
const V2_HUNT = {
  format: 'hunt/2',
  id: 'museum-night',
  title: 'Museum night',
  timeLimitSec: 5400,
  wrongAnswerPenalty: 5,
  finishStep: 'finale',
  groups: [{ id: 'galleries', steps: ['east-wing', 'west-wing'], order: 'rotate' }],
  locations: [{ id: 'hall', name: 'Great hall', lat: 48.2, lon: 16.37, radiusM: 30 }],
  steps: [
    { id: 'welcome', title: 'Welcome desk', kind: 'location', location: 'hall' },
    { id: 'east-wing', title: 'East wing riddle', kind: 'answer', prompt: 'Which painter?', answers: ['Klimt'], requires: ['welcome'], hints: [{ text: 'Gold', penalty: 10 }] },
    { id: 'west-wing', title: 'West wing code', kind: 'code', code: 'W-7', requires: [{ solved: 'welcome' }], opensAtSec: 600 },
    { id: 'quiz', title: 'Quick quiz', kind: 'choice', prompt: 'How old is the museum?', choices: ['50', '150', '250'], correct: [1], maxAttempts: 2, requires: [{ anyOf: ['east-wing', 'west-wing'], count: 1 }] },
    { id: 'selfie', title: 'Selfie with the statue', kind: 'judged', prompt: 'A photo of your team with the statue', optional: true, closesAtSec: 3600, requires: [{ score: 100 }] },
    { id: 'detour', title: 'Ask a guard', kind: 'answer', prompt: 'What did the guard say?', answers: ['hello'], requires: [{ failed: 'quiz' }], optional: true },
    { id: 'finale', title: 'Finale', kind: 'code', code: 'END', points: 200, requires: ['quiz', { anyOf: ['selfie', 'detour', 'east-wing'], count: 2 }] },
  ],
};

describe('studio editor, hunt/2', () => {
  it('upgrades a v1 hunt to hunt/2 losing nothing', async () => {
    const page = studio.page;
    const path = join(studio.dataDir, 'walk-v1.hunt.json');
    writeFileSync(path, readFileSync(EXAMPLE));
    await openFromDataFolder(page, 'walk-v1.hunt.json');
    // A v1 file offers v1's kinds only.
    expect(await page.getByRole('button', { name: '+ Choice' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Upgrade to hunt/2' }).click();
    await page.getByRole('button', { name: '+ Choice' }).waitFor();
    await saveInPlace(page);
    const original = saved(EXAMPLE);
    expect(saved(path)).toEqual({ ...original, format: 'hunt/2' });
    expect(Object.keys(saved(path))).toEqual(Object.keys(original));
  });

  it('edits every v2 field in the form and saves them', async () => {
    const page = studio.page;
    const path = join(studio.dataDir, 'walk-v1.hunt.json');

    // Requirement items on "Moving day": its requirement only when solved, any 1 of 2, a score.
    await node(page, 'Moving day').click();
    const chips = page.getByRole('list', { name: 'Requirements' });
    await chips.getByRole('combobox', { name: 'How Find where Mozart lived must end' }).selectOption('solved');
    await page.getByRole('button', { name: '+ Any of several' }).click();
    const anyOf = page.getByRole('combobox', { name: 'Add a step to requirement 2 (any of)' });
    await anyOf.fill('roof');
    await anyOf.press('Enter');
    await anyOf.fill('bridge');
    await anyOf.press('Enter');
    await page.getByRole('textbox', { name: 'How many of requirement 2 must be done' }).fill('2');
    await page.getByRole('button', { name: '+ Minimum score' }).click();
    await page.getByRole('textbox', { name: 'Minimum score of requirement 3' }).fill('50');
    // Optional, opening and closing times.
    await page.getByLabel('Opens at (s into the session)').fill('600');
    await page.getByLabel('Closes at (s)').fill('3600');
    await page.getByLabel('Optional (a bonus step, not needed to finish)').check();

    // "The volunteer's card" is the finish step; "Count the parade" is a detour for those who failed "Look up at the roof".
    await node(page, "The volunteer's card").click();
    await page.getByLabel('Finish step (the hunt ends when this step is done)').check();
    await node(page, 'Count the parade').click();
    await page.getByRole('combobox', { name: 'Add a required step' }).fill('roof');
    await page.getByRole('option', { name: /Look up at the roof/ }).click();
    await chips.getByRole('combobox', { name: 'How Look up at the roof must end' }).selectOption('failed');

    // A multiple-choice step and a judged step.
    await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
    await page.getByRole('button', { name: '+ Choice' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Which emperor?');
    await page.getByLabel('Question (prompt)').fill('Who built the Hofburg gate?');
    await page.getByRole('textbox', { name: 'Choice 1' }).fill('Franz Joseph');
    await page.getByRole('textbox', { name: 'Choice 2' }).fill('Maria Theresa');
    await page.getByRole('button', { name: 'Add choice' }).click();
    await page.getByRole('textbox', { name: 'Choice 3' }).fill('Joseph II');
    await page.locator('.choice-row').nth(0).getByRole('checkbox', { name: 'correct' }).uncheck();
    await page.locator('.choice-row').nth(2).getByRole('checkbox', { name: 'correct' }).check();
    await page.getByLabel('Max attempts').fill('2');
    await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
    await page.getByRole('button', { name: '+ Judged' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Team photo');
    await page.getByLabel('What to submit (prompt)').fill('A photo of your team at the gate');

    // A rotation group of two stations.
    await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
    await page.getByRole('button', { name: '+ Rotation group' }).click();
    const member = page.getByRole('combobox', { name: 'Add a step to group rotation-1' });
    await member.fill('Mozart lived');
    await member.press('Enter');
    await member.fill('bridge');
    await member.press('Enter');
    await page.getByLabel('Group 1 id').fill('old-town');
    await expect.poll(() => page.locator('.react-flow__node-rotation').count()).toBe(1);

    await saveInPlace(page);
    const hunt = saved(path);
    const step = (id: string) => hunt.steps.find((s: { id: string }) => s.id === id);
    expect(hunt.format).toBe('hunt/2');
    expect(step('mozart-year')).toMatchObject({
      requires: [{ solved: 'mozart-house' }, { anyOf: ['roof-eagle', 'anker-clock'], count: 2 }, { score: 50 }],
      opensAtSec: 600,
      closesAtSec: 3600,
      optional: true,
    });
    expect(hunt.finishStep).toBe('final-code');
    expect(step('clock-figures').requires).toEqual(['anker-clock', { failed: 'roof-eagle' }]);
    expect(hunt.steps[11]).toEqual({ id: 'step-12', title: 'Which emperor?', kind: 'choice', prompt: 'Who built the Hofburg gate?', choices: ['Franz Joseph', 'Maria Theresa', 'Joseph II'], correct: [2], maxAttempts: 2 });
    expect(hunt.steps[12]).toEqual({ id: 'step-13', title: 'Team photo', kind: 'judged', prompt: 'A photo of your team at the gate' });
    expect(hunt.groups).toEqual([{ id: 'old-town', steps: ['mozart-house', 'anker-clock'] }]);
    // Nothing else of the original changed.
    const original = saved(EXAMPLE);
    for (const s of original.steps) if (!['mozart-year', 'clock-figures'].includes(s.id)) expect(step(s.id)).toEqual(s);
    expect(hunt.locations).toEqual(original.locations);

    // The graph tells the requirement kinds apart and has a legend.
    await page.locator('.react-flow__controls-fitview').click();
    expect(await page.locator('.react-flow__edge.req-solved').count()).toBe(1);
    expect(await page.locator('.react-flow__edge.req-failed').count()).toBe(1);
    expect(await page.locator('.react-flow__edge.req-anyOf').count()).toBe(2);
    expect(await page.locator('.edge-label', { hasText: 'any 2 of 2' }).count()).toBe(2);
    const legend = await page.getByRole('list', { name: 'Legend' }).innerText();
    for (const word of ['only if solved', 'only if failed', 'any of several', 'optional', 'finish step', 'rotation group']) expect(legend).toContain(word);
    expect(await node(page, 'Moving day').innerText()).toContain('score ≥ 50');
    await docShot(studio, 'editor-v2-1920');
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.locator('.react-flow__controls-fitview').click();
    await docShot(studio, 'editor-v2-1024');
    await node(page, 'Moving day').click();
    await docShot(studio, 'editor-v2-step-1024');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await node(page, 'Moving day').click();
    await docShot(studio, 'editor-v2-step-1920');
  });

  it('round-trips a hunt/2 file with every v2 field: an edit changes only what was edited', async () => {
    const page = studio.page;
    const path = join(studio.dataDir, 'museum.hunt.json');
    writeFileSync(path, JSON.stringify(V2_HUNT, null, 2));
    await openFromDataFolder(page, 'museum.hunt.json');
    await node(page, 'Finale').waitFor();
    // Visit every step's form (each renders its v2 fields) and the hunt settings.
    for (const s of V2_HUNT.steps) await node(page, s.title).click();
    await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
    await page.getByLabel('Title', { exact: true }).fill('Museum night, v2');
    await saveInPlace(page);
    expect(saved(path)).toEqual({ ...V2_HUNT, title: 'Museum night, v2' });

    // Renaming and deleting steps keeps every kind of reference in step.
    await node(page, 'Quick quiz').click();
    await page.getByLabel('Id', { exact: true }).fill('quiz-1');
    await node(page, 'East wing riddle').click();
    await page.getByRole('button', { name: 'Delete step' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this step?' });
    expect(await dialog.getByRole('list', { name: 'Affected' }).locator('li').allInnerTexts()).toEqual([
      'Quick quiz no longer requires East wing riddle',
      'Finale no longer requires East wing riddle',
      'Rotation group galleries loses east-wing',
    ]);
    await docShot(studio, 'editor-v2-delete-confirm-1920');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await saveInPlace(page);
    const after = saved(path);
    expect(after.groups).toEqual([{ id: 'galleries', steps: ['west-wing'], order: 'rotate' }]);
    expect(after.steps.find((s: { id: string }) => s.id === 'quiz-1').requires).toEqual([{ anyOf: ['west-wing'], count: 1 }]);
    expect(after.steps.find((s: { id: string }) => s.id === 'detour').requires).toEqual([{ failed: 'quiz-1' }]);
    expect(after.steps.find((s: { id: string }) => s.id === 'finale').requires).toEqual(['quiz-1', { anyOf: ['selfie', 'detour'], count: 2 }]);
    expect(studio.errors).toEqual([]);
  });
});
