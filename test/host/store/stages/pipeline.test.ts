// The stages composed (host/store/pipeline.ts): a failure in one stage ends the run with
// that first error, nothing left waiting, the run recorded failed, and the committed
// part resumable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingestRun } from '../../../../host/store/ingest';
import { resumeRun } from '../../../../host/store/resume';
import { linesSource } from '../../../../host/store/source';
import { openDatabase } from '../../../../db/open';
import { getRun } from '../../../../db/runs';
import { exampleHunt, generateLog } from '../gen-log';
import { tempDir } from '../../../db/helpers';

const hunt = exampleHunt();
let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir('hunt-stages-');
});
afterAll(() => tmp.cleanup());

describe('the composed stages', () => {
  it("fail the run with the source's error (only whole batches committed), and the run resumes to the uninterrupted result", async () => {
    const lines = generateLog(hunt, { events: 3000, participants: 40, seed: 11 });
    const file = join(tmp.dir, 'fail.db');
    let runId = 0;
    async function* breaking(): AsyncGenerator<readonly string[]> {
      yield lines.slice(0, 1000);
      yield lines.slice(1000, 1700);
      throw new Error('the disk went away at line 1701');
    }
    await expect(
      ingestRun({ db: file, hunt, kind: 'replay', name: 'breaks', workers: 2, batchSize: 100, checkpointEvery: 500, onRunCreated: (id) => (runId = id) }, breaking()),
    ).rejects.toThrow('the disk went away at line 1701');
    const db = openDatabase(file, { readonly: true, check: 'none' });
    const run = getRun(db, runId)!;
    db.close();
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/the disk went away/);
    // Committed: whole batches only, never past what was read.
    expect(run.lastLine).toBeLessThanOrEqual(1700);

    const resumed = await resumeRun(file, runId, { workers: 1, source: linesSource(lines) });
    const whole = await ingestRun({ db: join(tmp.dir, 'whole.db'), hunt, kind: 'replay', name: 'whole', workers: 1 }, lines);
    expect(resumed.status).toBe('completed');
    expect(resumed.result!.participants).toEqual(whole.result!.participants);
    expect(resumed.result!.applied).toBe(whole.result!.applied);
    expect(resumed.result!.events).toBe(whole.result!.events);
  });
});
