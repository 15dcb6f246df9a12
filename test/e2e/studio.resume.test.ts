// End-to-end: a simulation interrupted by a killed process (the command line, killed
// with SIGKILL while it stores events in the studio's database) shows as interrupted
// in the runs list; Resume continues it with its progress in the list, and Cancel
// stops it like any long work. The studio starts with a new hunt in the editor, so the
// debugger can only draw the run's graph from the hunt stored with the run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStudio, REPO_ROOT, type Studio } from './studioSession';
import { shownNumber, waitWhileProgressing } from './waitWhileProgressing';

let studio: Studio;
beforeAll(async () => {
  studio = await openStudio({ hunt: null });
});
afterAll(async () => {
  await studio?.close();
});

/** `hunt simulate` on the studio's database, killed once it has stored some events. */
async function interruptedSimulation(dbFile: string, name: string): Promise<void> {
  const hunt = join(REPO_ROOT, 'examples', 'old-town-walk.hunt.json');
  // Large enough that resuming it takes a while (its progress can be seen and cancelled).
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'hunt.mjs'), 'simulate', hunt, '--participants', '30000', '--seed', '3', '--workers', '1', '--db', dbFile], {
    stdio: 'ignore',
  });
  let gone: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      gone = code;
      resolve();
    }),
  );
  const stored = () => {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    const events = (db.prepare('SELECT max(events) FROM runs WHERE kind = ?').pluck().get('simulation') as number | null) ?? 0;
    db.close();
    return events;
  };
  await waitWhileProgressing({
    what: 'the command line has stored 20,000 events',
    done: async () => {
      if (gone !== undefined) throw new Error(`hunt simulate exited (${gone}) before it was killed`);
      return stored() > 20_000;
    },
    progress: async () => stored(),
  });
  child.kill('SIGKILL');
  await exited;
  const db = new Database(dbFile);
  db.prepare('UPDATE runs SET name = ? WHERE id = (SELECT max(id) FROM runs)').run(name);
  db.close();
}

describe('resuming an interrupted run', () => {
  it('shows the interrupted run with a Resume action; resuming shows progress and can be cancelled', async () => {
    const page = studio.page;
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Runs & Debugger' }).click();
    await page.getByText('No runs yet').waitFor();
    await interruptedSimulation(join(studio.dataDir, 'studio.db'), 'killed mid-run');
    // As after a crash: a host opening the database marks the runs of processes that are gone as interrupted.
    await studio.restartHost();
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Runs & Debugger' }).click();
    const list = page.getByRole('list', { name: 'Stored runs' });
    const item = list.getByRole('listitem').filter({ hasText: 'killed mid-run' });
    await item.locator('.pill', { hasText: 'interrupted' }).waitFor();
    await studio.shot('runs-interrupted');

    await page.getByRole('button', { name: 'Resume run killed mid-run' }).click();
    await item.locator('.pill', { hasText: 'running' }).waitFor();
    const bar = page.getByRole('progressbar', { name: 'Progress of killed mid-run' });
    await bar.waitFor();
    // The count moves while it runs.
    const count = async () => shownNumber(await bar.getAttribute('aria-valuetext'));
    const first = await count();
    // It counts from its last checkpoint, so the count shown (the stored one until then) moves
    // only once it passes it; the virtual time beside it moves from the start.
    await waitWhileProgressing({ what: `the resumed run counts past ${first} events`, done: async () => (await count()) > first, progress: () => item.locator('.run-progress').allInnerTexts() });
    await studio.shot('runs-resuming');
    expect(await page.getByRole('button', { name: 'Resume run killed mid-run' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Cancel run killed mid-run' }).click();
    await item.locator('.pill', { hasText: 'cancelled' }).waitFor();
    expect(await bar.count()).toBe(0);
    expect(await studio.unnamedControls()).toEqual([]);

    // The debugger draws the run's own hunt (the editor holds another one): its steps and arrows.
    await item.getByRole('button', { name: 'killed mid-run', exact: true }).click();
    const graph = page.locator('.graph-panel');
    await graph.getByText('Look up at the roof').waitFor();
    await expect.poll(() => graph.locator('.react-flow__edge').count()).toBeGreaterThan(5);
    await page.locator('.ptable-row button').first().waitFor();
    await expect.poll(() => page.locator('.density').getAttribute('aria-label')).toMatch(/^Event density by event number: \d+ events/);
    await studio.shot('debugger-stored-hunt');
    expect(studio.errors).toEqual([]);
  });
});
