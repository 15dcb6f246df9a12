// The old-format fixture database (test/fixtures/old-format/runs-schema2.db, schema
// version 2, made with the code of the commit that added it: see make-fixture.ts there)
// still opens, lists its runs, seeks and resumes to the answers that code gave. The
// expected values below were computed with that code, on that fixture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RunStore } from '../../host/store/run-store';
import { resumeRun } from '../../host/store/resume';
import { fileSource } from '../../host/store/source';
import '../../host/sim/source'; // registers the simulation source kind (resume of run 4)
import { tempDir } from './helpers';

const FIXTURE = fileURLToPath(new URL('../fixtures/old-format/runs-schema2.db', import.meta.url));

const sha = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

let tmp: ReturnType<typeof tempDir>;
let file: string;
beforeAll(() => {
  tmp = tempDir('hunt-old-format-');
  file = join(tmp.dir, 'old.db');
  copyFileSync(FIXTURE, file);
});
afterAll(() => tmp.cleanup());

/** Run 2's log as a file again: its stored lines at their line numbers (blank lines where the source had them). */
function writeLogOf(store: RunStore, runId: number, path: string): void {
  const out: string[] = [];
  for (const e of store.events(runId, 1, 1_000_000)) {
    while (out.length < e.line - 1) out.push('');
    out.push(e.raw);
  }
  writeFileSync(path, out.map((l) => `${l}\n`).join(''));
}

describe('a database written by the schema-2 code', () => {
  it('opens and lists its runs as that code did', () => {
    const store = new RunStore(file);
    try {
      expect(store.runs().map((r) => [r.id, r.kind, r.name, r.status, r.events, r.applied, r.rejected, r.participants, r.checkpointEvery, r.lastLine])).toEqual(EXPECTED.runs);
      expect(sha(store.result(1))).toBe(EXPECTED.result1);
      expect(sha(store.result(2))).toBe(EXPECTED.result2);
      expect(store.result(2)!.rejected).toEqual(EXPECTED.rejected2);
      expect(store.result(3)).toBeNull();
    } finally {
      store.close();
    }
  });

  it('seeks: the run at an event, a participant and a page of participants', () => {
    const store = new RunStore(file);
    try {
      const point = store.point(2, 1000);
      expect([point.seq, point.clock, point.applied, point.rejected, point.participants, sha(point.event)]).toEqual(EXPECTED.point);
      const one = store.participant(2, 1000, EXPECTED.someone)!;
      expect([one.state.status, sha(one.result), sha(one.steps)]).toEqual(EXPECTED.participant);
      const page = store.participants(2, 1000, { offset: 5, limit: 4 });
      expect([page.total, page.participants.map((p) => [p.id, p.state.status, sha(p.result)])]).toEqual(EXPECTED.page);
      // A seek into the interrupted run, after its last checkpoint.
      const late = store.participant(3, 590, EXPECTED.someone)!;
      expect([late.state.status, sha(late.result), sha(late.steps)]).toEqual(EXPECTED.interruptedParticipant);
    } finally {
      store.close();
    }
  });

  it('resumes the interrupted replay and the cancelled simulation to the results of the runs that completed', async () => {
    const store = new RunStore(file);
    const log = join(tmp.dir, 'run2.jsonl');
    let result2: unknown;
    let result1: unknown;
    try {
      writeLogOf(store, 2, log);
      result1 = store.result(1);
      result2 = store.result(2);
    } finally {
      store.close();
    }
    const replay = await resumeRun(file, 3, { workers: 2, source: fileSource(log) });
    expect(replay.status).toBe('completed');
    expect(JSON.parse(JSON.stringify(replay.result))).toEqual(result2);
    expect(sha(replay.result)).toBe(EXPECTED.result2);
    const sim = await resumeRun(file, 4, { workers: 1 });
    expect(sim.status).toBe('completed');
    expect(JSON.parse(JSON.stringify(sim.result))).toEqual(result1);
    const after = new RunStore(file);
    try {
      expect(after.runs().map((r) => [r.id, r.status, r.events, r.rejected, r.participants])).toEqual(EXPECTED.afterResume);
    } finally {
      after.close();
    }
  });
});

// Computed with the schema-2 code (commit d5ec5c4) on this fixture.
const EXPECTED = {
  runs: [[1, 'simulation', 'fixture simulation', 'completed', 2092, 2092, 0, 30, 400, 2092], [2, 'replay', 'fixture replay', 'completed', 2095, 2092, 3, 30, 250, 2096], [3, 'replay', 'fixture interrupted replay', 'interrupted', 599, 596, 3, 23, 250, 600], [4, 'simulation', 'fixture cancelled simulation', 'cancelled', 600, 600, 0, 23, 400, 600]],
  result1: '0cff72c45f72a145',
  result2: '2608bfb575a771ed',
  rejected2: [{ line: 41, reason: 'malformed' }, { line: 121, reason: 'time-backwards' }, { line: 201, reason: 'unknown-type' }],
  point: [1000, 2036.707, 997, 3, 30, '77095171860223e8'],
  someone: 'sim-08',
  participant: ['finished', '15d87a88fb466810', '43024a0c082f33d7'],
  page: [30, [['sim-06', 'active', 'c4f22c78e3db7c57'], ['sim-07', 'active', '2ef4416aa13a9e8e'], ['sim-08', 'finished', '15d87a88fb466810'], ['sim-09', 'active', '0d5df61c17da9e58']]],
  interruptedParticipant: ['active', 'c2dcdb2fac7f7670', '5a339ff0448fa268'],
  afterResume: [[1, 'completed', 2092, 0, 30], [2, 'completed', 2095, 3, 30], [3, 'completed', 2095, 3, 30], [4, 'completed', 2092, 0, 30]],
};
