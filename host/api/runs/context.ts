// What the runs.* handlers share: the database (one connection on this thread, for
// reads; runs are written by their own writer threads), the runs in progress with
// their controls, and the conversions from stored rows to the API's shapes.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventRow, RunKind, RunProgress, RunStatus, RunSummary } from '../../../api/contract';
import { ApiError } from '../../../api/errors';
import type { Db } from '../../../db/open';
import { openDatabase } from '../../../db/open';
import { DbError } from '../../../db/errors';
import { effectiveStatus, getRun, type RunRow } from '../../../db/runs';
import type { StoredEvent } from '../../../db/events';
import type { RunControl } from './runThreadClient';
import type { EventBus } from '../bus';

export type ActiveRun = {
  id: number;
  kind: RunKind;
  /** Simulations: speed, pause, step, cancel. */
  control?: RunControl;
  /** Replays: cancel only (a log is read as fast as it can be). */
  abort?: AbortController;
  progress: RunProgress;
  /** Stops the run as the host shuts down (simulations and replays: cancelled; playtests: completed). */
  stop(): void;
  /** Resolves once the run's pipeline has closed and it left `active`. */
  settled?: Promise<void>;
};

/**
 * Waits (without blocking: the host keeps answering) for a run in progress to finish, up to `ms`.
 * Used where a request needs a run's result and the studio may ask just after starting it.
 */
export async function waitSettled(ctx: RunsContext, id: number, ms: number): Promise<void> {
  const run = ctx.active.get(id);
  if (!run?.settled) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([run.settled, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

export type RunsContext = {
  dbFile: string;
  bus: EventBus;
  active: Map<number, ActiveRun>;
  /** The connection for reads, opened (and the file created) on first use. */
  db(): Db;
  /** Called first by close(): other work that reads this database (what-if jobs) stops with it. */
  onClose: Set<() => void>;
  close(): void;
};

export function createRunsContext(dbFile: string, bus: EventBus): RunsContext {
  let db: Db | null = null;
  const onClose = new Set<() => void>();
  return {
    dbFile,
    bus,
    active: new Map(),
    db() {
      if (!db) {
        mkdirSync(dirname(dbFile), { recursive: true });
        try {
          db = openDatabase(dbFile);
        } catch (err) {
          throw asApiError(err);
        }
      }
      return db;
    },
    onClose,
    close() {
      for (const stop of [...onClose]) stop();
      db?.close();
      db = null;
    },
  };
}

/** Database problems name the file and say what is wrong; they reach the studio as `io` errors. */
export function asApiError(err: unknown): unknown {
  if (err instanceof DbError) return new ApiError('io', err.message);
  return err;
}

export function parseRunId(runId: string): number {
  if (!/^[1-9][0-9]{0,15}$/.test(runId)) throw new ApiError('not-found', `There is no run "${runId}".`);
  return Number(runId);
}

export function requireRunRow(ctx: RunsContext, runId: string): RunRow {
  const row = getRun(ctx.db(), parseRunId(runId));
  if (!row) throw new ApiError('not-found', `There is no run ${runId} (it may have been deleted).`);
  return row;
}

/**
 * A run shows as running (or paused) until its pipeline has fully closed, so a finished status
 * means it is settled. A run stored as running that is not going here and whose process is gone
 * (the command line killed while the studio is open) shows as interrupted: it can be resumed.
 */
export function statusOf(ctx: RunsContext, row: RunRow): RunStatus {
  const active = ctx.active.get(row.id);
  if (!active) return effectiveStatus(ctx.db(), row);
  return active.control?.state === 'paused' ? 'paused' : 'running';
}

export function toSummary(ctx: RunsContext, row: RunRow): RunSummary {
  const active = ctx.active.get(row.id);
  return {
    id: String(row.id),
    kind: row.kind,
    name: row.name,
    huntId: row.huntId,
    huntTitle: row.huntTitle,
    huntVersion: row.huntVersion,
    status: statusOf(ctx, row),
    seed: row.seed,
    // While running, the counters come from the latest progress (the row is updated at commits).
    participants: active ? Math.max(row.participants, active.progress.active + active.progress.finished + active.progress.timedOut + active.progress.quit) : row.participants,
    events: active ? Math.max(row.events, active.progress.processed) : row.events,
    rejected: row.rejected,
    createdAt: row.createdAt,
    durationSec: row.finishedMs === null ? null : row.activeMs / 1000,
    error: row.error,
  };
}

export function toEventRow(e: StoredEvent): EventRow {
  return { seq: e.seq, line: e.line, t: e.t, p: e.p, type: e.type, raw: e.raw, rejected: e.rejection };
}
