// The page's main-thread tasks over a stretch of a test, from Chromium's own trace: for each
// top-level task its wall time and its thread's CPU time. A long task in the browser's sense
// (PerformanceObserver 'longtask') is wall time, which on a busy machine (two e2e files and
// their hosts on two cores) includes time the thread waited for a core: a 40 ms render was
// seen as 110 ms. The CPU time is the work the page did, which a user's idle laptop sees as
// the wall time; responsiveness targets are asserted on it, and both are printed.
import type { Browser, Page } from 'playwright-core';

export type MainThreadTasks = {
  /** Tasks of 50 ms or more of wall time: what the page's PerformanceObserver calls long tasks. */
  longTasks: number;
  maxWallMs: number;
  /** The most CPU time any one task took on the page's main thread. */
  maxCpuMs: number;
  /** Tasks of 50 ms or more of CPU time. */
  longCpuTasks: number;
};

type TraceEvent = { ph: string; name: string; cat?: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } };

const LONG_MS = 50;

/** Starts tracing the browser; the returned function stops it and sums up the page's main-thread tasks. */
export async function traceMainThreadTasks(browser: Browser, page: Page): Promise<() => Promise<MainThreadTasks>> {
  await browser.startTracing(page, { categories: ['toplevel', '__metadata'] });
  return async () => summarise((JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents);
}

export function summarise(events: TraceEvent[]): MainThreadTasks {
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events
    .filter((e) => e.ph === 'X' && e.cat?.split(',').includes('toplevel') && mainThreads.has(`${e.pid}:${e.tid}`) && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts);
  if (tasks.length === 0) throw new Error('the trace has no top-level tasks of the page\'s main thread (is the category "toplevel" still traced?)');
  const out: MainThreadTasks = { longTasks: 0, maxWallMs: 0, maxCpuMs: 0, longCpuTasks: 0 };
  // Top-level events can nest (a task that runs a nested loop); only the outermost is a task.
  const endOf = new Map<string, number>();
  for (const t of tasks) {
    const thread = `${t.pid}:${t.tid}`;
    if (t.ts < (endOf.get(thread) ?? -Infinity)) continue;
    endOf.set(thread, t.ts + (t.dur ?? 0));
    const wallMs = (t.dur ?? 0) / 1000;
    const cpuMs = (t.tdur ?? t.dur ?? 0) / 1000;
    if (wallMs >= LONG_MS) out.longTasks++;
    if (cpuMs >= LONG_MS) out.longCpuTasks++;
    out.maxWallMs = Math.max(out.maxWallMs, wallMs);
    out.maxCpuMs = Math.max(out.maxCpuMs, cpuMs);
  }
  out.maxWallMs = Math.round(out.maxWallMs);
  out.maxCpuMs = Math.round(out.maxCpuMs);
  return out;
}
