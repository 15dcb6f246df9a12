// The summary of a stored run (runs.analytics): any kind of run, from its stored
// log, through the same checks and rules as a replay. A simulation's joins carry
// their profile, so its summary is split by profile; a replayed log's usually not.
import type { Db } from '../../db/open';
import { getRun } from '../../db/runs';
import { loadHuntVersion } from '../../db/hunts';
import { iterateEvents } from '../../db/events';
import { compileHunt } from '../../engine/hunt/compile';
import { analyzeLogReport, type LogReport } from '../../engine/analytics/from-log';
import type { AnalyticsSummary } from '../../engine/analytics/summary';
import { requireValidHunt } from './run';

/** The summary as of event `atSeq` (default: the whole stored log). Throws naming the run when it is unknown. */
export async function analyzeStoredRun(db: Db, runId: number, atSeq?: number): Promise<AnalyticsSummary> {
  return (await storedRunReport(db, runId, atSeq)).summary;
}

/** The summary with each step's diagnostics and the participants' timeline (runs.analytics). */
export async function storedRunReport(db: Db, runId: number, atSeq?: number): Promise<LogReport> {
  const run = getRun(db, runId);
  if (!run) throw new Error(`run ${runId}: no such run`);
  const hunt = loadHuntVersion(db, run.huntVersion);
  if (hunt === null) throw new Error(`run ${runId}: its hunt version ${run.huntVersion} is missing from the database`);
  const h = compileHunt(requireValidHunt(hunt));
  function* raw(): Generator<string> {
    for (const e of iterateEvents(db, runId, 1, atSeq ?? Number.MAX_SAFE_INTEGER)) yield e.raw;
  }
  return analyzeLogReport(h, raw());
}
