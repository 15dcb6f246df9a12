// runs.resume: continues a run that was interrupted (the host or the command line was
// killed) in a run thread, from its last checkpoint, through the same entry point as
// `hunt resume` (host/store/resume.ts); the result equals that of a run never
// interrupted. Like a replay it shows progress and can be cancelled. What would make
// the resume fail at once (a run still going, a log file that changed, a log that was
// uploaded from the page and not kept) is checked here first and answered as a conflict.
import type { RunSummary } from '../../../api/contract';
import { ApiError } from '../../../api/errors';
// Registers the `simulation` source kind, so a simulation's stored source can be checked here.
import '../../sim/source';
import { sourceFromDescription } from '../../store/source';
import type { HandlerImpls } from '../handlers';
import { requireRunRow, statusOf, type RunsContext } from './context';
import { startPipelineRun } from './start';

/** The statuses `hunt resume` accepts; the studio offers the action for interrupted runs. */
export const RESUMABLE_STATUSES = new Set(['interrupted', 'cancelled', 'failed']);

export function resumeHandlers(ctx: RunsContext): HandlerImpls {
  return {
    'runs.resume': async ({ runId }): Promise<RunSummary> => {
      const row = requireRunRow(ctx, runId);
      if (ctx.active.has(row.id)) throw new ApiError('conflict', `Run ${runId} is already in progress.`);
      const status = statusOf(ctx, row);
      if (status === 'running' || status === 'paused') {
        throw new ApiError('conflict', `Run ${runId} is ${status} in another program (the command line?): it can be resumed once that has stopped.`);
      }
      if (!RESUMABLE_STATUSES.has(status)) throw new ApiError('conflict', `Run ${runId} is ${status}: there is nothing to resume.`);
      const kind = (row.source as { kind?: unknown } | null)?.kind;
      if (kind === 'upload') {
        throw new ApiError('conflict', `Run ${runId} replays a log uploaded from the page, which is not kept: import the log again instead.`);
      }
      try {
        sourceFromDescription(row.source);
      } catch (err) {
        throw new ApiError('conflict', `Run ${runId} cannot be resumed: ${err instanceof Error ? err.message : String(err)}`);
      }
      return startPipelineRun(ctx, { kind: 'resume', db: ctx.dbFile, runId: row.id, progressEveryMs: 100 }, null);
    },
  };
}
