// The console with 2,000 teams: the leaderboard and the lists stay virtualised (a few
// dozen rows in the page, not thousands), a search finds a team among them, choosing it
// opens its panel, and the page's main thread is not blocked for long while the live
// state is polled and the board scrolled. Teams join over HTTP from many loopback
// addresses (the per-address rate limit is one venue phone's; 127.0.0.0/8 is all loopback).
// Figures (long tasks, console.state size and time) are printed for the report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIVE_HUNT_V2, tempDir } from '../host/live/fixtures';
import { openStudio, type Studio } from './studioSession';
import { traceMainThreadTasks } from './mainThreadTasks';

const TEAMS = 2000;
const PER_ADDRESS = 50;

let studio: Studio;
beforeAll(async () => {
  const file = join(tempDir(), 'judged.hunt.json');
  writeFileSync(file, JSON.stringify(LIVE_HUNT_V2));
  studio = await openStudio({ hunt: file, viewport: { width: 1920, height: 1080 } });
});
afterAll(async () => {
  await studio?.close();
});

function join1(port: number, code: string, team: string, localAddress: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ code, team });
    const req = request({ host: '127.0.0.1', port, path: '/play/join', method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the organiser\'s console at 2,000 teams', () => {
  it('stays virtualised and responsive', async () => {
    const page = studio.page;
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Live console' }).click();
    await page.getByLabel('Network interface').selectOption('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill('0');
    await page.locator('.go-live button[type=submit]').click();
    const url = await page.getByTestId('join-url').innerText();
    const { port, hash } = new URL(url);
    const code = hash.replace('#code=', '');

    const started = performance.now();
    const statuses: number[] = [];
    for (let i = 0; i < TEAMS; i += PER_ADDRESS) {
      const from = `127.0.${Math.floor(i / PER_ADDRESS / 250) + 1}.${(Math.floor(i / PER_ADDRESS) % 250) + 1}`;
      const batch = Array.from({ length: Math.min(PER_ADDRESS, TEAMS - i) }, (_, k) => join1(Number(port), code, `Team ${String(i + k + 1).padStart(4, '0')}`, from));
      statuses.push(...(await Promise.all(batch)));
    }
    const joinSec = (performance.now() - started) / 1000;
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    await expect.poll(() => page.locator('#board-title .count').innerText()).toBe(String(TEAMS));

    // Long tasks from here on: polling, scrolling the board, searching, choosing a team.
    const stopTracing = await traceMainThreadTasks(studio.browser, page);
    const rows = page.locator('.leaderboard .vlist .lb-row');
    const board = page.locator('.leaderboard .vlist');
    for (let k = 1; k <= 10; k++) {
      await board.evaluate((el, f) => (el.scrollTop = el.scrollHeight * f), k / 10);
      await page.waitForTimeout(0);
    }
    await expect.poll(() => rows.last().getAttribute('aria-label')).toMatch(/^2000\. Team/);
    expect(await rows.count()).toBeLessThan(80);
    await page.getByLabel('Find a team').fill('Team 1234');
    await expect.poll(() => rows.allInnerTexts()).toHaveLength(1);
    await rows.first().click();
    await expect.poll(() => page.locator('#team-title').innerText()).toMatch(/^Team 1234/);
    // A few polls of the whole state with the team chosen.
    const polls = () => page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/console.state')).length);
    const before = await polls();
    await expect.poll(polls, { timeout: 120_000 }).toBeGreaterThanOrEqual(before + 3);
    const tasks = await stopTracing();
    const figures = await page.evaluate(() => {
      const state = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/console.state')) as PerformanceResourceTiming[];
      const last = state.slice(-5);
      return {
        stateKb: Math.round(Math.max(...last.map((e) => e.decodedBodySize)) / 1024),
        stateMs: last.map((e) => Math.round(e.duration)),
        domNodes: document.querySelectorAll('*').length,
      };
    });
    await studio.shot('console-2000-teams-1920x1080');
    console.log(`console at ${TEAMS} teams: joined in ${joinSec.toFixed(1)} s; ${JSON.stringify({ ...tasks, ...figures })}`);
    // Two team choices of 2,000 options each are most of the page; the lists add a few dozen rows.
    expect(figures.domNodes).toBeLessThan(6000);
    // The state is a summary per team (about 200 bytes each), not every team's steps (1.9 MB before).
    expect(figures.stateKb).toBeLessThan(600);
    // The target: no main-thread task over 100 ms while polling, scrolling, searching and choosing
    // (none over 50 ms in three runs on the shared machine since the state is compact: docs/performance.md).
    expect(tasks.maxCpuMs).toBeLessThan(100);
    expect(studio.errors).toEqual([]);
  });
});
