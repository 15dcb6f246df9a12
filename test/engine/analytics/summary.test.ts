import { describe, expect, it } from 'vitest';
import { compileHunt } from '../../../engine/hunt/compile';
import { analyticsOf, analyzeLog, analyzeLogReport } from '../../../engine/analytics/from-log';
import { monteCarloSpread } from '../../../engine/analytics/spread';
import { histogram, quantile } from '../../../engine/analytics/stats';
import { defaultProfiles } from '../../../engine/sim/presets';
import { parkHunt, runSim } from '../sim/helpers';
import type { RunAnalytics } from '../../../api/contract';

const hunt = parkHunt();
const h = compileHunt(hunt);
const GATE = '"lat":48.2082,"lon":16.3738';
const POND = '"lat":48.2101,"lon":16.3762';

// a finishes (hint on riddle, one wrong final answer); b quits stuck on the riddle
// and plaque; c fails the riddle by its 900 s limit, then times out with the plaque
// open; d never joined (its line is rejected).
const log = [
  `{"t":0,"p":"a","type":"join","profile":"fast"}`,
  `{"t":0,"p":"b","type":"join","profile":"slow"}`,
  `{"t":0,"p":"c","type":"join"}`,
  `{"t":100,"p":"a","type":"position",${GATE}}`,
  `{"t":120,"p":"b","type":"position",${GATE}}`,
  `{"t":130,"p":"c","type":"position",${GATE}}`,
  `{"t":150,"p":"a","type":"hint","step":"riddle"}`,
  `{"t":200,"p":"a","type":"answer","step":"riddle","text":"Piano"}`,
  `{"t":260,"p":"a","type":"scan","step":"plaque","code":"PLQ-7"}`,
  `{"t":300,"p":"b","type":"answer","step":"riddle","text":"drum"}`,
  `{"t":400,"p":"b","type":"quit"}`,
  `{"t":500,"p":"a","type":"position",${POND}}`,
  `{"t":550,"p":"a","type":"answer","step":"final","text":"nope"}`,
  `{"t":600,"p":"a","type":"answer","step":"final","text":"uberraschung"}`,
  `{"t":610,"p":"d","type":"answer","step":"final","text":"x"}`,
  `{"t":5400,"p":"c","type":"quit"}`,
];

describe('run summary', () => {
  it('counts statuses, scores, finish times and the per-step funnel', async () => {
    const s = await analyzeLog(h, log);
    expect(s.participants).toBe(3);
    expect(s.statuses).toEqual({ active: 0, finished: 1, quit: 1, timed_out: 1 });
    expect(s.finishRate).toBe(0.333);
    expect(s.finishTime.p50).toBe(600);
    // a: 100 + (100 - 20 hint) + 100 + 100 + (100 - 10 wrong) = 470; b: 100; c: 100.
    expect(s.score.p50).toBe(100);
    expect(s.score.p90).toBe(396);
    const row = (id: string) => s.funnel.find((f) => f.step === id)!;
    expect(row('gate')).toMatchObject({ reached: 3, solved: 3, failed: 0, stuck: 0 });
    expect(row('riddle')).toMatchObject({ reached: 3, solved: 1, failed: 1, hints: 1, hintPenalty: 20, stuck: 1 });
    expect(row('plaque')).toMatchObject({ reached: 3, solved: 1, stuck: 2 });
    expect(row('pond')).toMatchObject({ reached: 1, solved: 1 });
    expect(row('final')).toMatchObject({ reached: 1, solved: 1, medianTimeSec: 100 });
    // Time on a step counts from when the participant was free: riddle 200 - 100, plaque 260 - 200.
    expect(row('riddle').medianTimeSec).toBe(100);
    expect(row('plaque').medianTimeSec).toBe(60);
    // riddle: 1 failed + 1 stuck; plaque: 2 stuck; equal, so the longer median time (riddle) first.
    expect(s.bottlenecks.map((b) => b.step).slice(0, 2)).toEqual(['riddle', 'plaque']);
    expect(s.bottlenecks[0]).toMatchObject({ failRate: 0.333, stuck: 1, medianTimeSec: 100 });
  });

  it('splits by profile only where joins name one', async () => {
    const s = await analyzeLog(h, log);
    expect(s.byProfile.map((p) => [p.profile, p.participants, p.finishRate, p.medianFinishSec])).toEqual([
      ['fast', 1, 1, 600],
      ['slow', 1, 0, null],
    ]);
    const plain = await analyzeLog(h, log.map((l) => l.replace(/,"profile":"\w+"/, '')));
    expect(plain.byProfile).toEqual([]);
  });

  it('as of a point in the log, applies deadlines up to that point', async () => {
    const early = await analyzeLog(h, log, { maxLines: 6 });
    expect(early.statuses).toEqual({ active: 3, finished: 0, quit: 0, timed_out: 0 });
    expect((await analyzeLog(h, log, { until: 1000 })).funnel.find((f) => f.step === 'riddle')!.failed).toBe(0);
    // The riddle's 900 s limit runs out for c at 1030 (available from 130).
    const until = await analyzeLog(h, log, { until: 1100 });
    expect(until.funnel.find((f) => f.step === 'riddle')!.failed).toBe(1);
    expect(until.statuses.active).toBe(1);
  });

  it('from the log equals what the simulation collected itself', async () => {
    const { lines, recorder } = runSim(hunt, { participants: 120, seed: 9, profiles: defaultProfiles() });
    expect(await analyzeLog(h, lines)).toEqual(recorder.summary());
  });

  it('quantiles interpolate between ranks; histograms cover every value', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([5], 0.9)).toBe(5);
    expect(quantile([], 0.5)).toBeNull();
    const hist = histogram([0, 1, 2, 3, 10], 5);
    expect(hist.reduce((a, b) => a + b.count, 0)).toBe(5);
    expect(hist[4]).toEqual({ from: 8, to: 10, count: 1 });
  });

  it('Monte Carlo spread: mean, p5 and p95 across runs', async () => {
    const runs = [1, 2, 3].map((seed) => ({ seed, summary: runSim(hunt, { participants: 50, seed, profiles: defaultProfiles() }).recorder.summary() }));
    const spread = monteCarloSpread(runs);
    const rates = runs.map((r) => r.summary.finishRate);
    expect(spread.runs).toBe(3);
    expect(spread.finishRate.min).toBe(Math.min(...rates));
    expect(spread.finishRate.max).toBe(Math.max(...rates));
    expect(spread.finishRate.p5!).toBeGreaterThanOrEqual(spread.finishRate.min!);
    expect(spread.finishRate.p95!).toBeLessThanOrEqual(spread.finishRate.max!);
  });
});

describe('the studio contract', () => {
  it('a run summary is a RunAnalytics (api/contract.ts)', async () => {
    const analytics: RunAnalytics = analyticsOf(await analyzeLogReport(h, log)); // compile-time check: it fits the API type
    expect(analytics.byProfile[0]).toMatchObject({ profile: 'fast', participants: 1, finishRate: 1, medianFinishSec: 600 });
  });
});

describe('on the public conformance cases', () => {
  it('the summary agrees with the expected replay results (statuses, scores, finishers)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { validateHunt } = await import('../../../engine/hunt/validate');
    const dir = join(import.meta.dirname, '../../fixtures/conformance');
    const cases = readdirSync(dir).filter((f) => f.endsWith('.expected.json') && !f.includes('validate'));
    expect(cases.length).toBeGreaterThan(10);
    for (const name of cases) {
      const k = name.replace('.expected.json', '');
      const expected = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      const hunt = validateHunt(JSON.parse(readFileSync(join(dir, `${k}.hunt.json`), 'utf8'))).hunt!;
      const lines = readFileSync(join(dir, `${k}.jsonl`), 'utf8').split('\n');
      const s = await analyzeLog(compileHunt(hunt), lines, { until: expected.endTime });
      const people = expected.participants as { status: 'active' | 'finished' | 'quit' | 'timed_out'; score: number; hintsUsed: number }[];
      const statuses = { active: 0, finished: 0, quit: 0, timed_out: 0 };
      for (const p of people) statuses[p.status]++;
      expect(s.statuses, k).toEqual(statuses);
      const scores = Float64Array.from(people.map((p) => p.score)).sort();
      expect(s.score.p50, k).toBe(quantile(scores, 0.5));
      expect(s.funnel.reduce((a, f) => a + f.hints, 0), k).toBe(people.reduce((a, p) => a + p.hintsUsed, 0));
    }
  });
});
