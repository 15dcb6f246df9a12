// The single-thread reference the store is checked against: the engine's own
// replay, fed the first `events` non-blank lines.
import { compileHunt } from '../../../engine/hunt/compile';
import type { Hunt } from '../../../engine/hunt/schema';
import { LineReplayer } from '../../../engine/replay/replay';
import type { ParticipantState } from '../../../engine/rules';

/** Every participant's state after the first `events` non-blank lines, deadlines applied up to the clock then. */
export function referenceStatesAt(hunt: Hunt, lines: readonly string[], events: number): Map<string, ParticipantState> {
  const replayer = new LineReplayer(compileHunt(hunt));
  for (const line of lines) {
    if (replayer.events >= events) break;
    replayer.feed(line);
  }
  replayer.table.finalize(replayer.front.clock);
  const out = new Map<string, ParticipantState>();
  for (const id of replayer.table.ids()) out.set(id, replayer.table.inspect(id)!);
  return out;
}
