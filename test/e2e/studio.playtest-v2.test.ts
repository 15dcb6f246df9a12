// End-to-end: playtest the hunt/2 example (Museum Night Quest) inside the studio:
// choose, submit a photo and a text, act as the organiser (reject then accept a photo,
// adjust the score, extend the time), wait for a step that opens later; then open the
// stored run in the debugger and inspect the participant's hunt/2 state. Screenshots of
// the playtest and the inspector at 1024x700 and 1920x1080 go to test-results/studio/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openStudio, REPO_ROOT, type Studio } from './studioSession';
import { openExample } from './editorSteps';

let studio: Studio;
beforeAll(async () => {
  studio = await openStudio({ hunt: join(REPO_ROOT, 'examples', 'museum-night.hunt.json'), viewport: { width: 1024, height: 700 } });
});
afterAll(async () => {
  await studio?.close();
});

const card = (page: Page, title: string) => page.getByLabel(`Step ${title}`, { exact: true });
const statusOf = (page: Page, title: string) => card(page, title).locator('.pill').first().innerText();

/** `show` brings what the screenshot is about into view after each resize. */
async function shotsAtBothSizes(name: string, show: () => Promise<void>): Promise<void> {
  for (const [w, h] of [
    [1024, 700],
    [1920, 1080],
  ]) {
    await studio.page.setViewportSize({ width: w, height: h });
    await show();
    await studio.shot(`${name}-${w}x${h}`);
  }
  await studio.page.setViewportSize({ width: 1024, height: 700 });
}

describe('studio playtest of a hunt/2 hunt', () => {
  it('chooses, submits, judges as the organiser, adjusts, extends and waits for an opening', async () => {
    const page = studio.page;
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Playtest' }).click();
    await page.getByLabel('Participant id').fill('tester');
    await page.getByRole('button', { name: 'Join the hunt' }).click();
    await page.getByTestId('playtest-status').waitFor();
    // The rotation order and the deadline are shown from the join.
    await page.getByRole('list', { name: 'Rotation order in galleries' }).waitFor();
    expect(await page.getByRole('list', { name: 'Rotation order in galleries' }).innerText()).toMatch(/Find the sculpture court[\s\S]*The globe in the map room[\s\S]*The Infanta/);
    expect(await page.getByTestId('hunt-deadline').innerText()).toBe('1:30:00');

    // Choose: a wrong option, then the right one.
    const welcome = card(page, 'Welcome question');
    await welcome.getByRole('group', { name: 'Choices for Welcome question' }).getByRole('button', { name: '1801' }).click();
    await expect.poll(() => welcome.innerText()).toContain('1 wrong');
    await page.getByRole('button', { name: '+10 s' }).click();
    await welcome.getByRole('button', { name: '1891' }).click();
    await expect.poll(() => statusOf(page, 'Welcome question')).toBe('solved');

    // As the organiser: a bonus and extra time.
    const organiser = page.getByRole('region', { name: 'Act as the organiser' });
    await organiser.getByLabel('Adjustment points').fill('10');
    await organiser.getByLabel('Reason for the adjustment').fill('helped the guard');
    await organiser.getByRole('button', { name: 'Adjust score' }).click();
    await expect.poll(() => page.getByTestId('adjustments').innerText()).toBe('+10 pts');
    await organiser.getByLabel('Extra minutes').fill('10');
    await organiser.getByRole('button', { name: 'Extend time' }).click();
    await expect.poll(() => page.getByTestId('hunt-deadline').innerText()).toBe('1:40:00 (extended by 10:00)');

    // The first gallery of the rotation, then the second, open the riddle.
    await page.getByRole('button', { name: '+1 min' }).click();
    await page.getByRole('button', { name: /^Place Sculpture court/ }).dispatchEvent('pointerdown');
    await expect.poll(() => statusOf(page, 'Find the sculpture court')).toBe('solved');
    const mapRoom = card(page, 'The globe in the map room');
    await mapRoom.getByLabel('Code for The globe in the map room').fill('MERCATOR');
    await mapRoom.getByRole('button', { name: 'Scan' }).click();
    await expect.poll(() => statusOf(page, 'The keeper’s riddle'.replace('’', "'"))).toBe('available');
    const riddle = card(page, "The keeper's riddle");
    expect(await riddle.getByTestId('pt-window-riddle').innerText()).toMatch(/deadline 16:10/);
    await riddle.getByLabel("Answer for The keeper's riddle").fill('a clock');
    await riddle.getByRole('button', { name: 'Answer' }).click();
    await expect.poll(() => statusOf(page, "The keeper's riddle")).toBe('solved');

    // A photo for the judged step: rejected once by the organiser, then accepted with 80 points.
    const selfie = card(page, 'A photo with the curator');
    await selfie.getByLabel('Photo for A photo with the curator').setInputFiles({ name: 'team-and-curator.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xd9]) });
    await expect.poll(() => statusOf(page, 'A photo with the curator')).toBe('pending');
    expect(await selfie.getByTestId('pt-pending-curator-selfie').innerText()).toContain('team-and-curator.jpg');
    await selfie.getByRole('group', { name: 'Judge A photo with the curator as the organiser' }).getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => statusOf(page, 'A photo with the curator')).toBe('available');
    expect(await selfie.innerText()).toContain('1 wrong');
    await selfie.getByLabel('Submission for A photo with the curator').fill('photos/second-try.jpg');
    await selfie.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => statusOf(page, 'A photo with the curator')).toBe('pending');
    await selfie.getByLabel('Points for A photo with the curator').fill('80');
    await selfie.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => statusOf(page, 'A photo with the curator')).toBe('solved');
    expect(await selfie.innerText()).toContain('70/80 pts'); // 80 accepted − 10 for the rejected attempt

    // The terrace opens at 30:00: wait for it.
    const terrace = card(page, 'Up to the dome terrace');
    expect(await terrace.innerText()).toContain('opens at 30:00');
    await terrace.getByRole('button', { name: 'Wait until it opens' }).click();
    await expect.poll(() => statusOf(page, 'Up to the dome terrace')).toBe('available');
    expect(await page.locator('.clock-time').innerText()).toBe('30:00');

    // A bonus haiku, left for the organiser: pending.
    const haiku = card(page, 'Bonus: a museum haiku');
    await haiku.getByLabel('Submission for Bonus: a museum haiku').fill('Dome of quiet stars / the guard hums an old waltz');
    await haiku.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => statusOf(page, 'Bonus: a museum haiku')).toBe('pending');

    // Every organiser line says who wrote it; nothing was rejected.
    const sent = await page.locator('.event-list li').allInnerTexts();
    const organiserLines = sent.filter((s) => /"type":"(judge|adjust|extend)"/.test(s));
    expect(organiserLines).toHaveLength(4);
    expect(organiserLines.every((s) => s.includes('"by":"organiser"'))).toBe(true);
    expect(sent.every((s) => s.includes('applied'))).toBe(true);
    expect(await page.locator('.score').first().innerText()).toBe(`${40 + 10 + 100 + 100 + 150 + 70} pts`);
    // The pending haiku with the organiser's judging controls in view.
    await shotsAtBothSizes('playtest-v2', () => haiku.getByRole('group', { name: 'Judge Bonus: a museum haiku as the organiser' }).scrollIntoViewIfNeeded());
    expect(await studio.unnamedControls()).toEqual([]);
    expect(studio.errors).toEqual([]);
  });

  it('shows the stored playtest in the debugger: pending submission, windows, rotation, corrections', async () => {
    const page = studio.page;
    await page.getByRole('button', { name: 'End session' }).click();
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Runs & Debugger', exact: true }).click();
    await page.getByRole('list', { name: 'Stored runs' }).getByRole('button', { name: 'playtest: tester', exact: true }).click();
    await page.getByRole('slider', { name: "Scrub through the run's events" }).waitFor();
    await page.getByRole('button', { name: 'Inspect participant tester' }).click();
    const inspector = page.locator('.inspector');
    await expect.poll(() => inspector.locator('h2').innerText()).toContain('tester');
    const pending = inspector.getByRole('region', { name: 'Pending submissions' });
    await pending.waitFor();
    expect(await pending.innerText()).toContain('Dome of quiet stars');
    expect(await inspector.getByTestId('adjustments').innerText()).toBe('+10 pts');
    expect(await inspector.getByTestId('hunt-deadline').innerText()).toBe('1:40:00 (extended by 10:00)');
    expect(await inspector.getByRole('list', { name: 'Rotation order in galleries' }).innerText()).toContain('Find the sculpture court');
    expect(await inspector.getByTestId('window-dome-terrace').innerText()).toBe('opens 30:00 · closes 1:20:00 · fails at 1:20:00 unless done');
    await shotsAtBothSizes('inspector-v2', () => inspector.evaluate((el) => el.scrollIntoView({ block: 'start' })));
    expect(studio.errors).toEqual([]);
  });

  it('lists the example in the examples gallery and opens it: its eleven steps and its rotation group', async () => {
    const page = studio.page;
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Editor', exact: true }).click();
    await openExample(page, 'Museum Night Quest');
    // Its rotation group is drawn as a group around the three galleries.
    await expect.poll(() => page.locator('.react-flow__node-step').count()).toBe(11);
    expect(await page.locator('.react-flow__node-rotation').innerText()).toContain('Rotation galleries');
    expect(studio.errors).toEqual([]);
  });
});
