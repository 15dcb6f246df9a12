// How the end-to-end tests wait on a busy machine (a user's laptop, a CI runner, a
// load average of 18): for a condition, never for a fixed time, and as long as the work
// behind it still moves. A simulation that is still advancing is not a failure; one
// whose progress has not changed for a long while is, and the error says what stood
// still and at what value.
import type { Page } from 'playwright-core';

/**
 * How long work may take to show its first progress: starting a run's threads (each
 * loads the engine) takes minutes when the machine is loaded (docs/studio-hosts.md, Tests).
 */
export const START_MS = 300_000;
/** Once it has moved, how long nothing may move before a wait fails. */
export const STALL_MS = 120_000;
/** The most any one wait may take, moving or not. vitest.e2e.config.ts's testTimeout is above it. */
export const LIMIT_MS = 600_000;
/** How often the condition is checked. */
const CHECK_EVERY_MS = 250;

export type ProgressWait = {
  /** What is awaited, for the error message ("the simulation completes"). */
  what: string;
  /** True once the wait is over. It may throw to fail at once (the run failed). */
  done: () => Promise<boolean>;
  /**
   * A reading of the work's progress (an event count); any change restarts the stall clock.
   * Without one, the wait lasts up to startMs.
   */
  progress?: () => Promise<unknown>;
  startMs?: number;
  stallMs?: number;
  limitMs?: number;
};

export async function waitWhileProgressing({ what, done, progress, startMs = START_MS, stallMs = STALL_MS, limitMs = LIMIT_MS }: ProgressWait): Promise<void> {
  const started = Date.now();
  let moved: number | null = null;
  let last = progress ? JSON.stringify(await progress()) : undefined;
  for (;;) {
    if (await done()) return;
    const now = Date.now();
    if (progress) {
      const reading = JSON.stringify(await progress());
      if (reading !== last) {
        last = reading;
        moved = now;
      }
    }
    const at = last === undefined ? '' : ` (progress stayed at ${last})`;
    if (moved === null && now - started > startMs) {
      throw new Error(`waiting until ${what}: ${progress ? 'nothing moved' : 'not done'} for ${Math.round(startMs / 1000)} s${at}`);
    }
    if (moved !== null && now - moved > stallMs) throw new Error(`waiting until ${what}: nothing moved for ${Math.round(stallMs / 1000)} s${at}`);
    if (now - started > limitMs) throw new Error(`waiting until ${what}: still not done after ${Math.round(limitMs / 1000)} s${at}`);
    await new Promise((resolve) => setTimeout(resolve, CHECK_EVERY_MS));
  }
}

/** A number shown on the page ("12,345 events") as a number, 0 when there is none yet. */
export function shownNumber(text: string | null): number {
  const digits = (text ?? '').replace(/[^0-9]/g, '');
  return digits === '' ? 0 : Number(digits);
}

/**
 * Waits until the Simulate screen's run is completed and shows its final figures (a read
 * made during the run can answer after it ended), for as long as its event count still moves.
 */
export function simulationCompletes(page: Page, what: string): Promise<void> {
  return waitWhileProgressing({
    what,
    done: async () => (await page.locator('.body .pill', { hasText: 'completed' }).count()) > 0 && (await page.locator('.charts[data-figures="final"]').count()) > 0,
    progress: () => page.locator('.stat', { hasText: 'Events' }).first().locator('.value').allInnerTexts(),
  });
}
