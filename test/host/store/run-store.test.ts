import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingestRun } from '../../../host/store/ingest';
import { RunStore } from '../../../host/store/run-store';
import { exampleHunt, generateLog } from './gen-log';
import { tempDir } from '../../db/helpers';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir('hunt-runstore-');
});
afterAll(() => tmp.cleanup());

describe('RunStore', () => {
  it('lists runs, pages the log, finds rejections, seeks and deletes a run on a writer thread', async () => {
    const file = join(tmp.dir, 'store.db');
    const lines = generateLog(exampleHunt(), { events: 2500, participants: 100, seed: 6 });
    const a = await ingestRun({ db: file, hunt: exampleHunt(), kind: 'replay', name: 'a', workers: 1, checkpointEvery: 500 }, lines);
    const b = await ingestRun({ db: file, hunt: exampleHunt(), kind: 'replay', name: 'b', workers: 1 }, lines);
    const store = new RunStore(file);
    try {
      expect(store.runs().map((r) => [r.id, r.name, r.status])).toEqual([[a.runId, 'a', 'completed'], [b.runId, 'b', 'completed']]);
      expect(store.result(a.runId)).toEqual(a.result);
      const page = store.events(a.runId, 101, 50);
      expect(page.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 101 + i));
      const someone = page.find((e) => e.p && e.p.startsWith('team-'))!.p!;
      const theirs = store.events(a.runId, 1, 1000, someone);
      expect(theirs.length).toBeGreaterThan(0);
      expect(theirs.every((e) => e.p === someone)).toBe(true);
      const rejections = a.result!.rejected;
      const next = store.nextRejection(a.runId, 0, 1)!;
      expect(next.line).toBe(rejections[0].line);
      expect(store.nextRejection(a.runId, next.seq, -1)).toBeNull();
      expect(store.participant(a.runId, 2000, someone)?.id).toBe(someone);
      expect(store.participants(a.runId, 2000, { limit: 3 }).participants).toHaveLength(3);
      expect(await store.delete(a.runId)).toBe(true);
      expect(await store.delete(a.runId)).toBe(false);
      expect(store.runs().map((r) => r.id)).toEqual([b.runId]);
      expect(store.events(a.runId, 1, 10)).toEqual([]);
      expect(store.db.prepare('SELECT count(*) FROM snapshots WHERE run_id = ?').pluck().get(a.runId)).toBe(0);
    } finally {
      store.close();
    }
  });
});
