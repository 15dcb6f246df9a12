// Every public conformance replay case (test/fixtures/conformance): the hunt and
// log replayed must give the expected `--json` result, compared as the README says
// (times within 1e-6, a missing finishedAt meaning null).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileHunt } from '../../../engine/hunt/compile';
import { huntSchema } from '../../../engine/hunt/schema';
import { replayLines } from '../../../engine/replay/replay';
import type { ReplayResult } from '../../../engine/log/types';

const DIR = join(import.meta.dirname, '../../fixtures/conformance');
const CASES = readdirSync(DIR)
  .filter((f) => f.endsWith('.jsonl'))
  .map((f) => f.replace(/\.jsonl$/, ''))
  .sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));

/** Times rounded so that values within 1e-6 compare equal. */
function normalise(r: ReplayResult) {
  const time = (t: number | null | undefined) => (t === null || t === undefined ? null : Math.round(t * 1e6) / 1e6);
  return {
    hunt: r.hunt,
    events: r.events,
    applied: r.applied,
    endTime: time(r.endTime),
    rejected: r.rejected.map((x) => ({ line: x.line, reason: x.reason })),
    participants: r.participants.map((p) => ({
      id: p.id,
      status: p.status,
      score: p.score,
      solved: p.solved,
      failed: p.failed,
      hintsUsed: p.hintsUsed,
      finishedAt: time(p.finishedAt),
    })),
  };
}

describe('public conformance cases', () => {
  it('has the replay cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });
  for (const name of CASES) {
    it(name, async () => {
      const hunt = huntSchema.parse(JSON.parse(readFileSync(join(DIR, `${name}.hunt.json`), 'utf8')));
      const lines = readFileSync(join(DIR, `${name}.jsonl`), 'utf8').split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      const expected = JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8')) as ReplayResult;
      const actual = await replayLines(compileHunt(hunt), lines);
      expect(normalise(actual)).toEqual(normalise(expected));
    });
  }
});
