// A checkpoint row that cannot be read (a damaged file, a newer program's format) fails a
// seek and a resume with an error naming the run, the checkpoint, the participant and
// the field: never a result built without that participant.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { RunStore } from '../../../host/store/run-store';
import { resumeRun } from '../../../host/store/resume';
import { fileSource } from '../../../host/store/source';
import '../../../host/sim/source'; // registers the simulation source kind (run 5)
import { tempDir } from '../../db/helpers';

// The fixture written by c8e75db (test/fixtures/db/README.md): checkpoints as XState snapshots.
const FIXTURE = fileURLToPath(new URL('../../fixtures/db/xstate-checkpoints.db', import.meta.url));
const V2_LOG = fileURLToPath(new URL('../../../examples/logs/museum-night.jsonl', import.meta.url));

let tmp: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  tmp = tempDir('hunt-stored-state-');
  file = join(tmp.dir, 'runs.db');
  copyFileSync(FIXTURE, file);
});
afterEach(() => tmp.cleanup());

/** Rewrites participant p's newest snapshot row of the run (returns its checkpoint seq). */
function damage(runId: number, p: string, sql: string): number {
  const db = new Database(file);
  try {
    const seq = db.prepare('SELECT max(seq) FROM snapshots WHERE run_id = ? AND p = ?').pluck().get(runId, p) as number;
    db.prepare(`UPDATE snapshots SET snapshot = ${sql} WHERE run_id = ? AND p = ? AND seq = ?`).run(runId, p, seq);
    return seq;
  } finally {
    db.close();
  }
}

describe('a checkpoint row that cannot be read', () => {
  it('fails a seek naming run, checkpoint, participant and field (an old XState row without its steps)', () => {
    const seq = damage(6, 'owls', "json_remove(snapshot, '$.context.participant.steps')");
    const store = new RunStore(file);
    try {
      expect(() => store.participant(6, 47, 'owls')).toThrow(
        new RegExp(`^run 6, checkpoint at event ${seq}: participant "owls": stored state field "context.participant.steps" \\(an XState snapshot of the earlier format\\) must be 33 numbers`),
      );
      expect(() => store.participants(6, 47, { offset: 0, limit: 10 })).toThrow(/^run 6, checkpoint at event \d+: participant "owls"/);
      // The others still read.
      expect(store.participant(6, 47, 'foxes')?.state.status).toBe('finished');
    } finally {
      store.close();
    }
  });

  it('fails a seek in the new format naming the field (a version this program does not know)', async () => {
    // Resuming run 7 writes its later checkpoints in the participant-state format.
    await resumeRun(file, 7, { workers: 1, source: fileSource(V2_LOG) });
    const seq = damage(7, 'owls', "json_set(snapshot, '$.v', 9)");
    const store = new RunStore(file);
    try {
      expect(() => store.participant(7, 47, 'owls')).toThrow(
        new RegExp(`^run 7, checkpoint at event ${seq}: participant "owls": stored state field "v" is 9: this program reads participant-state version 1`),
      );
    } finally {
      store.close();
    }
  });

  it('fails a resume naming the run and checkpoint, participant and field, and leaves the run resumable', async () => {
    damage(5, 'sim-07', "json_set(snapshot, '$.context.participant.doneOrder', json('[99]'))");
    await expect(resumeRun(file, 5, { workers: 2 })).rejects.toThrow(
      /^run 5: cannot restore its participants from the checkpoint at event 400: .*participant "sim-07": stored state field "context.participant.doneOrder\[0\]" \(an XState snapshot of the earlier format\) must be a step index from 0 to 10, got 99/,
    );
    const store = new RunStore(file);
    try {
      expect(store.run(5)?.status).toMatch(/^(cancelled|failed)$/);
    } finally {
      store.close();
    }
  });
});
