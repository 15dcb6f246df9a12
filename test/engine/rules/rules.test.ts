// The rules of spec §3 through the plain functions of engine/rules.
import { describe, expect, it } from 'vitest';
import { advanceTo, applyEvent, inPlace, participantResult, stepBreakdown, stepStatus } from '../../../engine/rules';
import { answer, hint, huntOf, join, position, quit, runRules, scan } from './helpers';

const IN = 0.00005; // degrees of latitude: about 5.6 m
const OUT = 0.001; // about 111 m

describe('join (rule 1) and unlocking (rule 3)', () => {
  it('makes steps without requires available at the join time, others locked', () => {
    const h = huntOf([{ id: 'a', kind: 'code' }, { id: 'b', kind: 'code', requires: ['a'] }, { id: 'c', kind: 'answer' }]);
    const { state } = runRules(h, [join(5)]);
    expect([0, 1, 2].map((i) => stepStatus(state, i))).toEqual(['available', 'locked', 'available']);
    expect(stepBreakdown(h, state).map((s) => s.availableAt)).toEqual([5, null, 5]);
  });

  it('unlocks a step when its last requirement is done, at that time', () => {
    const h = huntOf([{ id: 'a', kind: 'code' }, { id: 'b', kind: 'code' }, { id: 'c', kind: 'code', requires: ['a', 'b'] }]);
    const { state } = runRules(h, [join(0), scan(1, 'a', 'C'), scan(3, 'b', 'C')]);
    expect(stepBreakdown(h, state)[2]).toMatchObject({ status: 'available', availableAt: 3 });
  });

  it('finishes when every step is done, even if every step failed', () => {
    const h = huntOf([{ id: 'a', kind: 'code', maxAttempts: 1 }, { id: 'b', kind: 'answer', maxAttempts: 1, requires: ['a'] }]);
    const { state } = runRules(h, [join(0), scan(1, 'a', 'X'), answer(2, 'b', 'no')]);
    expect(participantResult(h, state)).toEqual({
      id: 'p1', status: 'finished', score: 0, solved: [], failed: ['a', 'b'], hintsUsed: 0, finishedAt: 2,
    });
  });
});

describe('answers and codes (rules 4 and 5)', () => {
  it('counts wrong attempts, fails at maxAttempts, and charges the penalty on a later solve', () => {
    const h = huntOf([{ id: 'a', kind: 'answer', maxAttempts: 3, points: 50 }, { id: 'b', kind: 'answer', maxAttempts: 2 }], { wrongAnswerPenalty: 7 });
    const { state } = runRules(h, [join(0), answer(1, 'a', 'no'), answer(2, 'a', 'nope'), answer(3, 'a', 'Yes'), answer(4, 'b', 'x'), answer(5, 'b', 'y')]);
    const steps = stepBreakdown(h, state);
    expect(steps[0]).toMatchObject({ status: 'solved', wrongAttempts: 2, wrongPenalty: 14, score: 36 });
    expect(steps[1]).toMatchObject({ status: 'failed', wrongAttempts: 2, doneAt: 5, score: 0 });
  });

  it('never scores a step below zero', () => {
    const h = huntOf([{ id: 'a', kind: 'code', points: 10, hints: [{ text: 'h', penalty: 8 }] }], { wrongAnswerPenalty: 5 });
    const { state } = runRules(h, [join(0), hint(1, 'a'), scan(2, 'a', 'x'), scan(3, 'a', 'C')]);
    expect(participantResult(h, state).score).toBe(0);
  });

  it('matches codes after trimming both, case-sensitively; a wrong code is a wrong attempt', () => {
    const h = huntOf([{ id: 'a', kind: 'code', code: '  PLQ-7\t', maxAttempts: 2 }, { id: 'b', kind: 'code', code: 'Z' }], { wrongAnswerPenalty: 1 });
    const { state } = runRules(h, [join(0), scan(1, 'a', 'plq-7'), scan(2, 'a', '\n PLQ-7 '), scan(3, 'b', 'Z ')]);
    expect(stepBreakdown(h, state).map((s) => [s.status, s.wrongAttempts, s.score])).toEqual([['solved', 1, 99], ['solved', 0, 100]]);
  });

  it.each([
    ['accents', 'Café', ['cafe', 'CAFÉ', 'Cafe\u0301']],
    ['case', 'İstanbul', ['istanbul', 'ISTANBUL', 'i̇stanbul']],
    ['punctuation and spaces', 'a piano', ['A piano!', '  a-piano ', '...a,  piano?']],
    ['full-width characters', 'Piano 7', ['Ｐｉａｎｏ　７', 'ＰＩＡＮＯ ７']],
    ['ligatures', 'fish', ['ﬁsh']],
  ])('normalises answers: %s', (_what, accepted, attempts) => {
    const h = huntOf(attempts.map((_, k) => ({ id: `s${k}`, kind: 'answer' as const, answers: [accepted], maxAttempts: 1 })));
    const events = [join(0), ...attempts.map((text, k) => answer(1 + k, `s${k}`, text))];
    expect(participantResult(h, runRules(h, events).state).solved).toEqual(attempts.map((_, k) => `s${k}`));
  });

  it('does not accept a different word that only shares letters', () => {
    const h = huntOf([{ id: 'a', kind: 'answer', answers: ['a piano'] }]);
    expect(stepBreakdown(h, runRules(h, [join(0), answer(1, 'a', 'apiano')]).state)[0].wrongAttempts).toBe(1);
  });
});

describe('positions (rule 6)', () => {
  it('solves every available location step in range, in file order, with one position', () => {
    const h = huntOf([
      { id: 'far', kind: 'location', at: { lat: 1 } },
      { id: 'b', kind: 'location', at: { lat: IN } },
      { id: 'a', kind: 'location', at: { lat: 0 } },
      { id: 'after-a', kind: 'location', at: { lat: 0 }, requires: ['a'] },
    ]);
    const first = runRules(h, [join(0), position(10, 0, 0)]).state;
    expect(participantResult(h, first).solved).toEqual(['b', 'a']);
    // The step its own solves unlocked waits for the next position.
    expect(stepStatus(first, 3)).toBe('available');
    const second = runRules(h, [join(0), position(10, 0, 0), position(11, 0, 0)]).state;
    expect(participantResult(h, second).solved).toEqual(['b', 'a', 'after-a']);
  });

  it('is not a wrong attempt when it solves nothing, and the radius is inclusive', () => {
    const h = huntOf([{ id: 'a', kind: 'location', at: { lat: 0, radiusM: 111.19508372419141 } }], { wrongAnswerPenalty: 10 });
    const { state, rejections } = runRules(h, [join(0), position(1, OUT + 0.0001, 0), position(2, OUT, 0)]);
    expect(rejections).toEqual([null, null, null]);
    expect(stepBreakdown(h, state)[0]).toMatchObject({ status: 'solved', wrongAttempts: 0, score: 100 });
  });
});

describe('hints (rule 7) and score (rule 9)', () => {
  it('gives hints in order, charges them on the step, and counts them all', () => {
    const h = huntOf([
      { id: 'a', kind: 'code', hints: [{ text: '1', penalty: 5 }, { text: '2', penalty: 15 }] },
      { id: 'b', kind: 'code', hints: [{ text: '1', penalty: 30 }], maxAttempts: 1 },
    ]);
    const { state, rejections } = runRules(h, [join(0), hint(1, 'a'), hint(2, 'a'), hint(3, 'a'), hint(4, 'b'), scan(5, 'a', 'C'), scan(6, 'b', 'x')]);
    expect(rejections[3]).toBe('no-hint-left');
    expect(stepBreakdown(h, state).map((s) => [s.hintsTaken, s.hintPenalty, s.score])).toEqual([[2, 20, 80], [1, 30, 0]]);
    expect(participantResult(h, state)).toMatchObject({ score: 80, hintsUsed: 3, failed: ['b'] });
  });
});

describe('rejections (checks 6 and 7)', () => {
  const h = huntOf([
    { id: 'ans', kind: 'answer', hints: [{ text: 'h', penalty: 1 }] },
    { id: 'code', kind: 'code' },
    { id: 'loc', kind: 'location' },
    { id: 'locked', kind: 'code', requires: ['ans'] },
  ]);
  it.each([
    ['unknown-step', answer(1, 'nope', 'x')],
    ['unknown-step', hint(1, 'ANS')],
    ['wrong-kind', answer(1, 'code', 'C')],
    ['wrong-kind', scan(1, 'ans', 'yes')],
    ['wrong-kind', scan(1, 'loc', 'C')],
    ['step-not-available', scan(1, 'locked', 'C')],
    ['step-not-available', hint(1, 'locked')],
  ])('%s for %j', (reason, e) => {
    const before = runRules(h, [join(0)]).state;
    const { state, rejections } = runRules(h, [join(0), e]);
    expect(rejections[1]).toBe(reason);
    expect(state).toEqual(before);
  });

  it('step-not-available for a step already done, no-hint-left after the last hint', () => {
    const { rejections } = runRules(h, [join(0), answer(1, 'ans', 'yes'), answer(2, 'ans', 'yes'), hint(3, 'code'), hint(4, 'locked'), hint(5, 'locked')]);
    // `locked` has become available but has no hints at all.
    expect(rejections).toEqual([null, null, 'step-not-available', 'no-hint-left', 'no-hint-left', 'no-hint-left']);
  });

  it('participant-not-active after quit, and the quit stops the clock', () => {
    const h2 = huntOf([{ id: 'a', kind: 'code', timeLimitSec: 10 }], { timeLimitSec: 20 });
    const { state, rejections } = runRules(h2, [join(0), quit(5), scan(6, 'a', 'C'), hint(30, 'a')]);
    expect(rejections).toEqual([null, null, 'participant-not-active', 'participant-not-active']);
    expect(participantResult(h2, state)).toMatchObject({ status: 'quit', failed: [], finishedAt: null });
  });

  it('duplicate-join for a join of an existing participant', () => {
    expect(runRules(h, [join(0), join(1)]).rejections[1]).toBe('duplicate-join');
  });
});

describe('deadlines (rule 2)', () => {
  it('fails a step at its deadline; an event exactly at the deadline is too late', () => {
    const h = huntOf([{ id: 'a', kind: 'code', timeLimitSec: 10 }, { id: 'b', kind: 'code' }]);
    const { state, rejections } = runRules(h, [join(2), scan(12, 'a', 'C')]);
    expect(rejections[1]).toBe('step-not-available');
    expect(stepBreakdown(h, state)[0]).toMatchObject({ status: 'failed', doneAt: 12 });
  });

  it('times the participant out at joinedAt + timeLimitSec; later events are participant-not-active', () => {
    const h = huntOf([{ id: 'a', kind: 'code' }], { timeLimitSec: 100 });
    const { state, rejections } = runRules(h, [join(50), scan(150, 'a', 'C')]);
    expect(rejections[1]).toBe('participant-not-active');
    expect(participantResult(h, state)).toMatchObject({ status: 'timed_out', solved: [], finishedAt: null });
  });

  it('applies the hunt deadline before a step deadline at the same time', () => {
    const h = huntOf([{ id: 'a', kind: 'code', timeLimitSec: 30 }, { id: 'b', kind: 'code' }], { timeLimitSec: 30 });
    const s = advanceTo(h, runRules(h, [join(0)]).state, 30);
    expect(participantResult(h, s)).toMatchObject({ status: 'timed_out', failed: [] });
  });

  it('fails steps with equal deadlines in file order', () => {
    const h = huntOf([{ id: 'x', kind: 'code' }, { id: 'b', kind: 'code', timeLimitSec: 10 }, { id: 'a', kind: 'code', timeLimitSec: 10 }]);
    const s = advanceTo(h, runRules(h, [join(0)]).state, 10);
    expect(participantResult(h, s).failed).toEqual(['b', 'a']);
  });

  it('cascades: a failure unlocks dependents at the deadline time, whose own deadlines count from there', () => {
    const h = huntOf([
      { id: 'a', kind: 'code', timeLimitSec: 10 },
      { id: 'b', kind: 'code', timeLimitSec: 5, requires: ['a'] },
      { id: 'c', kind: 'code', requires: ['b'] },
      { id: 'd', kind: 'code', timeLimitSec: 100 },
    ]);
    const { state, rejections } = runRules(h, [join(0), scan(16, 'c', 'C')]);
    expect(rejections[1]).toBeNull();
    expect(stepBreakdown(h, state).map((s) => [s.status, s.availableAt, s.doneAt])).toEqual([
      ['failed', 0, 10],
      ['failed', 10, 15],
      ['solved', 15, 16],
      ['available', 0, null],
    ]);
    expect(participantResult(h, state).failed).toEqual(['a', 'b']);
  });

  it('a cascade can finish the participant at the last deadline, and then no hunt deadline applies', () => {
    const h = huntOf([{ id: 'a', kind: 'code', timeLimitSec: 10 }, { id: 'b', kind: 'code', timeLimitSec: 10, requires: ['a'] }], { timeLimitSec: 25 });
    const s = advanceTo(h, runRules(h, [join(0)]).state, 1000);
    expect(participantResult(h, s)).toMatchObject({ status: 'finished', failed: ['a', 'b'], finishedAt: 20 });
  });

  it('gives the same state whether deadlines are applied in one go or step by step', () => {
    const h = huntOf([
      { id: 'a', kind: 'code', timeLimitSec: 3 },
      { id: 'b', kind: 'code', timeLimitSec: 4, requires: ['a'] },
      { id: 'c', kind: 'code', timeLimitSec: 2.5, requires: ['a'] },
      { id: 'd', kind: 'code', requires: ['b', 'c'] },
    ], { timeLimitSec: 50 });
    const start = runRules(h, [join(1)]).state;
    let stepwise = start;
    for (let t = 0; t <= 60; t += 0.5) stepwise = advanceTo(h, stepwise, t);
    expect(advanceTo(h, start, 60)).toEqual(stepwise);
  });

  it('returns the very same object when no deadline has passed', () => {
    const h = huntOf([{ id: 'a', kind: 'code', timeLimitSec: 10 }], { timeLimitSec: 20 });
    const s = runRules(h, [join(0)]).state;
    expect(advanceTo(h, s, 9.99)).toBe(s);
  });
});

describe('changing a state in place (inPlace), for a caller that owns it', () => {
  it('gives the same states and verdicts as the copying rules, in the very same object', () => {
    const h = huntOf([
      { id: 'a', kind: 'code', timeLimitSec: 3, hints: [{ text: 'h', penalty: 5 }] },
      { id: 'b', kind: 'answer', requires: ['a'], maxAttempts: 2 },
      { id: 'c', kind: 'location', requires: ['a'], timeLimitSec: 4 },
    ], { timeLimitSec: 30 });
    const events = [hint(1, 'a'), scan(2, 'a', 'C'), answer(3, 'b', 'no'), position(4, OUT, 0), answer(5, 'b', 'no'), answer(6, 'b', 'yes'), position(9, IN, 0)];
    const copied = runRules(h, [join(0)]).state;
    let copy = copied;
    const own = runRules(h, [join(0)]).state;
    for (const e of events) {
      const a = applyEvent(h, copy, e);
      const b = applyEvent(h, own, e, inPlace);
      expect(b.state).toBe(own);
      expect(b.rejection).toBe(a.rejection);
      expect(own).toEqual(a.state);
      copy = a.state;
    }
    expect(advanceTo(h, own, 100, inPlace)).toBe(own);
    expect(own).toEqual(advanceTo(h, copy, 100));
    expect(own.status).toBe('finished'); // c failed at its deadline, b solved after a wrong answer
    // The copying rules never touched the states they were given.
    expect(copied.doneOrder).toEqual([]);
  });
});
