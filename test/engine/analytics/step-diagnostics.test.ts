import { describe, expect, it } from 'vitest';
import { compileHunt } from '../../../engine/hunt/compile';
import { analyzeLogReport } from '../../../engine/analytics/from-log';
import { stepAdvice } from '../../../engine/analytics/step-diagnostics';
import { participantTimeline } from '../../../engine/analytics/timeline';
import { parkHunt } from '../sim/helpers';

const h = compileHunt(parkHunt());
const GATE = '"lat":48.2082,"lon":16.3738';
// riddle: 900 s limit, 4 attempts. a solves it after a hint and a wrong answer; b fails it
// by attempts; c fails it by its time limit, then runs out of hunt time on the plaque;
// e quits on the plaque.
const log = [
  `{"t":0,"p":"a","type":"join"}`,
  `{"t":0,"p":"b","type":"join"}`,
  `{"t":0,"p":"c","type":"join"}`,
  `{"t":0,"p":"e","type":"join"}`,
  `{"t":100,"p":"a","type":"position",${GATE}}`,
  `{"t":100,"p":"b","type":"position",${GATE}}`,
  `{"t":100,"p":"c","type":"position",${GATE}}`,
  `{"t":100,"p":"e","type":"position",${GATE}}`,
  `{"t":150,"p":"a","type":"hint","step":"riddle"}`,
  `{"t":160,"p":"a","type":"answer","step":"riddle","text":"drum"}`,
  `{"t":200,"p":"a","type":"answer","step":"riddle","text":"Piano"}`,
  ...[1, 2, 3, 4].map((k) => `{"t":${200 + k},"p":"b","type":"answer","step":"riddle","text":"no${k}"}`),
  `{"t":300,"p":"e","type":"quit"}`,
  `{"t":6000,"p":"a","type":"quit"}`,
];

describe('step diagnostics', () => {
  it('says why each step lost people: time limit, attempts, quit, hunt time', async () => {
    const { steps } = await analyzeLogReport(h, log);
    const riddle = steps.find((s) => s.step === 'riddle')!;
    expect(riddle).toMatchObject({ reached: 4, solved: 1, failedAttempts: 1, failedTimeLimit: 1, failedOther: 0, quitOnIt: 1, timedOutOnIt: 0, open: 0, hints: 1, wrongAttempts: 5 });
    // a: 100 s (100 → 200); b: 104 s; c: 900 s (the limit).
    expect(riddle.timeToSolve.median).toBe(100);
    expect(riddle.timeSpent.median).toBe(104);
    const plaque = steps.find((s) => s.step === 'plaque')!;
    // a, b and c ran out of hunt time (5400 s) with the plaque open; e quit on it.
    expect(plaque).toMatchObject({ reached: 4, solved: 0, quitOnIt: 1, timedOutOnIt: 3 });
    expect(steps.find((s) => s.step === 'pond')!.reached).toBe(0);
  });

  it('advises which change cannot matter', async () => {
    const { steps } = await analyzeLogReport(h, [...log.slice(0, 8), ...log.slice(8).filter((l) => !l.includes('"b"'))]);
    const advice = stepAdvice(steps);
    const riddle = advice.find((a) => a.step === 'riddle')!;
    expect(riddle.message).toMatch(/15 min time limit and none from attempts: raising max attempts .* cannot change them/);
    expect(advice.find((a) => a.step === 'plaque')!.message).toMatch(/its own max attempts and time limit cannot change that/);
  });

  it('the timeline counts active and done participants over virtual time', () => {
    const t = participantTimeline([0, 0, 10], [5, 20], 20, 5);
    expect(t).toEqual({ t: [0, 5, 10, 15, 20], active: [2, 1, 2, 2, 1], done: [0, 1, 1, 1, 2] });
  });
});
