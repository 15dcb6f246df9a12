// hunt/2 bad events (hunt-v2 §2, §3.4, §5.2, §5.7, §5.8): every malformed v2 event is a
// rejection naming its line, with the reason the spec gives, and changes nothing; every
// event that breaks a §3.4 check is rejected in the spec's order of checks; and what the
// spec says is kept (extra fields, `by`) is kept, not dropped or refused. Through the
// whole replay (the log front's checks 1–4, then the participant's checks 5–7).
import { describe, expect, it } from 'vitest';
import { compileHunt } from '../../../engine/hunt/compile';
import type { Hunt } from '../../../engine/hunt/schema';
import { validateHunt } from '../../../engine/hunt/validate';
import type { ReplayResult } from '../../../engine/log/types';
import { replayLines } from '../../../engine/replay/replay';

const HUNT = ((): Hunt => {
  const r = validateHunt({
    format: 'hunt/2',
    id: 'bad-events',
    title: 'Bad events',
    timeLimitSec: 3600,
    steps: [
      { id: 'start', title: 'Start', kind: 'code', code: 'GO' },
      { id: 'quiz', title: 'Quiz', kind: 'choice', prompt: 'Which?', choices: ['x', 'y', 'z'], correct: [1], maxAttempts: 2, requires: ['start'] },
      { id: 'photo', title: 'Photo', kind: 'judged', prompt: 'A photo', points: 80, maxAttempts: 2, requires: ['start'], hints: [{ text: 'smile', penalty: 5 }] },
      { id: 'riddle', title: 'Riddle', kind: 'answer', prompt: '?', answers: ['yes'], requires: ['start'] },
    ],
  });
  if (!r.valid) throw new Error(JSON.stringify(r.errors));
  return r.hunt!;
})();
const h = compileHunt(HUNT);

const line = (o: Record<string, unknown>) => JSON.stringify(o);
/** P1 joins and solves the start: quiz, photo and riddle are then available. */
const OPENING = [line({ t: 0, p: 'p1', type: 'join' }), line({ t: 1, p: 'p1', type: 'scan', step: 'start', code: 'GO' })];
/** …and P1's photo is pending. */
const PENDING = [...OPENING, line({ t: 2, p: 'p1', type: 'submit', step: 'photo', ref: 'a.jpg' })];

const replay = (lines: string[]): Promise<ReplayResult> => replayLines(h, lines);

/** Replays `before`, the bad line, then `after`; the bad line must be rejected for `reason` at its line and change nothing. */
async function expectRejected(before: string[], bad: string, reason: string, after: string[] = []) {
  const withBad = await replay([...before, bad, ...after]);
  // The same log with the bad line blank: line numbers stay, the line is not read.
  const without = await replay([...before, '', ...after]);
  expect(withBad.rejected).toEqual([...without.rejected, { line: before.length + 1, reason }].sort((a, b) => a.line - b.line));
  expect(withBad.participants).toEqual(without.participants);
  expect(withBad.applied).toBe(without.applied);
}

describe('hunt/2 malformed events: check 4 (hunt-v2 §2, §5.8) rejects them as malformed at their line', () => {
  it.each([
    ['choose without choice', { type: 'choose', step: 'quiz' }],
    ['choose without step', { type: 'choose', choice: 1 }],
    ['choose with a fractional choice', { type: 'choose', step: 'quiz', choice: 1.5 }],
    ['choose with a text choice', { type: 'choose', step: 'quiz', choice: '1' }],
    ['choose with a null choice', { type: 'choose', step: 'quiz', choice: null }],
    ['choose with a numeric step', { type: 'choose', step: 1, choice: 1 }],
    ['submit without ref', { type: 'submit', step: 'photo' }],
    ['submit without step', { type: 'submit', ref: 'a.jpg' }],
    ['submit with a numeric ref', { type: 'submit', step: 'photo', ref: 7 }],
    ['submit with a null ref', { type: 'submit', step: 'photo', ref: null }],
    ['submit with an object ref', { type: 'submit', step: 'photo', ref: { file: 'a.jpg' } }],
  ])('§2 %s', async (_what, fields) => {
    await expectRejected(OPENING, line({ t: 5, p: 'p1', ...fields }), 'malformed');
  });

  it.each([
    ['judge without accept', { type: 'judge', step: 'photo' }],
    ['judge without step', { type: 'judge', accept: true }],
    ['judge with a text accept', { type: 'judge', step: 'photo', accept: 'true' }],
    ['judge with a numeric accept', { type: 'judge', step: 'photo', accept: 1 }],
    ['judge with negative points', { type: 'judge', step: 'photo', accept: true, points: -1 }],
    ['judge with fractional points', { type: 'judge', step: 'photo', accept: true, points: 10.5 }],
    ['judge with text points', { type: 'judge', step: 'photo', accept: true, points: '10' }],
    ['judge with null points', { type: 'judge', step: 'photo', accept: true, points: null }],
    // §5.7 says points are ignored when accept is false; §5.8 still makes a broken one malformed.
    ['judge rejecting with negative points (§5.8 over §5.7)', { type: 'judge', step: 'photo', accept: false, points: -3 }],
    ['adjust without points', { type: 'adjust', reason: 'late' }],
    ['adjust with fractional points', { type: 'adjust', points: 2.5 }],
    ['adjust with text points', { type: 'adjust', points: '-10' }],
    ['adjust with a numeric reason', { type: 'adjust', points: 10, reason: 5 }],
    ['adjust with a null reason', { type: 'adjust', points: 10, reason: null }],
    ['extend without seconds', { type: 'extend' }],
    ['extend by 0 seconds', { type: 'extend', seconds: 0 }],
    ['extend by negative seconds', { type: 'extend', seconds: -60 }],
    ['extend with text seconds', { type: 'extend', seconds: '60' }],
    ['extend with null seconds', { type: 'extend', seconds: null }],
  ])('§2 §5.8 %s', async (_what, fields) => {
    await expectRejected(PENDING, line({ t: 5, p: 'p1', by: 'organiser', ...fields }), 'malformed');
  });

  it('§2 extend by a number too large for a double (1e400 parses as Infinity) is malformed', async () => {
    await expectRejected(OPENING, '{"t":5,"p":"p1","type":"extend","seconds":1e400}', 'malformed');
  });

  it('§3.10 check 2 before check 4: a malformed v2 line still moves the clock, so an earlier line after it is time-backwards', async () => {
    const r = await replay([...OPENING, line({ t: 50, p: 'p1', type: 'extend', seconds: -1 }), line({ t: 40, p: 'p1', type: 'choose', step: 'quiz', choice: 1 })]);
    expect(r.rejected).toEqual([
      { line: 3, reason: 'malformed' },
      { line: 4, reason: 'time-backwards' },
    ]);
  });

  it('hunt-v2 intro: in a hunt/1 log the v2 event types are unknown-type, at their lines', async () => {
    const v1 = compileHunt({ format: 'hunt/1', id: 'v1', title: 'V1', steps: [{ id: 'start', title: 'Start', kind: 'code', code: 'GO' }] });
    const types = ['choose', 'submit', 'judge', 'adjust', 'extend'];
    const r = await replayLines(v1, [line({ t: 0, p: 'p1', type: 'join' }), ...types.map((type) => line({ t: 1, p: 'p1', type, step: 'start', choice: 0, ref: 'x', accept: true, points: 1, seconds: 5 }))]);
    expect(r.rejected).toEqual(types.map((_, k) => ({ line: k + 2, reason: 'unknown-type' })));
  });
});

describe('hunt/2 events that break a check of §3.4, rejected in the order of checks 5–7', () => {
  it.each([
    // check 5
    ['§3.4 choose by a participant who never joined: unknown-participant', OPENING, { p: 'p9', type: 'choose', step: 'quiz', choice: 1 }, 'unknown-participant'],
    ['§3.4 judge about a participant who never joined: unknown-participant', OPENING, { p: 'p9', type: 'judge', step: 'photo', accept: true, by: 'organiser' }, 'unknown-participant'],
    // check 7, choose
    ['§3.4 choose on an unknown step: unknown-step', OPENING, { type: 'choose', step: 'quizz', choice: 1 }, 'unknown-step'],
    ['§3.4 choose on a judged step: wrong-kind', OPENING, { type: 'choose', step: 'photo', choice: 0 }, 'wrong-kind'],
    ['§3.4 choose on an answer step: wrong-kind', OPENING, { type: 'choose', step: 'riddle', choice: 0 }, 'wrong-kind'],
    ['§3.4 an answer on a choice step: wrong-kind', OPENING, { type: 'answer', step: 'quiz', text: 'y' }, 'wrong-kind'],
    ['§3.4 a scan on a choice step: wrong-kind', OPENING, { type: 'scan', step: 'quiz', code: '1' }, 'wrong-kind'],
    ['§3.4 choose on a locked step, even out of range: step-not-available before bad-choice', [OPENING[0]], { type: 'choose', step: 'quiz', choice: 9 }, 'step-not-available'],
    ['§3.4 choose past the last choice: bad-choice', OPENING, { type: 'choose', step: 'quiz', choice: 3 }, 'bad-choice'],
    ['§3.4 choose a negative index: bad-choice', OPENING, { type: 'choose', step: 'quiz', choice: -1 }, 'bad-choice'],
    // check 7, submit
    ['§3.4 submit on an unknown step: unknown-step', OPENING, { type: 'submit', step: 'fotos', ref: 'a.jpg' }, 'unknown-step'],
    ['§3.4 submit on a choice step: wrong-kind', OPENING, { type: 'submit', step: 'quiz', ref: 'a.jpg' }, 'wrong-kind'],
    ['§3.4 an answer on a judged step: wrong-kind', OPENING, { type: 'answer', step: 'photo', text: 'a.jpg' }, 'wrong-kind'],
    ['§3.4 a scan on a judged step: wrong-kind', OPENING, { type: 'scan', step: 'photo', code: 'a.jpg' }, 'wrong-kind'],
    ['§3.4 submit on a locked step: step-not-available', [OPENING[0]], { type: 'submit', step: 'photo', ref: 'a.jpg' }, 'step-not-available'],
    ['§3.4 submit again on a pending step: step-not-available', PENDING, { type: 'submit', step: 'photo', ref: 'b.jpg' }, 'step-not-available'],
    ['§3.4 a hint on a pending step: step-not-available', PENDING, { type: 'hint', step: 'photo' }, 'step-not-available'],
    // check 7, judge
    ['§3.4 judge on an unknown step: unknown-step', PENDING, { type: 'judge', step: 'fotos', accept: true }, 'unknown-step'],
    ['§3.4 judge on a choice step: wrong-kind', PENDING, { type: 'judge', step: 'quiz', accept: true }, 'wrong-kind'],
    ['§3.4 judge with nothing submitted: not-pending', OPENING, { type: 'judge', step: 'photo', accept: true }, 'not-pending'],
    ['§3.4 judge on a locked step: not-pending', [OPENING[0]], { type: 'judge', step: 'photo', accept: false }, 'not-pending'],
    ['§3.4 a second judgement of one submission: not-pending', [...PENDING, line({ t: 3, p: 'p1', type: 'judge', step: 'photo', accept: true })], { type: 'judge', step: 'photo', accept: false }, 'not-pending'],
    // check 6: extend needs an active participant; judge and adjust do not
    ['§3.4 extend after the participant quit: participant-not-active', [...OPENING, line({ t: 3, p: 'p1', type: 'quit' })], { type: 'extend', seconds: 60 }, 'participant-not-active'],
    ['§3.4 choose after the participant quit: participant-not-active', [...OPENING, line({ t: 3, p: 'p1', type: 'quit' })], { type: 'choose', step: 'quiz', choice: 1 }, 'participant-not-active'],
    // (p2's join moves the clock to the deadline in both logs, so only the line differs.)
    ['§3.4 submit after the hunt deadline: participant-not-active', [...OPENING, line({ t: 3600, p: 'p2', type: 'join' })], { t: 3600, type: 'submit', step: 'photo', ref: 'late.jpg' }, 'participant-not-active'],
    ['§3.4 a judge of a quit participant still needs the step pending: not-pending', [...OPENING, line({ t: 3, p: 'p1', type: 'quit' })], { type: 'judge', step: 'photo', accept: true }, 'not-pending'],
  ] as [string, string[], Record<string, unknown>, string][])('%s', async (_what, before, fields, reason) => {
    await expectRejected(before, line({ t: 5, p: 'p1', ...fields }), reason);
  });

  it('§3.4 a bad-choice is not a wrong attempt: two of them and a right choice still solve a 2-attempt choice with no penalty', async () => {
    const r = await replay([...OPENING, ...[7, -2].map((c) => line({ t: 3, p: 'p1', type: 'choose', step: 'quiz', choice: c })), line({ t: 4, p: 'p1', type: 'choose', step: 'quiz', choice: 1 })]);
    expect(r.rejected).toEqual([
      { line: 3, reason: 'bad-choice' },
      { line: 4, reason: 'bad-choice' },
    ]);
    expect(r.participants[0].solved).toEqual(['start', 'quiz']);
    expect(r.participants[0].score).toBe(200);
  });
});

describe('hunt/2 events the spec keeps: nothing is silently refused', () => {
  it('§2 extra fields on v2 events are kept, not interpreted: the events apply as without them', async () => {
    const plain = [
      ...OPENING,
      line({ t: 3, p: 'p1', type: 'choose', step: 'quiz', choice: 1 }),
      line({ t: 4, p: 'p1', type: 'submit', step: 'photo', ref: 'a.jpg' }),
      line({ t: 5, p: 'p1', type: 'judge', step: 'photo', accept: true, points: 50 }),
      line({ t: 6, p: 'p1', type: 'adjust', points: -20 }),
      line({ t: 7, p: 'p1', type: 'extend', seconds: 60 }),
    ];
    const extra = plain.map((l, k) => (k < 2 ? l : l.replace(/}$/, ',"seq":' + k + ',"source":"app","note":{"any":["thing"]}}')));
    const a = await replay(plain);
    const b = await replay(extra);
    expect(b.rejected).toEqual([]);
    expect(b).toEqual(a);
    expect(a.participants[0]).toMatchObject({ solved: ['start', 'quiz', 'photo'], score: 100 + 100 + 50 - 20 });
  });

  it.each([
    ['by the organiser', { by: 'organiser' }],
    ['with no by', {}],
    ['by the participant', { by: 'participant' }],
    ['by a number', { by: 7 }],
  ])("§2 the organiser's judge, adjust and extend %s: `by` is kept, not interpreted, so each applies", async (_what, by) => {
    const r = await replay([
      ...PENDING,
      line({ t: 3, p: 'p1', type: 'judge', step: 'photo', accept: true, ...by }),
      line({ t: 4, p: 'p1', type: 'adjust', points: 15, reason: 'helped another team', ...by }),
      line({ t: 5, p: 'p1', type: 'extend', seconds: 0.5, ...by }),
    ]);
    expect(r.rejected).toEqual([]);
    expect(r.applied).toBe(6);
    expect(r.participants[0]).toMatchObject({ solved: ['start', 'photo'], score: 100 + 80 + 15 });
  });

  it('§3.4 §5.2 judge and adjust apply to a participant who is no longer active; the status stays', async () => {
    const r = await replay([
      ...PENDING,
      line({ t: 3, p: 'p1', type: 'quit' }),
      line({ t: 4, p: 'p1', type: 'judge', step: 'photo', accept: true, points: 500 }),
      line({ t: 5, p: 'p1', type: 'adjust', points: -300 }),
    ]);
    expect(r.rejected).toEqual([]);
    // Accepted points are capped at the step's 80; the score may go negative (§3.5).
    expect(r.participants[0]).toMatchObject({ status: 'quit', solved: ['start', 'photo'], score: 100 + 80 - 300 });
  });

  it('§5.7 points on a rejecting judge are ignored (a wrong attempt, the step available again)', async () => {
    const r = await replay([...PENDING, line({ t: 3, p: 'p1', type: 'judge', step: 'photo', accept: false, points: 70 }), line({ t: 4, p: 'p1', type: 'submit', step: 'photo', ref: 'b.jpg' }), line({ t: 5, p: 'p1', type: 'judge', step: 'photo', accept: true })]);
    expect(r.rejected).toEqual([]);
    // 80 points, less the wrong-answer penalty (0 in this hunt) for the rejected submission.
    expect(r.participants[0]).toMatchObject({ solved: ['start', 'photo'], score: 180 });
  });
});
