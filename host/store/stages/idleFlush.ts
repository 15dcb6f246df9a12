// The pipeline's stall flush as an idle policy of its queue (engine/flow/boundedQueue):
// a consumer that has waited `ms` for its source is woken with { kind: 'idle' }, so a
// partial batch of a paused or single-stepped simulation or a slow live feed is
// processed and committed without waiting for the batch to fill.
import type { IdlePolicy } from '../../../engine/flow/boundedQueue';

/** How long a partial batch may wait for its source before it is processed anyway. */
export const STALL_FLUSH_MS = 100;

export function idleFlush(ms: number = STALL_FLUSH_MS): IdlePolicy {
  return {
    arm(fire) {
      const timer = setTimeout(fire, ms);
      // A stalled source must not keep the process alive on its own.
      timer.unref?.();
      return () => clearTimeout(timer);
    },
  };
}
