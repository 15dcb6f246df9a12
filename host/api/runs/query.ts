// Reading stored runs: the list, one run, its events, searching for events (paged
// queries, answered here), and the reports that read a whole log (density strip,
// exports, comparison, analytics), made in a query worker thread (reports.ts).
import type { DensityStrip, EventRow, RunAnalytics, RunChanges, RunComparison } from '../../../api/contract';
import { ApiError } from '../../../api/errors';
import { getResult } from '../../../db/results';
import { loadHuntVersion } from '../../../db/hunts';
import { deleteRun, listRuns, renameRun, type RunRow } from '../../../db/runs';
import { eventsFrom, findEvent } from '../../../db/events';
import { PRESETS } from '../../../engine/sim/presets';
import { v2Behaviour, type Profile } from '../../../engine/sim/profile';
import type { ProfilePreset } from '../../../api/contract';
import type { ReplayResult } from '../../../engine/log/types';
import type { HandlerImpls } from '../handlers';
import { parseRunId, requireRunRow, toEventRow, toSummary, waitSettled, type RunsContext } from './context';
import { runReport, warmUpQueryWorkers } from './queryClient';

/** How long a request needing a result waits for a run that is still finishing (a replay just imported). */
export const RESULT_WAIT_MS = 30_000;

/** The run's row once it has settled (or still running after RESULT_WAIT_MS: then the caller reports a conflict). */
async function settledRow(ctx: RunsContext, runId: string): Promise<RunRow> {
  const row = requireRunRow(ctx, runId);
  await waitSettled(ctx, row.id, RESULT_WAIT_MS);
  return requireRunRow(ctx, runId);
}

export function queryHandlers(ctx: RunsContext): HandlerImpls {
  return {
    'runs.list': () => {
      warmUpQueryWorkers();
      return listRuns(ctx.db()).map((row) => toSummary(ctx, row)).reverse();
    },
    'runs.get': ({ runId, result }) => {
      const row = requireRunRow(ctx, runId);
      return {
        ...toSummary(ctx, row),
        result: result === false ? null : getResult<ReplayResult>(ctx.db(), row.id),
        settings: row.settings,
        // The rules the run used, as stored with it (content-addressed by runs.hunt_version).
        hunt: loadHuntVersion(ctx.db(), row.huntVersion),
      };
    },
    'runs.delete': ({ runId }) => {
      const id = parseRunId(runId);
      if (ctx.active.has(id)) throw new ApiError('conflict', `Run ${runId} is in progress: cancel it before deleting it.`);
      const deleted = deleteRun(ctx.db(), id);
      if (deleted) ctx.bus.publish('runs.changed', { runId });
      return { deleted };
    },
    'runs.rename': ({ runId, name }) => {
      const row = requireRunRow(ctx, runId);
      renameRun(ctx.db(), row.id, name.trim());
      ctx.bus.publish('runs.changed', { runId });
      return toSummary(ctx, requireRunRow(ctx, runId));
    },
    'runs.profilePresets': () =>
      Object.values(PRESETS).map((p) => ({
        name: p.name,
        description: p.description ?? '',
        share: p.share,
        solve: { ...p.solve },
        thinkTimeSec: { ...p.thinkTimeSec },
        walk: { speedMps: p.walk.speedMps },
        hints: { afterWrongAttempts: p.hints.afterWrongAttempts, afterStuckSec: p.hints.afterStuckSec },
        giveUp: { ...p.giveUp },
        hunt2: hunt2Behaviour(p),
      })),
    'runs.events': ({ runId, fromSeq, limit, participant }) => {
      const row = requireRunRow(ctx, runId);
      return eventsFrom(ctx.db(), row.id, fromSeq, limit, participant).map(toEventRow);
    },
    // Sampled on large runs (density.ts): tens of milliseconds, in the table's worker.
    'runs.density': async ({ runId, buckets }) => (await runReport(ctx.dbFile, { kind: 'density', runId: requireRunRow(ctx, runId).id, buckets })) as DensityStrip,
    'runs.findEvent': ({ runId, fromSeq, direction, kind, participant }): EventRow | null => {
      const row = requireRunRow(ctx, runId);
      if (kind === 'participant' && participant === undefined) throw new ApiError('bad-argument', 'runs.findEvent: kind "participant" needs a participant');
      const found = findEvent(ctx.db(), row.id, fromSeq, direction, kind === 'rejection' ? { rejection: true } : { p: participant! });
      return found ? toEventRow(found) : null;
    },
    'runs.export': async ({ runId, format }) => {
      const row = format === 'jsonl' ? requireRunRow(ctx, runId) : await settledRow(ctx, runId);
      return (await runReport(ctx.dbFile, { kind: 'export', runId: row.id, format })) as { fileName: string; text: string };
    },
    'runs.compare': async ({ a, b }) => {
      requireRunRow(ctx, a);
      requireRunRow(ctx, b);
      const [ra, rb] = [await settledRow(ctx, a), await settledRow(ctx, b)];
      return (await runReport(ctx.dbFile, { kind: 'compare', a: ra.id, b: rb.id })) as RunComparison;
    },
    // Which settings differ between two runs and whether that moved the outcome: over both whole logs, in the reports worker.
    'runs.changes': async ({ a, b }) => {
      const [ra, rb] = [await settledRow(ctx, a), await settledRow(ctx, b)];
      return (await runReport(ctx.dbFile, { kind: 'changes', a: ra.id, b: rb.id })) as RunChanges;
    },
    'runs.analytics': async ({ runId, atSeq }) => {
      const row = requireRunRow(ctx, runId);
      // Decided before the read starts: a run no longer in progress has stored all its events
      // (it leaves ctx.active only once its pipeline has closed), so a read from now on is final.
      const complete = atSeq === undefined && !ctx.active.has(row.id);
      const figures = (await runReport(ctx.dbFile, { kind: 'analytics', runId: row.id, atSeq })) as RunAnalytics;
      return { ...figures, complete };
    },
  };
}

/** A preset's hunt/2 behaviour for the API: JSON has no Infinity, so "waits as long as it takes" is null. */
function hunt2Behaviour(p: Profile): ProfilePreset['hunt2'] {
  const b = v2Behaviour(p);
  return { ...b, judgeDelay: { ...b.judgeDelay }, waitUpToSec: Number.isFinite(b.waitUpToSec) ? b.waitUpToSec : null };
}
