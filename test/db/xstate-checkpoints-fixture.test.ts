// The fixture database whose checkpoints are XState persisted snapshots
// (test/fixtures/db/xstate-checkpoints.db, written by c8e75db: see the README there)
// opens, seeks and resumes to exactly what that code answered (expected.json, recorded
// by the same recordFixture on the same file). Resumed runs write checkpoints in the
// participant-state format on top of the old ones, and read both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { recordFixture, RESUMES, sha, type FixtureRecord } from '../fixtures/db/record-expected';
import { RunStore } from '../../host/store/run-store';
import { tempDir } from './helpers';

const FIXTURE = fileURLToPath(new URL('../fixtures/db/xstate-checkpoints.db', import.meta.url));
const EXPECTED = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/db/expected.json', import.meta.url)), 'utf8')) as FixtureRecord;

let tmp: ReturnType<typeof tempDir>;
let file: string;
let got: FixtureRecord;
beforeAll(async () => {
  tmp = tempDir('hunt-xstate-fixture-');
  file = join(tmp.dir, 'old.db');
  copyFileSync(FIXTURE, file);
  got = await recordFixture(file, tmp.dir);
}, 120_000);
afterAll(() => tmp.cleanup());

/** Each stored snapshot row's format: 'xstate' (before) or 'v1' (the participant-state format). */
function rowFormats(path: string): Map<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    const out = new Map<string, number>();
    for (const json of db.prepare('SELECT snapshot FROM snapshots').pluck().iterate() as Iterable<string>) {
      const o = JSON.parse(json) as Record<string, unknown>;
      const kind = 'context' in o ? 'xstate' : o.v === 1 ? 'v1' : 'other';
      out.set(kind, (out.get(kind) ?? 0) + 1);
    }
    return out;
  } finally {
    db.close();
  }
}

describe('a database whose checkpoints are XState persisted snapshots (c8e75db)', () => {
  it('holds only XState snapshots (so the tests below read the old format)', () => {
    expect([...rowFormats(FIXTURE)]).toEqual([['xstate', 595]]);
  });

  it('opens and lists its runs, checkpoints and results as that code did', () => {
    expect(got.runs).toEqual(EXPECTED.runs);
    expect(got.checkpoints).toEqual(EXPECTED.checkpoints);
    expect(got.results).toEqual(EXPECTED.results);
  });

  it('seeks (the point, every participant, one participant) at, before and after each checkpoint to what that code answered', () => {
    expect(Object.keys(got.seeks)).toEqual(Object.keys(EXPECTED.seeks));
    for (const run of Object.keys(EXPECTED.seeks)) expect(got.seeks[Number(run)], `run ${run}`).toEqual(EXPECTED.seeks[Number(run)]);
  });

  it('resumes the interrupted replays and the cancelled simulation (hunt/1 and hunt/2) to the recorded results, those of their completed twins', () => {
    expect(got.resumed).toEqual(EXPECTED.resumed);
    for (const r of RESUMES) expect(got.resumed[r.run].result, `run ${r.run}`).toBe(sha(EXPECTED.results[r.same]));
    expect(got.afterResume).toEqual(EXPECTED.afterResume);
    // The resumed runs went on writing checkpoints, in the new format, next to the old rows.
    const formats = rowFormats(file);
    expect(formats.get('xstate')).toBe(595);
    expect(formats.get('v1')).toBeGreaterThan(0);
    expect(formats.has('other')).toBe(false);
  });

  it('seeks in a resumed run, across its old and new checkpoints, as in its completed twin', () => {
    const store = new RunStore(file);
    try {
      for (const { run, same } of RESUMES) {
        for (const [seq, point, page, one] of EXPECTED.seeks[same]) {
          const { run: _run, ...at } = store.point(run, seq);
          const all = store.participants(run, seq, { offset: 0, limit: 1000 });
          const first = all.participants[0]?.id;
          expect([seq, sha(at), sha([all.total, all.participants]), sha(first === undefined ? null : store.participant(run, seq, first))], `run ${run} at ${seq}`).toEqual([
            seq,
            point,
            page,
            one,
          ]);
        }
      }
    } finally {
      store.close();
    }
  });
});
