// V8's heap growing factor for a process that runs durable replays and live feeds.
//
// V8 collects an old generation once it has grown by a factor of what the last full
// collection left, and picks that factor itself: small (about 1.1–1.4) for a heap with
// a cap under 1 GB, like the participant workers' (engine/runtime, sized from the
// population). Workers holding 50k participants each then ran a full collection about
// once a second, marking the whole population every time. A fixed factor of 2 halves
// that (20 → 8–9 full collections a worker in the 1M-event, 100k-participant ingest) and
// leaves peak RSS as it was or lower, since the collections it saves were the ones
// that freed the least. Measured (bench/runtime.bench.ts, 2 cores, W = 2, 100k participants):
//   - 1M events (a join burst): 81–86k → 90–96k events/s, p99 event-to-commit 65–70 → 50–58 ms;
//   - 10M events: 114.2k → 123.4k events/s, p99 41.7 → 37.7 ms, peak RSS 1,024 → 866 MiB.
//
// The setting is V8's and process-wide (every isolate, every thread), so it is set once,
// when the first durable replay of the process starts, and only if the user did not
// choose a value of their own. A simulation does not set it: its memory budget is tuned
// with V8's own factor (host/sim/heap.ts), and `hunt simulate` never runs a replay. The
// studio runs both in one process: a simulation started there after a replay has this
// factor too, within the same heap caps.
import { setFlagsFromString } from 'node:v8';
import type { RunKind } from '../../db/runs';

export const REPLAY_HEAP_GROWING_PERCENT = 100;

/** The flag to set in a process started with `execArgv`, or null when the user set one. */
export function heapGrowthFlag(execArgv: readonly string[]): string | null {
  if (execArgv.some((a) => /^--heap[-_]growing[-_]percent(=|$)/.test(a))) return null;
  return `--heap-growing-percent=${REPLAY_HEAP_GROWING_PERCENT}`;
}

let applied = false;

/**
 * Sets the replay heap growing factor in this process (once) when a durable run of this
 * kind starts: every kind but a simulation, which keeps V8's own (see above).
 */
export function useReplayHeapGrowth(kind: RunKind): void {
  if (kind === 'simulation' || applied) return;
  applied = true;
  const flag = heapGrowthFlag(process.execArgv);
  if (flag) setFlagsFromString(flag);
}
