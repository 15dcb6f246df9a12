// The simulation of a hunt/2 hunt (docs/simulation.md, "hunt/2"): choices, submissions the
// simulated organiser judges, bonus steps, branches, an opening hour and a rotation group;
// each profile knob moves the figure it is for, and the log replays to the simulation's own results.
import { describe, expect, it } from 'vitest';
import { replayLines } from '../../../engine/replay/replay';
import { analyzeLog } from '../../../engine/analytics/from-log';
import { defaultProfiles } from '../../../engine/sim/presets';
import type { Profile } from '../../../engine/sim/profile';
import type { HuntEvent } from '../../../engine/log/types';
import { fairHunt, profile, runSim } from './helpers';

const hunt = fairHunt();
const events = (lines: string[]) => lines.map((l) => JSON.parse(l) as HuntEvent & Record<string, unknown>);
const ofType = (lines: string[], type: string) => events(lines).filter((e) => e.type === type);
/** Sure of everything and quick: only the knob under test decides. */
const sure = (over: Partial<Profile>): Profile =>
  profile({
    name: 'sure',
    solve: { answer: 1, code: 1, location: 1, choice: 1, judged: 1 },
    thinkTimeSec: { median: 30, spread: 0 },
    walk: { speedMps: 1.5, speedSpread: 0, gpsNoiseM: 0, reportEverySec: 20 },
    giveUp: { afterStuckSec: 7200, afterWrongAttempts: 0 },
    ...over,
  });

describe('Simulation of a hunt/2 hunt', () => {
  it('plays every v2 step kind sensibly: everyone ends for a reason, the log replays to its own results', async () => {
    const { h, lines, recorder } = runSim(hunt, { participants: 200, seed: 3, profiles: defaultProfiles() });
    const all = events(lines);
    for (const type of ['choose', 'submit', 'judge']) expect(all.some((e) => e.type === type), type).toBe(true);
    // No organiser correction unless a profile asks for one.
    expect(all.some((e) => e.type === 'adjust' || e.type === 'extend')).toBe(false);

    const replay = await replayLines(h, lines);
    expect(replay.participants).toEqual(recorder.participants());
    for (const r of replay.rejected) expect(r.reason).toBe('participant-not-active');
    expect(replay.participants.every((p) => p.status === 'finished' || p.status === 'quit' || p.status === 'timed_out')).toBe(true);
    expect(replay.participants.filter((p) => p.status === 'finished').length).toBeGreaterThan(150);
    // The summary read back from the log is the one the simulation collected itself.
    expect(await analyzeLog(h, lines)).toEqual(recorder.summary());

    // Every judgement answers a submission of that participant on that step, after it.
    const waiting = new Map<string, number>();
    for (const e of all) {
      const key = `${e.p} ${String(e.step)}`;
      if (e.type === 'submit') waiting.set(key, e.t);
      if (e.type === 'judge') {
        expect(waiting.get(key)).toBeLessThanOrEqual(e.t);
        waiting.delete(key);
      }
    }
    expect(waiting.size).toBe(0);
    // The organiser's lines say who wrote them, as a live run's do.
    for (const e of all) if (e.type === 'judge') expect(e.by).toBe('organiser');
    // The museum opens at 2400 s: no one answers it earlier, and people waited for it rather than quit.
    const museum = all.filter((e) => e.type === 'answer' && e.step === 'museum');
    expect(museum.length).toBeGreaterThan(0);
    expect(Math.min(...museum.map((e) => e.t))).toBeGreaterThanOrEqual(2400);
    const s = recorder.summary();
    expect(s.funnel.find((f) => f.step === 'museum')!.solved).toBeGreaterThan(150);
    // Branches: both ways of the quiz are taken, and the any-of says which way people came.
    const branch = (step: string) => s.branches!.find((b) => b.step === step)!;
    expect(branch('north').reached).toBeGreaterThan(0);
    expect(branch('detour').reached).toBeGreaterThan(0);
    expect(branch('north').reached + branch('detour').reached).toBeLessThanOrEqual(200);
    const via = Object.fromEntries(branch('museum').via.map((v) => [v.step, v.participants]));
    expect(via.south).toBeGreaterThan(0);
    expect(via.north + via.detour).toBeGreaterThan(0);
    // Bonus uptake near the default appetite of one half; the judging queue was busy and drained.
    expect(s.bonus!.steps.map((b) => b.step)).toEqual(['poem', 'secret']);
    // Bonus steps are left open by those who skip them: they hold no one up.
    expect(s.funnel.find((f) => f.step === 'poem')!.stuck).toBeGreaterThan(0);
    expect(s.bottlenecks.map((b) => b.step)).not.toContain('poem');
    expect(s.bottlenecks.map((b) => b.step)).not.toContain('secret');
    expect(s.bonus!.share).toBeGreaterThan(0.2);
    expect(s.judging!.submissions).toBe(ofType(lines, 'submit').length);
    expect(s.judging!.judged).toBe(s.judging!.submissions);
    expect(s.judging!.peak).toBeGreaterThan(1);
    expect(s.judging!.pending.at(-1)).toBe(0);
    expect(Math.max(...s.judging!.pending)).toBeLessThanOrEqual(s.judging!.peak);
  });

  it('places each participant in the rotation by its join order (J mod 3)', async () => {
    const spread = sure({ start: { mode: 'spread', fromSec: 0, overSec: 600 } });
    const { h, lines, recorder } = runSim(hunt, { participants: 30, seed: 9, profiles: [spread] });
    expect((await replayLines(h, lines)).participants).toEqual(recorder.participants());
    const joinOrder = ofType(lines, 'join').map((e) => e.p);
    const firstStation = new Map<string, string>();
    for (const e of ofType(lines, 'scan')) if (String(e.step).startsWith('st') && !firstStation.has(e.p)) firstStation.set(e.p, String(e.step));
    const starts = joinOrder.map((p, j) => [firstStation.get(p), ['st1', 'st2', 'st3'][j % 3]]);
    for (const [got, want] of starts) expect(got).toBe(want);
  });

  it('accept chance 0: no judged step is solved and no one finishes; 1: every submission is accepted', () => {
    const never = runSim(hunt, { participants: 40, seed: 1, profiles: [sure({ solve: { answer: 1, code: 1, location: 1, choice: 1, judged: 0 } })] });
    const s0 = never.recorder.summary();
    for (const step of ['photo', 'poem']) expect(s0.funnel.find((f) => f.step === step)!.solved).toBe(0);
    expect(ofType(never.lines, 'judge').every((e) => e.accept === false)).toBe(true);
    // photo allows 3 attempts: everyone fails it after three rejections. The finish needs it
    // done, solved or failed (a plain requirement), so they still finish, without its points.
    expect(s0.funnel.find((f) => f.step === 'photo')!.failed).toBe(40);
    expect(ofType(never.lines, 'submit').filter((e) => e.step === 'photo')).toHaveLength(120);
    expect(never.recorder.participants().every((p) => p.failed.includes('photo') && !p.solved.includes('poem'))).toBe(true);
    const always = runSim(hunt, { participants: 40, seed: 1, profiles: [sure({})] });
    expect(ofType(always.lines, 'judge').every((e) => e.accept === true)).toBe(true);
    expect(always.recorder.summary().statuses.finished).toBe(40);
  });

  it('an accepted submission carries the profile share of the step points', async () => {
    const { h, lines, recorder } = runSim(hunt, { participants: 10, seed: 2, profiles: [sure({ judging: { pointsShare: 0.5 } })] });
    const photo = ofType(lines, 'judge').filter((e) => e.step === 'photo');
    expect(photo.length).toBe(10);
    for (const e of photo) expect(e.points).toBe(75);
    expect((await replayLines(h, lines)).participants).toEqual(recorder.participants());
  });

  it('choice chance: 1 never picks a wrong choice; 0 picks a different wrong one each time and takes the detour', () => {
    const right = runSim(hunt, { participants: 30, seed: 4, profiles: [sure({})] });
    expect(ofType(right.lines, 'choose').every((e) => e.choice === 0)).toBe(true);
    expect(right.recorder.summary().funnel.find((f) => f.step === 'detour')!.reached).toBe(0);
    const wrong = runSim(hunt, { participants: 30, seed: 4, profiles: [sure({ solve: { answer: 1, code: 1, location: 1, choice: 0, judged: 1 } })] });
    const byP = new Map<string, number[]>();
    for (const e of ofType(wrong.lines, 'choose')) byP.set(e.p, [...(byP.get(e.p) ?? []), e.choice as number]);
    for (const picks of byP.values()) {
      expect(picks).toHaveLength(2); // maxAttempts 2
      expect(new Set(picks).size).toBe(2);
      expect(picks).not.toContain(0);
    }
    const s = wrong.recorder.summary();
    expect(s.funnel.find((f) => f.step === 'north')!.reached).toBe(0);
    expect(s.funnel.find((f) => f.step === 'detour')!.reached).toBe(30);
    expect(s.statuses.finished).toBe(30);
  });

  it('bonus appetite 0 leaves the bonus steps alone; 1 takes them all', () => {
    const none = runSim(hunt, { participants: 40, seed: 5, profiles: [sure({ bonus: 0 })] }).recorder.summary();
    expect(none.bonus!.steps.every((b) => b.solved === 0 && b.reached > 0)).toBe(true);
    expect(none.bonus!.participants).toBe(0);
    const all = runSim(hunt, { participants: 40, seed: 5, profiles: [sure({ bonus: 1 })] });
    expect(ofType(all.lines, 'submit').some((e) => e.step === 'poem')).toBe(true);
    // The poem is open from the gate on: with appetite 1 everyone does it before the finish.
    const poem = all.recorder.summary().bonus!.steps.find((b) => b.step === 'poem')!;
    expect(poem.solved).toBe(40);
  });

  it('the branch rule decides which open step comes next', () => {
    const firstSteps = (branch: Profile['branch']) => {
      const { lines } = runSim(hunt, { participants: 30, seed: 6, profiles: [sure({ branch })] });
      const first = new Map<string, string>();
      for (const e of events(lines)) if ('step' in e && e.type !== 'judge' && !first.has(e.p)) first.set(e.p, String(e.step));
      return [...first.values()];
    };
    // In file order, the quiz is the first step after the gate for everyone.
    expect(new Set(firstSteps('first'))).toEqual(new Set(['quiz']));
    expect(new Set(firstSteps('random')).size).toBeGreaterThan(2);
  });

  it('shortcut: once one way of an any-of is taken, the other ways are left alone', async () => {
    const run = (shortcut: boolean) => runSim(hunt, { participants: 40, seed: 12, profiles: [sure({ branch: 'first', shortcut })] });
    const all = run(false).recorder.summary();
    expect(all.funnel.find((f) => f.step === 'south')!.solved).toBe(40);
    const short = run(true);
    const s = short.recorder.summary();
    // In file order the quiz comes first and opens the north way; the south way then opens nothing new.
    expect(s.funnel.find((f) => f.step === 'south')).toMatchObject({ reached: 40, solved: 0 });
    expect(s.branches!.find((b) => b.step === 'museum')!.via).toEqual([
      { step: 'north', participants: 40 },
      { step: 'south', participants: 0 },
      { step: 'detour', participants: 0 },
    ]);
    // The stations still open the final step: nobody skips those.
    for (const st of ['st1', 'st2', 'st3']) expect(s.funnel.find((f) => f.step === st)!.solved).toBe(40);
    expect(s.statuses.finished).toBe(40);
    expect((await replayLines(short.h, short.lines)).participants).toEqual(short.recorder.participants());
  });

  it('waits for the opening hour unless its profile will not wait that long', () => {
    const waits = runSim(hunt, { participants: 20, seed: 7, profiles: [sure({})] }).recorder.participants();
    expect(waits.every((p) => p.status === 'finished')).toBe(true);
    // Quick players are done with everything else long before 2400 s: with no patience, they stop.
    const impatient = runSim(hunt, { participants: 20, seed: 7, profiles: [sure({ waitUpToSec: 60 })] }).recorder.participants();
    expect(impatient.every((p) => p.status === 'quit' && !p.solved.includes('museum'))).toBe(true);
  });

  it('a longer judging delay makes a longer queue and longer waits', () => {
    const queue = (median: number) => runSim(hunt, { participants: 80, seed: 8, profiles: [sure({ judging: { delaySec: { median, spread: 0.3 } } })] }).recorder.summary().judging!;
    const quick = queue(20);
    const slow = queue(900);
    expect(slow.waitSec.p50!).toBeGreaterThan(quick.waitSec.p50! * 10);
    expect(slow.peak).toBeGreaterThan(quick.peak);
  });

  it('simulates the organiser corrections only when a profile asks', async () => {
    const asks = sure({ corrections: { adjust: { chance: 1, points: -20 }, extend: { chance: 1, seconds: 600 } }, waitUpToSec: 0 });
    const { h, lines, recorder } = runSim(hunt, { participants: 20, seed: 10, profiles: [asks] });
    const adjust = ofType(lines, 'adjust');
    expect(adjust).toHaveLength(20);
    expect(adjust.every((e) => e.points === -20 && e.by === 'organiser')).toBe(true);
    const replay = await replayLines(h, lines);
    expect(replay.participants).toEqual(recorder.participants());
    expect(replay.rejected).toEqual([]);
    // Extra time only for those still playing five minutes before their deadline: here everyone has stopped.
    expect(ofType(lines, 'extend')).toHaveLength(0);
    const plain = runSim(hunt, { participants: 20, seed: 10, profiles: [sure({ waitUpToSec: 0 })] });
    const score = (r: { score: number }[]) => r.reduce((a, p) => a + p.score, 0);
    expect(score(recorder.participants())).toBe(score(plain.recorder.participants()) - 20 * 20);
  });

  it('gives extra time to those still playing near their deadline', async () => {
    // Never accepted, never giving up: still playing when the time runs out.
    const stubborn = sure({ solve: { answer: 1, code: 1, location: 1, choice: 1, judged: 0 }, corrections: { extend: { chance: 1, seconds: 600 } } });
    const short = { ...hunt, timeLimitSec: 1800, steps: hunt.steps.map((s) => (s.id === 'photo' ? { ...s, maxAttempts: undefined } : s)) } as typeof hunt;
    const { h, lines, recorder } = runSim(short, { participants: 10, seed: 11, profiles: [stubborn] });
    const extend = ofType(lines, 'extend');
    expect(extend).toHaveLength(10);
    for (const e of extend) expect(e.t).toBe(1500);
    const replay = await replayLines(h, lines);
    expect(replay.participants).toEqual(recorder.participants());
    // Their deadline moved from 1800 to 2400: what they sent in between was applied, what came after was late.
    expect(recorder.participants().every((p) => p.status === 'timed_out')).toBe(true);
    const own = events(lines).map((e, k) => ({ e, line: k + 1 })).filter(({ e }) => e.type === 'submit');
    const late = new Set(replay.rejected.map((r) => r.line));
    expect(own.some(({ e, line }) => e.t > 1800 && e.t <= 2400 && !late.has(line))).toBe(true);
    expect(own.filter(({ e }) => e.t > 2400).every(({ line }) => late.has(line))).toBe(true);
    expect(replay.rejected.length).toBeGreaterThan(0);
  });
});
