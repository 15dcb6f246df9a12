// Every public conformance replay case, v1 (test/fixtures/conformance) and v2
// (test/fixtures/conformance-v2): the hunt and log replayed must give the expected
// `--json` result, compared as the READMEs say (times within 1e-6, a missing finishedAt
// meaning null).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileHunt } from '../../../engine/hunt/compile';
import { validateHunt } from '../../../engine/hunt/validate';
import { replayLines } from '../../../engine/replay/replay';
import type { ReplayResult } from '../../../engine/log/types';

const FIXTURES = join(import.meta.dirname, '../../fixtures');
const casesIn = (dir: string) =>
  readdirSync(join(FIXTURES, dir))
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

describe.each([
  ['conformance', 40],
  ['conformance-v2', 38],
])('public %s cases', (dir, count) => {
  const DIR = join(FIXTURES, dir);
  const CASES = casesIn(dir);
  it('has the replay cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(count);
  });
  for (const name of CASES) {
    it(name, async () => {
      const hunt = validateHunt(JSON.parse(readFileSync(join(DIR, `${name}.hunt.json`), 'utf8'))).hunt!;
      expect(hunt).toBeDefined();
      const lines = readFileSync(join(DIR, `${name}.jsonl`), 'utf8').split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      const expected = JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8')) as ReplayResult;
      const actual = await replayLines(compileHunt(hunt), lines);
      expect(normalise(actual)).toEqual(normalise(expected));
    });
  }
});
