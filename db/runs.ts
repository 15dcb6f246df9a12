// The runs table: one row per simulation, replay or live session.
import type { Db } from './open';
import { cached } from './statements';
import { currentOwner, ownerMayBeAlive } from './owner';

import type { RunKind, RunStatus } from '../engine/log/runs';

export type { RunKind, RunStatus };

export type RunRow = {
  id: number;
  kind: RunKind;
  name: string;
  huntVersion: string;
  huntId: string;
  huntTitle: string;
  seed: number | null;
  settings: unknown;
  source: unknown;
  status: RunStatus;
  error: string | null;
  createdAt: string;
  startedMs: number;
  finishedMs: number | null;
  activeMs: number;
  checkpointEvery: number;
  events: number;
  applied: number;
  rejected: number;
  participants: number;
  lastLine: number;
  clock: number;
};

type RawRun = {
  id: number;
  kind: RunKind;
  name: string;
  hunt_version: string;
  hunt_id: string;
  title: string;
  seed: number | null;
  settings: string | null;
  source: string | null;
  status: RunStatus;
  error: string | null;
  created_at: string;
  started_ms: number;
  finished_ms: number | null;
  active_ms: number;
  checkpoint_every: number;
  events: number;
  applied: number;
  rejected: number;
  participants: number;
  last_line: number;
  clock: number;
};

const SELECT = `SELECT r.*, h.hunt_id, h.title FROM runs r JOIN hunts h ON h.version = r.hunt_version`;

function toRow(r: RawRun): RunRow {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    huntVersion: r.hunt_version,
    huntId: r.hunt_id,
    huntTitle: r.title,
    seed: r.seed,
    settings: r.settings === null ? null : JSON.parse(r.settings),
    source: r.source === null ? null : JSON.parse(r.source),
    status: r.status,
    error: r.error,
    createdAt: r.created_at,
    startedMs: r.started_ms,
    finishedMs: r.finished_ms,
    activeMs: r.active_ms,
    checkpointEvery: r.checkpoint_every,
    events: r.events,
    applied: r.applied,
    rejected: r.rejected,
    participants: r.participants,
    lastLine: r.last_line,
    clock: r.clock,
  };
}

export type NewRun = {
  kind: RunKind;
  name: string;
  huntVersion: string;
  seed?: number | null;
  settings?: unknown;
  source?: unknown;
  checkpointEvery: number;
};

export function createRun(db: Db, run: NewRun): number {
  const owner = currentOwner();
  const now = Date.now();
  const info = db
    .prepare(
      `INSERT INTO runs (kind, name, hunt_version, seed, settings, source, status, created_at, started_ms, checkpoint_every,
                         owner_pid, owner_host, owner_token)
       VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      run.kind,
      run.name,
      run.huntVersion,
      run.seed ?? null,
      run.settings === undefined ? null : JSON.stringify(run.settings),
      run.source === undefined ? null : JSON.stringify(run.source),
      new Date(now).toISOString(),
      now,
      run.checkpointEvery,
      owner.pid,
      owner.host,
      owner.token,
    );
  return Number(info.lastInsertRowid);
}

export function getRun(db: Db, id: number): RunRow | null {
  const r = db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as RawRun | undefined;
  return r ? toRow(r) : null;
}

export function listRuns(db: Db): RunRow[] {
  return (db.prepare(`${SELECT} ORDER BY r.id`).all() as RawRun[]).map(toRow);
}

/** Takes over a run (resume): this process becomes its owner and it is running again. */
export function claimRun(db: Db, id: number): void {
  const owner = currentOwner();
  db.prepare(`UPDATE runs SET status = 'running', error = NULL, finished_ms = NULL, owner_pid = ?, owner_host = ?, owner_token = ? WHERE id = ?`).run(
    owner.pid,
    owner.host,
    owner.token,
    id,
  );
}

/**
 * Marks as interrupted every run left 'running' by a process that is gone.
 * Called on every read-write open, so a crash is noticed by the next process.
 */
export function markInterruptedRuns(db: Db): number[] {
  const running = db.prepare(`SELECT id, owner_pid AS pid, owner_host AS host, owner_token AS token FROM runs WHERE status = 'running'`).all() as {
    id: number;
    pid: number | null;
    host: string | null;
    token: string | null;
  }[];
  const dead = running.filter((r) => !ownerMayBeAlive(r)).map((r) => r.id);
  if (dead.length === 0) return [];
  const mark = db.prepare(`UPDATE runs SET status = 'interrupted', error = 'the process running it stopped before it finished' WHERE id = ? AND status = 'running'`);
  db.transaction(() => dead.forEach((id) => mark.run(id)))();
  return dead;
}

/** The process recorded as running a run (null fields when unknown), or undefined for an unknown run. */
export function runOwner(db: Db, id: number): { pid: number | null; host: string | null; token: string | null } | undefined {
  return cached(db, 'SELECT owner_pid AS pid, owner_host AS host, owner_token AS token FROM runs WHERE id = ?').get(id) as
    | { pid: number | null; host: string | null; token: string | null }
    | undefined;
}

/** The status to show for a run read by a connection that cannot write (a dead owner shows as interrupted). */
export function effectiveStatus(db: Db, run: RunRow): RunStatus {
  if (run.status !== 'running') return run.status;
  const o = runOwner(db, run.id);
  return o && ownerMayBeAlive(o) ? 'running' : 'interrupted';
}

/** Marks a run failed with `error` (unless it already has one) if it is still stored as running. */
export function failRunIfRunning(db: Db, id: number, error: string): void {
  db.prepare(`UPDATE runs SET status = 'failed', error = coalesce(error, ?), finished_ms = ? WHERE id = ? AND status = 'running'`).run(error, Date.now(), id);
}

export function deleteRun(db: Db, id: number): boolean {
  return db.transaction(() => {
    for (const t of ['events', 'snapshots', 'checkpoints', 'result_participants', 'results']) db.prepare(`DELETE FROM ${t} WHERE run_id = ?`).run(id);
    return db.prepare('DELETE FROM runs WHERE id = ?').run(id).changes > 0;
  })();
}

/** Gives a run a new name (the studio's rename); false for an unknown run. */
export function renameRun(db: Db, id: number, name: string): boolean {
  return db.prepare('UPDATE runs SET name = ? WHERE id = ?').run(name, id).changes > 0;
}
