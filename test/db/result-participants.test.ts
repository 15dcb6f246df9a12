// Schema 3: a result's participants are rows of their own, so status counts and pages
// are read without parsing the result; results stored before are moved there by the migration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../db/open';
import { getResult, resultParticipants, resultStatusCounts, saveResult, PARTICIPANTS_IN_TABLE } from '../../db/results';
import { tempDir } from './helpers';

const FIXTURE = fileURLToPath(new URL('../fixtures/old-format/runs-schema2.db', import.meta.url));

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir('hunt-result-participants-');
});
afterAll(() => tmp.cleanup());

describe('result participants (schema 3)', () => {
  it('moves the participants of results stored by schema 2 into their table, and reads the same results back', () => {
    const file = join(tmp.dir, 'old.db');
    copyFileSync(FIXTURE, file);
    const before = new Database(file, { readonly: true });
    const stored = before.prepare('SELECT run_id AS runId, result FROM results ORDER BY run_id').all() as { runId: number; result: string }[];
    before.close();
    expect(stored.map((r) => r.runId)).toEqual([1, 2]);
    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(3);
      for (const { runId, result } of stored) {
        const old = JSON.parse(result) as { participants: { id: string; status: 'active' | 'finished' | 'timed_out' | 'quit' }[] };
        const envelope = JSON.parse(db.prepare('SELECT result FROM results WHERE run_id = ?').pluck().get(runId) as string) as { participants: unknown };
        expect(envelope.participants).toBe(PARTICIPANTS_IN_TABLE);
        expect((getResult(db, runId) as { participants: unknown }).participants).toEqual(old.participants);
        const counts = { active: 0, finished: 0, timed_out: 0, quit: 0 };
        for (const p of old.participants) counts[p.status]++;
        expect(resultStatusCounts(db, runId)).toEqual(counts);
        expect(resultParticipants(db, runId, { offset: 3, limit: 2 })).toEqual(old.participants.slice(3, 5));
      }
      expect(resultStatusCounts(db, 3)).toBeNull();
    } finally {
      db.close();
    }
  });

  it('stores a new result with its participants apart, counts them over the index, and keeps other values as they are', () => {
    const db = openDatabase(join(tmp.dir, 'new.db'));
    try {
      db.prepare("INSERT INTO hunts VALUES ('v', 'h', 't', '{}', 'now')").run();
      db.prepare("INSERT INTO runs (id, kind, name, hunt_version, status, created_at, started_ms, checkpoint_every) VALUES (1, 'replay', 'r', 'v', 'completed', 'now', 0, 10), (2, 'replay', 'r', 'v', 'completed', 'now', 0, 10)").run();
      const participants = [
        { id: 'b', status: 'finished', score: 3 },
        { id: 'a', status: 'quit', score: 0 },
        { id: 'é', status: 'finished', score: 1 },
      ];
      saveResult(db, 1, JSON.stringify({ hunt: 'h', events: 3, participants }));
      expect(getResult(db, 1)).toEqual({ hunt: 'h', events: 3, participants: [participants[1], participants[0], participants[2]] });
      expect(resultStatusCounts(db, 1)).toEqual({ active: 0, finished: 2, timed_out: 0, quit: 1 });
      const plan = db.prepare('EXPLAIN QUERY PLAN SELECT status, count(*) FROM result_participants WHERE run_id = ? GROUP BY status').all(1) as { detail: string }[];
      expect(plan.map((r) => r.detail).join(' ')).toContain('result_participants_by_status');
      saveResult(db, 2, JSON.stringify({ ok: 1 }));
      expect(getResult(db, 2)).toEqual({ ok: 1 });
      expect(resultStatusCounts(db, 2)).toEqual({ active: 0, finished: 0, timed_out: 0, quit: 0 });
    } finally {
      db.close();
    }
  });
});
