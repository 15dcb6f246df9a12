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

/** For a re-score run by a host that must keep answering (the studio): cancel, and lines done so far. */
export type RescorePacing = { signal?: AbortSignal; onLines?: (lines: number) => void };

/** Lines handed on between two turns of the event loop, so the host answers and a cancel is seen. */
const LINES_A_TURN = 2000;

async function* numbered(lines: AsyncIterable<string> | Iterable<string>): AsyncGenerator<NumberedLine> {
  let line = 0;
  for await (const text of lines) yield { line: ++line, text };
}

async function* paced(lines: AsyncIterable<NumberedLine> | Iterable<NumberedLine>, pacing: RescorePacing): AsyncGenerator<NumberedLine> {
  let n = 0;
  for await (const l of lines) {
    if (++n % LINES_A_TURN === 0) {
      pacing.onLines?.(n);
      await new Promise<void>((resolve) => setImmediate(resolve));
      pacing.signal?.throwIfAborted();
    }
    yield l;
  }
  pacing.onLines?.(n);
}

export function rescoreFile(oldHunt: Hunt, newHunt: Hunt, path: string, pacing: RescorePacing = {}): Promise<Rescore> {
  return rescoreLog(compileHunt(requireValidHunt(oldHunt)), compileHunt(requireValidHunt(newHunt)), paced(numbered(eachLine(fileSource(path).open(1))), pacing));
}

/** A log's text (the studio's "log file"): lines numbered from 1 as in the file, blank lines counted. */
export function rescoreText(oldHunt: Hunt, newHunt: Hunt, text: string, pacing: RescorePacing = {}): Promise<Rescore> {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop(); // the newline ending the last line
  return rescoreLog(compileHunt(requireValidHunt(oldHunt)), compileHunt(requireValidHunt(newHunt)), paced(numbered(lines), pacing));
}

/** The hunt a stored run was played with. Throws naming the run when it or its hunt is missing. */
export function storedRunHunt(db: Db, runId: number): Hunt {
  const run = getRun(db, runId);
  if (!run) throw new Error(`run ${runId}: no such run`);
  const hunt = loadHuntVersion(db, run.huntVersion);
  if (hunt === null) throw new Error(`run ${runId}: its hunt version ${run.huntVersion} is missing from the database`);
  return requireValidHunt(hunt);
}

export function rescoreStoredRun(db: Db, runId: number, newHunt: Hunt, oldHunt?: Hunt, pacing: RescorePacing = {}): Promise<Rescore> {
  const old = oldHunt ? requireValidHunt(oldHunt) : storedRunHunt(db, runId);
  function* lines(): Generator<NumberedLine> {
    for (const e of iterateEvents(db, runId)) yield { line: e.line, text: e.raw };
  }
  return rescoreLog(compileHunt(old), compileHunt(requireValidHunt(newHunt)), paced(lines(), pacing));
}
