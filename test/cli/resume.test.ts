// `hunt resume RUN`: a run left running by a process that died shows as interrupted
// and is finished with the result of an uninterrupted replay; a cancelled run too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { hunt } from '../host/store/cli-harness';
import { EXAMPLE_HUNT_FILE, exampleHunt, generateLog } from '../host/store/gen-log';
import { ingestRun } from '../../host/store/ingest';
import { fileSource } from '../../host/store/source';
import { tempDir } from '../db/helpers';

const HUNT = fileURLToPath(EXAMPLE_HUNT_FILE);
let tmp: ReturnType<typeof tempDir>;
let log: string;

beforeAll(() => {
  tmp = tempDir('hunt-cli-resume-');
  log = join(tmp.dir, 'log.jsonl');
  writeFileSync(log, generateLog(exampleHunt(), { events: 8000, participants: 320, seed: 8 }).join('\n') + '\n');
});
afterAll(() => tmp.cleanup());

/** Stores a run cut short after about `events` events (cancelled), as a crash would leave it. */
async function partialRun(db: string, events: number): Promise<number> {
  const ac = new AbortController();
  const out = await ingestRun(
    { db, hunt: exampleHunt(), kind: 'replay', name: 'partial', workers: 1, batchSize: 250, checkpointEvery: 1000, signal: ac.signal, progressEveryMs: 0, onProgress: (p) => p.processed >= events && ac.abort() },
    fileSource(log),
  );
  expect(out.status).toBe('cancelled');
  return out.runId;
}

describe('hunt resume', () => {
  it('finishes a run whose process died: shown as interrupted, then completed with the uninterrupted result', async () => {
    const db = join(tmp.dir, 'dead.db');
    const runId = await partialRun(db, 3000);
    // Make it look like a process that died mid-run: status running, owned by a pid that is gone.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const raw = new Database(db);
    raw.prepare("UPDATE runs SET status = 'running', owner_pid = ?, owner_token = 'linux:1' WHERE id = ?").run(gone, runId);
    raw.close();
    const listed = JSON.parse((await hunt('runs', '--db', db, '--json')).out) as { status: string }[];
    expect(listed[0].status).toBe('interrupted');

    const plain = await hunt('replay', HUNT, log, '--json');
    const resumed = await hunt('resume', String(runId), '--db', db, '--json', '--workers', '2');
    expect(resumed.err).toContain(`run ${runId} completed in ${db}`);
    expect(resumed.code).toBe(0);
    expect(resumed.out).toBe(plain.out);
    const after = JSON.parse((await hunt('runs', '--db', db, '--json')).out) as { status: string; events: number }[];
    expect(after[0].status).toBe('completed');
    // The stored log is the whole log, once: exporting and replaying it gives the same result.
    const exported = join(tmp.dir, 'dead-export.jsonl');
    writeFileSync(exported, (await hunt('export', String(runId), '--db', db)).out);
    expect((await hunt('replay', HUNT, exported, '--json')).out).toBe(plain.out);
  });

  it('finishes a cancelled run; refuses a completed one and an unknown one (exit 2)', async () => {
    const db = join(tmp.dir, 'cancelled.db');
    const runId = await partialRun(db, 1200);
    const plain = await hunt('replay', HUNT, log);
    const resumed = await hunt('resume', String(runId), '--db', db);
    expect(resumed.code).toBe(0);
    expect(resumed.out).toBe(plain.out);
    const again = await hunt('resume', String(runId), '--db', db);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already completed/);
    const unknown = await hunt('resume', '42', '--db', db);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain(`${db}: has no run 42`);
  });

  it('refuses to resume when the log file changed since the run started', async () => {
    const changing = join(tmp.dir, 'changing.jsonl');
    writeFileSync(changing, generateLog(exampleHunt(), { events: 3000, participants: 120, seed: 3 }).join('\n') + '\n');
    const db = join(tmp.dir, 'changed.db');
    const ac = new AbortController();
    const out = await ingestRun(
      { db, hunt: exampleHunt(), kind: 'replay', name: 'c', workers: 1, batchSize: 250, signal: ac.signal, progressEveryMs: 0, onProgress: () => ac.abort() },
      fileSource(changing),
    );
    writeFileSync(changing, 'different\n', { flag: 'a' });
    const r = await hunt('resume', String(out.runId), '--db', db);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/changing\.jsonl changed since the run started/);
  });
});
