// Single-thread reference for the runtime tests: LogFront and one ParticipantTable in
// this thread (engine-core's code), giving every line's verdict and the final result.
import { compileHunt } from '../../../engine/hunt/compile';
import type { Hunt } from '../../../engine/hunt/schema';
import { LogFront } from '../../../engine/log/front';
import type { RejectionReason, ReplayResult } from '../../../engine/log/types';
import { ParticipantTable } from '../../../engine/replay/participants';
import { replayLines } from '../../../engine/replay/replay';

export function referenceVerdicts(hunt: Hunt, lines: string[]): (RejectionReason | null)[] {
  const front = new LogFront(hunt.format);
  const table = new ParticipantTable(compileHunt(hunt));
  const out: (RejectionReason | null)[] = [];
  for (const line of lines) {
    const v = front.acceptLine(line);
    if (v === null) continue;
    out.push(v.ok ? table.apply(v.event) : v.reason);
  }
  return out;
}

export function referenceResult(hunt: Hunt, lines: string[]): Promise<ReplayResult> {
  return replayLines(compileHunt(hunt), lines);
}
