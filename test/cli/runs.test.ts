// `hunt runs` and `hunt replay --db`: stored runs are listed; the default database
// lives in the per-user data folder, whose path is printed; bad databases are
// refused with a message naming the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hunt } from '../host/store/cli-harness';
import { EXAMPLE_HUNT_FILE, exampleHunt, generateLog } from '../host/store/gen-log';
import { tempDir } from '../db/helpers';

const HUNT = fileURLToPath(EXAMPLE_HUNT_FILE);
let tmp: ReturnType<typeof tempDir>;
let log: string;
const savedDataDir = process.env.HUNT_DATA_DIR;

beforeAll(() => {
  tmp = tempDir('hunt-cli-runs-');
  log = join(tmp.dir, 'log.jsonl');
  writeFileSync(log, generateLog(exampleHunt(), { events: 3000, participants: 120, seed: 1 }).join('\n') + '\n');
  process.env.HUNT_DATA_DIR = join(tmp.dir, 'data');
});
afterAll(() => {
  if (savedDataDir === undefined) delete process.env.HUNT_DATA_DIR;
  else process.env.HUNT_DATA_DIR = savedDataDir;
  tmp.cleanup();
});

describe('hunt runs', () => {
  it('says there are no runs when the default database does not exist yet, and names it', async () => {
    const r = await hunt('runs');
    expect(r.code).toBe(0);
    expect(r.out).toBe('no runs stored yet\n');
    expect(r.err).toContain(`using database ${join(tmp.dir, 'data', 'studio.db')}`);
  });

  it('lists runs stored by `hunt replay --db`, whose printed result equals the plain replay', async () => {
    const db = join(tmp.dir, 'runs.db');
    const plain = await hunt('replay', HUNT, log, '--json');
    const stored = await hunt('replay', HUNT, log, '--json', '--db', db);
    expect(stored.code).toBe(0);
    expect(stored.out).toBe(plain.out);
    expect(stored.err).toContain(`stored as run 1 in ${db}`);
    const text = await hunt('runs', '--db', db);
    expect(text.code).toBe(0);
    expect(text.err).toBe('');
    expect(text.out).toMatch(/^ID\s+KIND\s+STATUS\s+HUNT\s+NAME/);
    expect(text.out).toMatch(/\n1\s+replay\s+completed\s+old-town-walk\s/);
    const json = await hunt('runs', '--db', db, '--json');
    const runs = JSON.parse(json.out) as { id: number; status: string; events: number; rejected: number }[];
    const result = JSON.parse(plain.out) as { events: number; rejected: unknown[] };
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: 1, status: 'completed', events: result.events, rejected: result.rejected.length });
  });

  it('refuses --db with --until, and a file that is not a database, naming it (exit 2)', async () => {
    const r = await hunt('replay', HUNT, log, '--until', '10', '--db', join(tmp.dir, 'x.db'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot be combined with --until/);
    const notDb = join(tmp.dir, 'notes.txt');
    writeFileSync(notDb, 'hello, this is not a database at all. '.repeat(10));
    const list = await hunt('runs', '--db', notDb);
    expect(list.code).toBe(2);
    expect(list.err).toContain(`${notDb}: is not an SQLite database`);
    const replay = await hunt('replay', HUNT, log, '--db', notDb);
    expect(replay.code).toBe(2);
    expect(replay.err).toContain(`${notDb}: is not an SQLite database`);
  });

  it('rejects unknown options and arguments', async () => {
    expect((await hunt('runs', '--nope')).code).toBe(2);
    expect((await hunt('runs', 'extra', '--db', join(tmp.dir, 'runs.db'))).code).toBe(2);
  });
});
