import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingestRun } from '../../../host/store/ingest';
import { exampleHunt, generateLog } from './gen-log';
import { tempDir } from '../../db/helpers';

const hunt = exampleHunt();
let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir('hunt-stall-');
});
afterAll(() => tmp.cleanup());

describe('a source that stalls with a partial batch', () => {
  it('has what it already gave processed, committed and reported, without waiting for the batch to fill', async () => {
    // A paused or single-stepped simulation gives a few lines, then nothing for a while.
    const lines = generateLog(hunt, { events: 40, participants: 5, seed: 3 });
    let committed = 0;
    let release!: () => void;
    const resumed = new Promise<void>((r) => (release = r));
    let committedBeforeRelease = -1;
    let reportedBeforeRelease = -1;
    let reported = 0;
    async function* source(): AsyncGenerator<string> {
      for (const l of lines.slice(0, 7)) yield l;
      // Stall: wait until the pipeline has committed the 7 lines (or give up after 3 s).
      const deadline = Date.now() + 3000;
      while (committed < 7 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      committedBeforeRelease = committed;
      await new Promise((r) => setTimeout(r, 250));
      reportedBeforeRelease = reported;
      release();
      await resumed;
      for (const l of lines.slice(7)) yield l;
    }
    const out = await ingestRun(
      {
        db: join(tmp.dir, 'stall.db'),
        hunt,
        kind: 'replay',
        name: 'stall',
        workers: 1,
        batchSize: 1000,
        onCommitted: (_readAt, length) => {
          committed += length;
        },
        // Throttled to once a minute while lines flow: only the stall can report the 7 lines.
        progressEveryMs: 60_000,
        onProgress: (p) => {
          reported = p.processed;
        },
      },
      source(),
    );
    expect(out.status).toBe('completed');
    expect(committedBeforeRelease).toBe(lines.slice(0, 7).filter((l) => l.trim() !== '').length);
    // ...and reported as progress, so the studio shows a single step of a paused simulation.
    expect(reportedBeforeRelease).toBe(committedBeforeRelease);
    expect(out.result?.events).toBe(lines.filter((l) => l.trim() !== '').length);
  });
});
