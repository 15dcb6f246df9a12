// Where a re-score's lines come from: a log file (streamed, blank lines counted as the
// engine counts them) or a stored run (its events with their own line numbers, and its
// own hunt as the old one unless another is given).
import type { Db } from '../../db/open';
import { getRun } from '../../db/runs';
import { loadHuntVersion } from '../../db/hunts';
import { iterateEvents } from '../../db/events';
import type { Hunt } from '../../engine/hunt/schema';
import { compileHunt } from '../../engine/hunt/compile';
import { rescoreLog, type NumberedLine, type Rescore } from '../../engine/whatif/rescore';
import { eachLine, fileSource } from '../store/source';
import { requireValidHunt } from '../sim/run';

async function* numbered(lines: AsyncIterable<string>): AsyncGenerator<NumberedLine> {
  let line = 0;
  for await (const text of lines) yield { line: ++line, text };
}

export function rescoreFile(oldHunt: Hunt, newHunt: Hunt, path: string): Promise<Rescore> {
  return rescoreLog(compileHunt(requireValidHunt(oldHunt)), compileHunt(requireValidHunt(newHunt)), numbered(eachLine(fileSource(path).open(1))));
}

/** The hunt a stored run was played with. Throws naming the run when it or its hunt is missing. */
export function storedRunHunt(db: Db, runId: number): Hunt {
  const run = getRun(db, runId);
  if (!run) throw new Error(`run ${runId}: no such run`);
  const hunt = loadHuntVersion(db, run.huntVersion);
  if (hunt === null) throw new Error(`run ${runId}: its hunt version ${run.huntVersion} is missing from the database`);
  return requireValidHunt(hunt);
}

export function rescoreStoredRun(db: Db, runId: number, newHunt: Hunt, oldHunt?: Hunt): Promise<Rescore> {
  const old = oldHunt ? requireValidHunt(oldHunt) : storedRunHunt(db, runId);
  function* lines(): Generator<NumberedLine> {
    for (const e of iterateEvents(db, runId)) yield { line: e.line, text: e.raw };
  }
  return rescoreLog(compileHunt(old), compileHunt(requireValidHunt(newHunt)), lines());
}
