import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileHunt } from '../../../engine/hunt/compile';
import type { Hunt } from '../../../engine/hunt/schema';
import { rescoreLog, standings, type NumberedLine } from '../../../engine/whatif/rescore';
import { replayLines } from '../../../engine/replay/replay';
import { defaultProfiles } from '../../../engine/sim/presets';
import { fairHunt, runSim } from '../sim/helpers';

const read = (p: string) => readFileSync(new URL(`../../../${p}`, import.meta.url), 'utf8');
const hunt = JSON.parse(read('examples/old-town-walk.hunt.json')) as Hunt;
const expected = JSON.parse(read('examples/logs/old-town-walk.expected.json')) as { participants: { id: string; status: string; score: number }[] };
const log: NumberedLine[] = read('examples/logs/old-town-walk.jsonl').split('\n').map((text, i) => ({ line: i + 1, text }));

function withAnswers(step: string, answers: string[]): Hunt {
  const h = structuredClone(hunt);
  const s = h.steps.find((x) => x.id === step)!;
  if (s.kind !== 'answer') throw new Error('not an answer step');
  s.answers = answers;
  return h;
}

const rescore = async (edited: Hunt) => rescoreLog(compileHunt(hunt), compileHunt(edited), log);

describe('rescoreLog on the example log', () => {
  it('with the unchanged hunt changes nobody, and the old standings are the replay results', async () => {
    const r = await rescore(hunt);
    expect(r.changed).toBe(0);
    expect(r.participants.every((p) => p.firstDivergence === null && !p.rankChanged)).toBe(true);
    for (const e of expected.participants) {
      const p = r.participants.find((x) => x.id === e.id)!;
      expect({ status: p.old.status, score: p.old.score }).toEqual({ status: e.status, score: e.score });
    }
    expect(r.endTime).toBe(7400);
  });

  it('accepting "1683" for plague-year changes exactly the foxes, from line 31 on', async () => {
    const r = await rescore(withAnswers('plague-year', ['1679', '1683']));
    expect(r.participants.filter((p) => p.changed).map((p) => p.id)).toEqual(['foxes']);
    const foxes = r.participants.find((p) => p.id === 'foxes')!;
    expect(foxes.firstDivergence).toEqual({ line: 31, old: 'wrong attempt on plague-year', new: 'solved plague-year' });
    expect(foxes.old.failed).toContain('plague-year');
    expect(foxes.new.solved).toContain('plague-year');
    expect(foxes.new.score).toBeGreaterThan(foxes.old.score);
    for (const p of r.participants.filter((x) => x.id !== 'foxes')) expect(p.firstDivergence).toBeNull();
  });

  it('no longer accepting "twelve" for clock-figures changes exactly the owls, from line 36 on', async () => {
    const r = await rescore(withAnswers('clock-figures', ['12']));
    expect(r.participants.filter((p) => p.changed).map((p) => p.id)).toEqual(['owls']);
    const owls = r.participants.find((p) => p.id === 'owls')!;
    expect(owls.firstDivergence).toMatchObject({ line: 36, old: 'solved clock-figures', new: 'wrong attempt on clock-figures' });
    expect(owls.old).toMatchObject({ status: 'finished', rank: 1 });
    // Its time limit fails the step instead, which still opens the final code: a finish, fewer points.
    expect(owls.new.failed).toContain('clock-figures');
    expect(owls.new.score).toBeLessThan(owls.old.score);
  });
});

describe('rescoreLog on a hunt/2 log', () => {
  it('takes its choose, submit and judge lines and rotation places as a replay does', async () => {
    const fair = fairHunt();
    const { h, lines } = runSim(fair, { participants: 60, seed: 4, profiles: defaultProfiles() });
    const r = await rescoreLog(h, compileHunt(fair), lines.map((text, i) => ({ line: i + 1, text })));
    expect(r.changed).toBe(0);
    const replay = await replayLines(h, lines);
    for (const e of replay.participants) {
      const p = r.participants.find((x) => x.id === e.id)!;
      expect({ status: p.old.status, score: p.old.score, solved: p.old.solved }).toEqual({ status: e.status, score: e.score, solved: e.solved });
    }
  });
});

describe('standings', () => {
  it('ranks by score, then finishers by finish time, equal on both sharing a rank', () => {
    const r = (id: string, score: number, finishedAt: number | null) => ({ id, status: 'finished' as const, score, solved: [], failed: [], hintsUsed: 0, finishedAt });
    const s = standings([r('a', 10, 50), r('b', 20, null), r('c', 10, 40), r('d', 10, 40), r('e', 5, null)]);
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => s.get(id)!.rank)).toEqual([4, 1, 2, 2, 5]);
  });
});
