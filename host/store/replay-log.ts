// `hunt replay --db FILE`: the replay of a log file (or standard input) through the
// durable pipeline, stored as a run. Gives the same result as the plain replay.
import type { Hunt } from '../../engine/hunt/schema';
import type { ReplayOutcome } from '../../engine/replay/replay';
import { RejectionList } from '../../engine/replay/rejections';
import type { ReplayResult } from '../../engine/log/types';
import { ingestRun, type RunOptions } from './ingest';
import { fileSource, type LineStream, type RunSource } from './source';

export type StoredReplay = { runId: number; outcome: ReplayOutcome };

/** Replays `lines` (or the file at logPath) into the database and returns the result in the engine's outcome shape. */
export async function replayIntoStore(
  opts: { db: string; hunt: Hunt; logPath: string; name?: string } & Pick<RunOptions, 'workers' | 'onProgress' | 'progressEveryMs' | 'signal'>,
  lines?: LineStream,
): Promise<StoredReplay> {
  const source = lines && opts.logPath === '-' ? lines : fileBacked(opts.logPath, lines);
  const out = await ingestRun(
    {
      db: opts.db,
      hunt: opts.hunt,
      kind: 'replay',
      name: opts.name ?? opts.logPath,
      workers: opts.workers,
      onProgress: opts.onProgress,
      progressEveryMs: opts.progressEveryMs,
      signal: opts.signal,
    },
    source,
  );
  if (!out.result) throw new Error(`run ${out.runId} was cancelled`);
  return { runId: out.runId, outcome: { ...resultToOutcome(out.result), ...(out.pending ? { pending: out.pending } : {}) } };
}

export function resultToOutcome(r: ReplayResult): ReplayOutcome {
  const rejections = new RejectionList();
  for (const x of r.rejected) rejections.add(x.line, x.reason);
  return { hunt: r.hunt, events: r.events, applied: r.applied, rejections, endTime: r.endTime, participants: r.participants };
}

/**
 * The log file as the run's source: the first read uses the caller's already-open
 * stream when given (the CLI opened and checked it), a resume reopens the file.
 */
function fileBacked(path: string, firstRead?: LineStream): RunSource {
  const file = fileSource(path);
  let pending = firstRead;
  return {
    describe: file.describe,
    open: (fromLine) => {
      if (pending && fromLine === 1) {
        const lines = pending;
        pending = undefined;
        return lines;
      }
      return file.open(fromLine);
    },
  };
}
