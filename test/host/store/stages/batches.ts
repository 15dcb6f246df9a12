// Batches as the check stage makes them, for the stage tests.
import type { RunBatch } from '../../../../host/store/runBatch';
import { LogChecks } from '../../../../host/store/stages/check';
import { SYNTHETIC_HUNT } from '../../../engine/runtime/harness';

/** The log's lines checked into batches of `size` (the last one partial), each with the log clock after it. */
export async function batchesOf(lines: string[], size: number, measure = false): Promise<RunBatch[]> {
  const checks = new LogChecks(SYNTHETIC_HUNT.format, 0, 0, 0);
  const out: RunBatch[] = [];
  const more = await checks.addItem(lines, checks.batch(size, measure), measure, async (full) => {
    full.clock = checks.front.clock;
    out.push(full);
    return checks.batch(size, measure);
  });
  if (more && more.length > 0) {
    more.clock = checks.front.clock;
    out.push(more);
  }
  return out;
}

/** The seqs of the rows a batch sends to the participants, read from its LineBatch's seq column. */
export function shardSeqs(b: RunBatch): number[] {
  const seq = b.lines.seq;
  return b.shardIndex.map((i) => seq[i]);
}
