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
  it('has what it already gave processed and committed, without waiting for the batch to fill', async () => {
    // A paused or single-stepped simulation gives a few lines, then nothing for a while.
    const lines = generateLog(hunt, { events: 40, participants: 5, seed: 3 });
    let committed = 0;
    let release!: () => void;
    const resumed = new Promise<void>((r) => (release = r));
    let committedBeforeRelease = -1;
    async function* source(): AsyncGenerator<string> {
      for (const l of lines.slice(0, 7)) yield l;
      // Stall: wait until the pipeline has committed the 7 lines (or give up after 3 s).
      const deadline = Date.now() + 3000;
      while (committed < 7 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      committedBeforeRelease = committed;
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
      },
      source(),
    );
    expect(out.status).toBe('completed');
    expect(committedBeforeRelease).toBe(lines.slice(0, 7).filter((l) => l.trim() !== '').length);
    expect(out.result?.events).toBe(lines.filter((l) => l.trim() !== '').length);
  });
});
