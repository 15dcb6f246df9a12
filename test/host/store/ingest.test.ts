import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { compileHunt } from '../../../engine/hunt/compile';
import { replayLines } from '../../../engine/replay/replay';
import { ingestRun } from '../../../host/store/ingest';
import { openDatabase } from '../../../db/open';
import { getRun } from '../../../db/runs';
import { getResult, REJECTED_IN_LOG } from '../../../db/results';
import { iterateEvents } from '../../../db/events';
import { listCheckpoints } from '../../../db/checkpoints';
import { participantAt, participantsAt, runPoint } from '../../../host/store/seek';
import { resumeRun } from '../../../host/store/resume';
import { linesSource, type LineStream } from '../../../host/store/source';
import { LineBatchBuilder, VERDICT_PENDING } from '../../../engine/batch/lineBatch';
import { LogFront } from '../../../engine/log/front';
import { exampleHunt, generateLog } from './gen-log';
import { referenceStatesAt } from './reference';
import { tempDir } from '../../db/helpers';

const hunt = exampleHunt();
let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir('hunt-store-');
});
afterAll(() => tmp.cleanup());

describe('ingestRun', () => {
  it('stores every line and gives the single-thread replay result, whatever W, K and the batch size', async () => {
    const lines = generateLog(hunt, { events: 6000, participants: 240, seed: 11 });
    const expected = await replayLines(compileHunt(hunt), lines);
    const file = join(tmp.dir, 'ingest.db');
    for (const [workers, checkpointEvery, batchSize] of [[1, 1000, 250], [2, 777, 100], [3, 5000, 1000]]) {
      const out = await ingestRun({ db: file, hunt, kind: 'replay', name: `W${workers}`, workers, checkpointEvery, batchSize }, lines);
      expect(out.status).toBe('completed');
      expect(out.result).toEqual(expected);
      const db = openDatabase(file);
      expect(getResult(db, out.runId)).toEqual(expected);
      // The stored result refers to the log for its rejected lines instead of holding them twice.
      expect(expected.rejected.length).toBeGreaterThan(0);
      const text = db.prepare('SELECT result FROM results WHERE run_id = ?').pluck().get(out.runId) as string;
      expect(JSON.parse(text).rejected).toBe(REJECTED_IN_LOG);
      expect(JSON.stringify(JSON.parse(JSON.stringify(out.result)))).toBe(JSON.stringify(expected));
      const run = getRun(db, out.runId)!;
      expect(run).toMatchObject({ status: 'completed', events: expected.events, applied: expected.applied, rejected: expected.rejected.length, checkpointEvery });
      const stored = [...iterateEvents(db, out.runId)];
      expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
      // The stored raw lines are the non-blank source lines, in order, each with its line number.
      const nonBlank = lines.map((text, i) => ({ text, line: i + 1 })).filter((l) => l.text.trim() !== '');
      expect(stored.map((e) => [e.line, e.raw])).toEqual(nonBlank.map((l) => [l.line, l.text]));
      expect(stored.filter((e) => e.rejection !== null).map((e) => ({ line: e.line, reason: e.rejection }))).toEqual(expected.rejected);
      // A checkpoint every K events (at batch ends), none ahead of the log.
      const cps = listCheckpoints(db, out.runId);
      expect(cps.length).toBe(Math.floor(expected.events / checkpointEvery));
      expect(cps.every((c) => c.seq <= run.events)).toBe(true);
      // Each checkpoint's counters are the log's as of its seq (not of a later batch).
      for (const c of cps) {
        const upTo = stored.slice(0, c.seq);
        const applied = upTo.filter((e) => e.rejection === null);
        expect([c.applied, c.rejected, c.participants], `checkpoint at seq ${c.seq}`).toEqual([
          applied.length,
          upTo.length - applied.length,
          applied.filter((e) => e.type === 'join').length,
        ]);
      }
      db.close();
    }
  });

  it('stores lines handed over with their envelopes exactly as the same lines parsed', async () => {
    const lines = generateLog(hunt, { events: 3000, participants: 100, seed: 5 });
    // Built lines vouch for checks 1 and 4: keep the lines that pass them, and add one
    // line out of time order and one of an unknown type, which the envelopes must still catch.
    const valid = lines.filter((l) => {
      try {
        const v = JSON.parse(l) as { t?: unknown; p?: unknown; type?: unknown };
        return typeof v.t === 'number' && typeof v.p === 'string' && v.p !== '' && typeof v.type === 'string' && new LogFront().acceptValue(v).ok;
      } catch {
        return false;
      }
    });
    const last = JSON.parse(valid[valid.length - 1]) as { t: number; p: string };
    const all = [...valid, JSON.stringify({ t: last.t - 1, p: last.p, type: 'quit' }), JSON.stringify({ t: last.t, p: last.p, type: 'dance' })];
    const envelopes = all.map((l) => JSON.parse(l) as { t: number; p: string; type: string });
    const built: LineStream = (async function* () {
      for (let i = 0; i < all.length; i += 700) {
        const part = envelopes.slice(i, i + 700);
        const batch = new LineBatchBuilder(part.length);
        part.forEach((e, k) => batch.add(all[i + k], 0, 0, e.t, e.p, e.type, VERDICT_PENDING));
        yield batch.finish();
      }
    })();
    const file = join(tmp.dir, 'built.db');
    const opts = { db: file, hunt, kind: 'replay' as const, workers: 2, checkpointEvery: 500, batchSize: 200 };
    const plain = await ingestRun({ ...opts, name: 'plain' }, all);
    const fromBuilt = await ingestRun({ ...opts, name: 'built' }, built);
    expect(fromBuilt.result).toEqual(plain.result);
    expect(plain.result!.rejected.slice(-2).map((r) => r.reason)).toEqual(['time-backwards', 'unknown-type']);
    const db = openDatabase(file);
    const rows = (runId: number) => [...iterateEvents(db, runId)].map(({ seq, line, t, p, type, raw, rejection }) => ({ seq, line, t, p, type, raw, rejection }));
    expect(rows(fromBuilt.runId)).toEqual(rows(plain.runId));
    const snapshots = (runId: number) => db.prepare('SELECT seq, p, snapshot FROM snapshots WHERE run_id = ? ORDER BY seq, p').all(runId);
    expect(snapshots(fromBuilt.runId)).toEqual(snapshots(plain.runId));
    db.close();
  });

  it('property: results do not depend on W (random logs)', async () => {
    const file = join(tmp.dir, 'prop-w.db');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 50, max: 600 }), async (seed, workers, k) => {
        const lines = generateLog(hunt, { events: 1500, participants: 60, seed });
        const expected = await replayLines(compileHunt(hunt), lines);
        const out = await ingestRun({ db: file, hunt, kind: 'replay', name: `p${seed}`, workers, checkpointEvery: k, batchSize: 128 }, lines);
        expect(out.result).toEqual(expected);
      }),
      { numRuns: 4 },
    );
  });

  it('property: seeking a participant at any event equals replaying from the start to that event', async () => {
    const lines = generateLog(hunt, { events: 5000, participants: 200, seed: 5 });
    const file = join(tmp.dir, 'seek.db');
    const out = await ingestRun({ db: file, hunt, kind: 'replay', name: 'seek', workers: 2, checkpointEvery: 400, batchSize: 100 }, lines);
    const db = openDatabase(file);
    try {
      const total = out.result!.events;
      fc.assert(
        fc.property(fc.integer({ min: 1, max: total }), (seq) => {
          const reference = referenceStatesAt(hunt, lines, seq);
          const point = runPoint(db, file, out.runId, seq);
          expect(point.participants).toBe(reference.size);
          // Every participant known at seq, plus one that only joins later (null).
          const ids = [...reference.keys()].slice(-12);
          for (const p of ids) expect(participantAt(db, file, out.runId, seq, p)?.state).toEqual(reference.get(p));
          const later = 'team-000199';
          if (!reference.has(later)) expect(participantAt(db, file, out.runId, seq, later)).toBeNull();
          const page = participantsAt(db, file, out.runId, seq, { offset: 0, limit: 5 });
          expect(page.total).toBe(reference.size);
          const firstIds = [...reference.keys()].sort().slice(0, 5);
          expect(page.participants.map((x) => x.id)).toEqual(firstIds);
          for (const x of page.participants) expect(x.state).toEqual(reference.get(x.id));
        }),
        { numRuns: 25 },
      );
    } finally {
      db.close();
    }
  });

  it('property: restoring at a checkpoint and replaying the rest equals replaying from the start (any cut, any W)', async () => {
    const lines = generateLog(hunt, { events: 3000, participants: 120, seed: 21 });
    const expected = await replayLines(compileHunt(hunt), lines);
    const file = join(tmp.dir, 'cut.db');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2900 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), async (cut, w1, w2) => {
        const ac = new AbortController();
        const source = linesSource(lines, { kind: 'memory-test' });
        const first = await ingestRun(
          { db: file, hunt, kind: 'replay', name: `cut ${cut}`, workers: w1, batchSize: 100, checkpointEvery: 700, signal: ac.signal, progressEveryMs: 0, onProgress: (p) => p.processed >= cut && ac.abort() },
          source,
        );
        expect(first.status).toBe('cancelled');
        const resumed = await resumeRun(file, first.runId, { workers: w2, batchSize: 250, source });
        expect(resumed.result).toEqual(expected);
      }),
      { numRuns: 3 },
    );
  });

  it('cancels on abort: status cancelled, every committed batch whole', async () => {
    const lines = generateLog(hunt, { events: 20000, participants: 800, seed: 3 });
    const file = join(tmp.dir, 'cancel.db');
    const ac = new AbortController();
    const out = await ingestRun(
      { db: file, hunt, kind: 'replay', name: 'cancel', workers: 1, batchSize: 200, checkpointEvery: 1000, signal: ac.signal, progressEveryMs: 0, onProgress: (p) => p.processed >= 3000 && ac.abort() },
      lines,
    );
    expect(out.status).toBe('cancelled');
    const db = openDatabase(file);
    const run = getRun(db, out.runId)!;
    expect(run.status).toBe('cancelled');
    expect(run.events % 200).toBe(0);
    expect(run.events).toBeGreaterThanOrEqual(3000);
    expect(run.events).toBeLessThan(20000);
    expect([...iterateEvents(db, out.runId)].length).toBe(run.events);
    db.close();
  });
});
