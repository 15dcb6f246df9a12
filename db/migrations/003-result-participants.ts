// Moves each completed run's participants out of its result JSON into a table of their
// own, indexed by status: a run's status counts (the studio asks for them on every
// progress request of a finished run) and pages of its participants are then read
// without parsing the whole result, which at 100k participants is megabytes of JSON.
// Results written before keep working: their participants are moved here, once.
import type { Migration } from './migration';
import { PARTICIPANTS_IN_TABLE } from '../result-format';

export const resultParticipants: Migration = {
  version: 3,
  name: 'result-participants',
  up(db) {
    db.exec(`
      CREATE TABLE result_participants (
        run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        p       TEXT NOT NULL,
        status  TEXT NOT NULL,          -- active | finished | timed_out | quit
        result  TEXT NOT NULL,          -- JSON ParticipantResult (spec §4)
        PRIMARY KEY (run_id, p)
      ) WITHOUT ROWID;
      CREATE INDEX result_participants_by_status ON result_participants(run_id, status);
    `);
    const insert = db.prepare('INSERT INTO result_participants (run_id, p, status, result) VALUES (?, ?, ?, ?)');
    const update = db.prepare('UPDATE results SET result = ? WHERE run_id = ?');
    const rows = db.prepare('SELECT run_id AS runId, result FROM results').all() as { runId: number; result: string }[];
    for (const row of rows) {
      const value = JSON.parse(row.result) as { participants?: unknown };
      if (value === null || typeof value !== 'object' || !Array.isArray(value.participants)) continue;
      for (const p of value.participants as { id: string; status: string }[]) insert.run(row.runId, p.id, p.status, JSON.stringify(p));
      value.participants = PARTICIPANTS_IN_TABLE;
      update.run(JSON.stringify(value), row.runId);
    }
  },
};
