// The first schema: hunts (content-addressed versions), runs, the append-only
// event log, checkpoints (one summary row per checkpoint plus a snapshot per
// participant changed since the previous one) and results.
import type { Migration } from './migration';

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE hunts (
        version   TEXT PRIMARY KEY,          -- sha256 of the hunt's canonical JSON
        hunt_id   TEXT NOT NULL,
        title     TEXT NOT NULL,
        json      TEXT NOT NULL,
        saved_at  TEXT NOT NULL
      );
      CREATE INDEX hunts_by_id ON hunts(hunt_id, saved_at);

      CREATE TABLE runs (
        id               INTEGER PRIMARY KEY,
        kind             TEXT NOT NULL CHECK (kind IN ('simulation', 'replay', 'live')),
        name             TEXT NOT NULL,
        hunt_version     TEXT NOT NULL REFERENCES hunts(version),
        seed             INTEGER,
        settings         TEXT,                -- JSON
        source           TEXT,                -- JSON description of where the lines come from (for resume)
        status           TEXT NOT NULL CHECK (status IN ('running', 'paused', 'completed', 'cancelled', 'interrupted', 'failed')),
        error            TEXT,
        created_at       TEXT NOT NULL,
        started_ms       REAL NOT NULL,       -- wall clock, ms since epoch
        finished_ms      REAL,
        active_ms        REAL NOT NULL DEFAULT 0,  -- wall time spent processing, summed over resumes
        checkpoint_every INTEGER NOT NULL,
        events           INTEGER NOT NULL DEFAULT 0,   -- committed event rows (= last seq)
        applied          INTEGER NOT NULL DEFAULT 0,
        rejected         INTEGER NOT NULL DEFAULT 0,
        participants     INTEGER NOT NULL DEFAULT 0,
        last_line        INTEGER NOT NULL DEFAULT 0,   -- source line of the last committed event (blank lines after it are re-read)
        clock            REAL NOT NULL DEFAULT 0,      -- log clock after the last committed event
        owner_pid        INTEGER,
        owner_host       TEXT,
        owner_token      TEXT
      );

      -- The log: one row per non-blank source line, in processing order. raw is the
      -- line exactly as read, so an export is lossless. rejection NULL = applied.
      CREATE TABLE events (
        run_id    INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        seq       INTEGER NOT NULL,
        line      INTEGER NOT NULL,
        t         REAL,
        p         TEXT,
        type      TEXT,
        raw       TEXT NOT NULL,
        rejection TEXT,
        PRIMARY KEY (run_id, seq)
      ) WITHOUT ROWID;
      -- Only append-friendly indexes on the log: an index on (run_id, p, seq) would take a
      -- random page write per event (measured: it made the writer the bottleneck). A
      -- participant's events after a checkpoint are found by scanning that range (at most
      -- K rows) instead; joins are few, so the participant list can have its own index.
      CREATE INDEX events_rejected ON events(run_id, seq) WHERE rejection IS NOT NULL;
      CREATE INDEX events_joins ON events(run_id, p, seq) WHERE type = 'join' AND rejection IS NULL;

      -- One row per checkpoint: the log-level state at seq (everything not held by the actors).
      CREATE TABLE checkpoints (
        run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        seq          INTEGER NOT NULL,
        line         INTEGER NOT NULL,
        clock        REAL NOT NULL,
        applied      INTEGER NOT NULL,
        rejected     INTEGER NOT NULL,
        participants INTEGER NOT NULL,
        counts       TEXT NOT NULL,       -- JSON status counts at this point
        PRIMARY KEY (run_id, seq)
      ) WITHOUT ROWID;

      -- Per participant, the persisted actor snapshot at every checkpoint where it changed.
      -- Keyed in write order (appends); a small index finds a participant's newest one.
      CREATE TABLE snapshots (
        run_id   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        seq      INTEGER NOT NULL,
        p        TEXT NOT NULL,
        snapshot TEXT NOT NULL,           -- JSON
        PRIMARY KEY (run_id, seq, p)
      ) WITHOUT ROWID;
      CREATE INDEX snapshots_by_participant ON snapshots(run_id, p, seq);

      CREATE TABLE results (
        run_id  INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
        result  TEXT NOT NULL             -- JSON ReplayResult (spec §4)
      );
    `);
  },
};
