// Runs are throughput work; the studio's page, the host's main thread and the seeks
// are interactive. On Linux a thread's nice value is its own and is inherited by the
// threads it starts, so a run thread that lowers its own priority before it starts
// the pipeline puts the pipeline's shard workers, writer thread and generator at the
// same lower priority: when the machine is busy, the page and the seeks get the CPU
// first; when it is idle, the run goes as fast as before (nice only matters under
// contention). Elsewhere (or if refused) nothing changes.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The nice value of run threads: well below interactive work, far from idle-only. */
export const RUN_THREAD_NICE = 10;

/** Lowers the calling thread's priority; returns whether it could. */
export function lowerThisThreadPriority(nice = RUN_THREAD_NICE): boolean {
  if (process.platform !== 'linux') return false;
  try {
    // "/proc/thread-self" links to "<pid>/task/<tid>": setpriority on a thread id changes that thread only.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
