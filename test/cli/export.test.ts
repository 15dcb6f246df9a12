// `hunt export RUN`: the stored log, lossless: same lines, blank lines kept so line
// numbers match, and replaying the export gives the run's result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hunt } from '../host/store/cli-harness';
import { EXAMPLE_HUNT_FILE, exampleHunt, generateLog } from '../host/store/gen-log';
import { tempDir } from '../db/helpers';

const HUNT = fileURLToPath(EXAMPLE_HUNT_FILE);
let tmp: ReturnType<typeof tempDir>;
let log: string;
let db: string;

beforeAll(async () => {
  tmp = tempDir('hunt-cli-export-');
  log = join(tmp.dir, 'log.jsonl');
  const lines = generateLog(exampleHunt(), { events: 3000, participants: 120, seed: 2 });
  // Extra fields, CRLF-free blank lines and a leading blank line all survive.
  writeFileSync(log, ['', ...lines].join('\n') + '\n');
  db = join(tmp.dir, 'export.db');
  expect((await hunt('replay', HUNT, log, '--db', db)).code).toBe(0);
});
afterAll(() => tmp.cleanup());

describe('hunt export', () => {
  it('writes the log exactly, up to its last event, with blank lines where the source had them', async () => {
    const r = await hunt('export', '1', '--db', db);
    expect(r.code).toBe(0);
    const original = readFileSync(log, 'utf8').split('\n');
    const lastEvent = original.map((l, i) => (l.trim() === '' ? -1 : i)).reduce((a, b) => Math.max(a, b));
    expect(r.out).toBe(original.slice(0, lastEvent + 1).join('\n') + '\n');
  });

  it('replaying the export gives the same result as replaying the original', async () => {
    const exported = join(tmp.dir, 'exported.jsonl');
    writeFileSync(exported, (await hunt('export', '1', '--db', db)).out);
    const a = await hunt('replay', HUNT, log, '--json');
    const b = await hunt('replay', HUNT, exported, '--json');
    expect(b.code).toBe(0);
    expect(b.out).toBe(a.out);
  });

  it('names the database for an unknown run and rejects a bad run id (exit 2)', async () => {
    const missing = await hunt('export', '7', '--db', db);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`${db}: has no run 7`);
    const bad = await hunt('export', 'abc', '--db', db);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/"abc" is not a run id/);
    const none = await hunt('export', '1', '--db', join(tmp.dir, 'absent.db'));
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/absent\.db: no such database/);
  });
});
