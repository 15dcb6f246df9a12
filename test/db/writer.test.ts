import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../db/open';
import { saveHuntVersion } from '../../db/hunts';
import { createRun, getRun } from '../../db/runs';
import { DbWriter } from '../../db/writer/client';
import { iterateEvents } from '../../db/events';
import { listCheckpoints, latestSnapshotsJson, newestSnapshotsJson } from '../../db/checkpoints';
import { getResult } from '../../db/results';
import type { EventsMessage } from '../../db/writer/protocol';
import { tempDir } from './helpers';
import { LineBatchBuilder, VERDICT_APPLIED, verdictCode } from '../../engine/batch/lineBatch';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

function batch(runId: number, seq0: number, n: number): EventsMessage {
  const lines = new LineBatchBuilder(n);
  for (let i = 0; i < n; i++) {
    const seq = seq0 + i;
    const raw = `{"t":${seq},"p":"p${seq % 3}","type":"position","lat":0,"lon":0}`;
    lines.add(raw, seq, seq, seq, `p${seq % 3}`, 'position', seq % 5 === 0 ? verdictCode('participant-not-active') : VERDICT_APPLIED);
  }
  return { kind: 'events', runId, lines: lines.finish(), applied: 0, rejected: 0, participants: 3, lastLine: seq0 + n - 1, clock: seq0 + n - 1 };
}

/** A database with one run and a writer thread on it. */
async function runWithWriter(name: string) {
  const file = join(tmp.dir, name);
  const db = openDatabase(file);
  const runId = createRun(db, { kind: 'replay', name: 'r', huntVersion: saveHuntVersion(db, { id: 'h', title: 'H' }), checkpointEvery: 10 });
  return { db, runId, writer: await DbWriter.start(file) };
}

describe('DbWriter (writer thread)', () => {
  it('commits batches, checkpoints and the finish in order, off the calling thread', async () => {
    const { db, runId, writer } = await runWithWriter('w.db');
    const acks: Promise<number>[] = [];
    for (let b = 0; b < 5; b++) {
      acks.push(writer.post(batch(runId, b * 10 + 1, 10)));
      acks.push(
        writer.post({
          kind: 'checkpoint', runId, seq: (b + 1) * 10, line: (b + 1) * 10, clock: (b + 1) * 10, applied: 0, rejected: 0, participants: 3,
          counts: { active: 3, finished: 0, timed_out: 0, quit: 0 }, p: [`p${b % 3}`], snapshot: [JSON.stringify({ at: (b + 1) * 10 })],
        }),
      );
    }
    acks.push(writer.post({ kind: 'finish', runId, status: 'completed', error: null, result: JSON.stringify({ ok: 1 }), activeMs: 5 }));
    const times = await Promise.all(acks);
    expect(times.every((t) => typeof t === 'number')).toBe(true);
    await writer.close();

    const events = [...iterateEvents(db, runId, 1, 1000, 7)];
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(events[4].rejection).toBe('participant-not-active');
    expect(listCheckpoints(db, runId).map((c) => c.seq)).toEqual([10, 20, 30, 40, 50]);
    expect(newestSnapshotsJson(db, runId, ['p0'], 35).get('p0')).toEqual({ seq: 10, json: JSON.stringify({ at: 10 }) });
    expect(newestSnapshotsJson(db, runId, ['p0'], 40).get('p0')).toEqual({ seq: 40, json: JSON.stringify({ at: 40 }) });
    expect(latestSnapshotsJson(db, runId, 45).map((s) => [s.p, s.seq])).toEqual([['p0', 40], ['p1', 20], ['p2', 30]]);
    const run = getRun(db, runId)!;
    expect(run).toMatchObject({ status: 'completed', events: 50, lastLine: 50, activeMs: 5 });
    expect(getResult(db, runId)).toEqual({ ok: 1 });
    db.close();
  });

  it('refuses a checkpoint ahead of the log and reports the failure to every pending write', async () => {
    const { db, runId, writer } = await runWithWriter('w2.db');
    await writer.post(batch(runId, 1, 5));
    const bad = writer.post({
      kind: 'checkpoint', runId, seq: 10, line: 10, clock: 10, applied: 0, rejected: 0, participants: 0,
      counts: { active: 0, finished: 0, timed_out: 0, quit: 0 }, p: [], snapshot: [],
    });
    await expect(bad).rejects.toThrow(/checkpoint at seq 10 is ahead of the log \(5 events stored\)/);
    await expect(writer.post(batch(runId, 6, 5))).rejects.toThrow();
    await writer.close().catch(() => undefined);
    expect(listCheckpoints(db, runId)).toEqual([]);
    expect(getRun(db, runId)!.events).toBe(5);
    db.close();
  });

  it('writes a large checkpoint a slice per commit: events after it are not held back, and it appears whole', async () => {
    const { db, runId, writer } = await runWithWriter('w3.db');
    await writer.post(batch(runId, 1, 10));
    const n = 9000;
    const checkpoint = writer.post({
      kind: 'checkpoint', runId, seq: 10, line: 10, clock: 10, applied: 0, rejected: 0, participants: n,
      counts: { active: n, finished: 0, timed_out: 0, quit: 0 },
      p: Array.from({ length: n }, (_, i) => `q${i}`),
      snapshot: Array.from({ length: n }, (_, i) => JSON.stringify({ at: 10, i })),
    });
    let checkpointDone = false;
    void checkpoint.then(() => (checkpointDone = true));
    // Events posted after the checkpoint are committed before all of its snapshots are.
    await writer.post(batch(runId, 11, 10));
    expect(checkpointDone).toBe(false);
    // Meanwhile readers never see the checkpoint without all of its snapshots.
    const seen = listCheckpoints(db, runId).length;
    const written = db.prepare('SELECT count(*) FROM snapshots WHERE run_id = ? AND seq = 10').pluck().get(runId) as number;
    expect(seen === 0 ? written < n : written === n).toBe(true);
    await writer.flush();
    expect(checkpointDone).toBe(true);
    expect(listCheckpoints(db, runId).map((c) => c.seq)).toEqual([10]);
    expect(db.prepare('SELECT count(*) FROM snapshots WHERE run_id = ? AND seq = 10').pluck().get(runId)).toBe(n);
    await writer.close();
    db.close();
  });
});
