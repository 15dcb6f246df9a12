// Which settings differ between two runs, whether the outcome moved, and why a change could not matter.
import { describe, expect, it } from 'vitest';
import { compareRunChanges, type ComparedRun } from '../../../engine/analytics/run-changes';
import type { StepDiagnostics } from '../../../engine/analytics/step-diagnostics';

const diag = (step: string, title: string, over: Partial<StepDiagnostics>): StepDiagnostics => ({
  step,
  title,
  reached: 100,
  solved: 100,
  failedTimeLimit: 0,
  failedAttempts: 0,
  failedOther: 0,
  quitOnIt: 0,
  timedOutOnIt: 0,
  open: 0,
  timeSpent: { median: 60, p90: 120 },
  timeToSolve: { median: 60, p90: 120 },
  hints: 0,
  wrongAttempts: 0,
  timeLimitSec: null,
  maxAttempts: null,
  ...over,
});

const hunt = (parade: Record<string, unknown>) => ({
  format: 'hunt/1',
  id: 'h',
  title: 'H',
  steps: [
    { id: 'parade', title: 'Count the parade', kind: 'answer', answers: ['12'], maxAttempts: 3, timeLimitSec: 600, hints: [{ text: 'x', penalty: 25 }], ...parade },
    { id: 'roof', title: 'Look up', kind: 'answer', answers: ['eagle'], maxAttempts: 3 },
  ],
});

function run(name: string, h: unknown, parade: Partial<StepDiagnostics>, finished = 90, settings: unknown = { participants: 100, seed: 1, profiles: [] }): ComparedRun {
  return {
    name,
    hunt: h,
    settings,
    participants: 100,
    statuses: { active: 0, finished, timed_out: 0, quit: 100 - finished },
    score: { p10: 100, p50: 300, p90: 500, histogram: [{ from: 0, to: 500, count: 100 }] },
    steps: [diag('parade', 'Count the parade', { solved: 50, failedTimeLimit: 50, hints: 0, ...parade }), diag('roof', 'Look up', {})],
  };
}

describe('compareRunChanges', () => {
  it('more attempts on a step nobody ran out of attempts on could not matter, and says why', () => {
    const a = run('A', hunt({}), {});
    const b = run('B', hunt({ maxAttempts: 5 }), {});
    const r = compareRunChanges(a, b);
    expect(r.changes).toEqual([
      {
        setting: 'max-attempts',
        step: 'parade',
        label: 'max attempts of “Count the parade”',
        from: '3',
        to: '5',
        remark: 'No one ran out of attempts on it in A (its 50 failures came from its time limit): more attempts could not change who solves it.',
      },
    ]);
    expect(r.moved).toBe(false);
    expect(r.verdict).toBe('The outcome did not move: the same 90 of 100 finished and every step was solved and failed as often.');
    expect(r.lines).toContain('“Count the parade”: solved 50 (same); failed by time limit 50 (same), by attempts 0 (same); hints 0 (same)');
  });

  it('fewer attempts, or more where people ran out, could matter: no remark; a moved outcome says by how much', () => {
    const a = run('A', hunt({}), { failedAttempts: 10, failedTimeLimit: 40 });
    expect(compareRunChanges(a, run('B', hunt({ maxAttempts: 2 }), {})).changes[0].remark).toBeNull();
    const r = compareRunChanges(a, run('B', hunt({ maxAttempts: 6 }), { solved: 58, failedAttempts: 2, failedTimeLimit: 40 }, 95));
    expect(r.changes[0].remark).toBeNull();
    expect(r.moved).toBe(true);
    expect(r.verdict).toBe('The outcome moved: 90 → 95 finished (90.0% → 95.0%).');
  });

  it('a longer time limit nobody reached could not matter; hint penalties nobody paid change nothing; another seed is chance', () => {
    const a = run('A', hunt({}), { failedTimeLimit: 0, failedAttempts: 50 });
    const b = run('B', hunt({ timeLimitSec: 900, hints: [{ text: 'x', penalty: 5 }] }), { failedTimeLimit: 0, failedAttempts: 50 }, 90, { participants: 100, seed: 2, profiles: [] });
    const r = compareRunChanges(a, b);
    expect(r.changes.map((c) => [c.setting, c.from, c.to])).toEqual([
      ['time-limit', '10 min', '15 min'],
      ['hint-penalties', '25', '5'],
      ['seed', '1', '2'],
    ]);
    expect(r.changes[0].remark).toMatch(/No one reached its time limit in A/);
    expect(r.changes[1].remark).toMatch(/no one took a hint on it in A: nothing could change/);
    expect(r.changes[2].remark).toMatch(/part of any difference is chance/);
  });

  it('a cheaper hint that some took: the outcome did not move, only the scores', () => {
    const a = run('A', hunt({}), { hints: 30 });
    const b = { ...run('B', hunt({ hints: [{ text: 'x', penalty: 0 }] }), { hints: 30 }), score: { p10: 100, p50: 310, p90: 500, histogram: [{ from: 0, to: 500, count: 100 }] } };
    const r = compareRunChanges(a, b);
    expect(r.scoresMoved).toBe(true);
    expect(r.verdict).toBe('The outcome did not move: the same 90 of 100 finished and every step was solved and failed as often; only the scores changed.');
    expect(r.lines).toContain('Score p10 / median / p90: 100 (same) / 300 → 310 / 500 (same)');
  });

  it('the same settings: says so', () => {
    const r = compareRunChanges(run('A', hunt({}), {}), run('B', hunt({}), {}));
    expect(r.changes).toEqual([]);
    expect(r.verdict).toBe('No setting differs, and the outcome is the same.');
  });
});
