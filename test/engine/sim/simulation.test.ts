import { describe, expect, it } from 'vitest';
import { replayLines } from '../../../engine/replay/replay';
import { defaultProfiles } from '../../../engine/sim/presets';
import { assignProfiles, participantId } from '../../../engine/sim/simulation';
import { parkHunt, profile, runSim } from './helpers';

const hunt = parkHunt();

describe('Simulation', () => {
  it('gives byte-identical logs for the same seed and different logs for different seeds', () => {
    const a = runSim(hunt, { participants: 60, seed: 7, profiles: defaultProfiles() }).lines.join('\n');
    const b = runSim(hunt, { participants: 60, seed: 7, profiles: defaultProfiles() }).lines.join('\n');
    const c = runSim(hunt, { participants: 60, seed: 8, profiles: defaultProfiles() }).lines.join('\n');
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('writes lines in time order with a fixed key order and millisecond times', () => {
    const { lines } = runSim(hunt, { participants: 40, seed: 3, profiles: defaultProfiles() });
    let last = 0;
    for (const line of lines) {
      const e = JSON.parse(line);
      expect(Object.keys(e).slice(0, 3)).toEqual(['t', 'p', 'type']);
      expect(e.t).toBeGreaterThanOrEqual(last);
      expect(Math.round(e.t * 1000) / 1000).toBe(e.t);
      expect(JSON.stringify(e)).toBe(line);
      last = e.t;
    }
    expect(lines.filter((l) => l.includes('"type":"join"'))).toHaveLength(40);
  });

  it('replaying its log gives exactly its own per-participant results', async () => {
    const { h, lines, recorder } = runSim(hunt, { participants: 150, seed: 11, profiles: defaultProfiles() });
    const replay = await replayLines(h, lines);
    expect(replay.participants).toEqual(recorder.participants());
    expect(replay.events).toBe(lines.length);
    // The only rejections are attempts sent after the hunt's time ran out.
    for (const r of replay.rejected) expect(r.reason).toBe('participant-not-active');
    expect(replay.participants.every((p) => p.status !== 'active')).toBe(true);
  });

  it('a profile that always solves finishes everyone; one that never solves finishes no one', () => {
    const always = profile({ name: 'always', solve: { answer: 1, code: 1, location: 1 }, walk: { speedMps: 1.4, speedSpread: 0, gpsNoiseM: 0, reportEverySec: 20 } });
    const never = profile({ name: 'never', solve: { answer: 0, code: 0, location: 0 }, hints: { afterWrongAttempts: 1, afterStuckSec: 60, solveBoost: 0 } });
    const untimed = { ...hunt, timeLimitSec: undefined };
    const a = runSim(untimed, { participants: 30, seed: 1, profiles: [always] });
    expect(a.recorder.participants().every((p) => p.status === 'finished' && p.failed.length === 0)).toBe(true);
    const n = runSim(hunt, { participants: 30, seed: 1, profiles: [never] });
    expect(n.recorder.participants().some((p) => p.status === 'finished')).toBe(false);
    expect(n.recorder.summary().finishRate).toBe(0);
  });

  it('a smaller geofence with the same GPS noise takes more position reports', () => {
    const p = profile({ name: 'p', solve: { answer: 1, code: 1, location: 1 }, walk: { speedMps: 1.4, speedSpread: 0, gpsNoiseM: 15, reportEverySec: 20 } });
    const withRadius = (r: number) => ({ ...hunt, timeLimitSec: undefined, locations: hunt.locations!.map((l) => ({ ...l, radiusM: r })) });
    const positions = (r: number) => runSim(withRadius(r), { participants: 40, seed: 5, profiles: [p] }).lines.filter((l) => l.includes('"position"')).length;
    expect(positions(4)).toBeGreaterThan(positions(40) * 1.3);
  });

  it('assigns exact shares of profiles, mixed across participants', () => {
    const profiles = defaultProfiles(); // 0.5, 0.2, 0.2, 0.1
    const a = assignProfiles(profiles, 1000, 42);
    const counts = [0, 0, 0, 0];
    for (const x of a) counts[x]++;
    expect(counts).toEqual([500, 200, 200, 100]);
    expect([...a.slice(0, 20)].some((x) => x !== a[0])).toBe(true);
    expect(assignProfiles(profiles, 1000, 42)).toEqual(a);
  });

  it('pads participant ids so code-point order is index order', () => {
    expect(participantId(0, 100)).toBe('sim-001');
    expect(participantId(99, 100)).toBe('sim-100');
  });

  it('rejects bad settings naming the field', () => {
    expect(() => runSim(hunt, { participants: 0, seed: 1, profiles: defaultProfiles() })).toThrow(/participants/);
    expect(() => runSim(hunt, { participants: 5, seed: -1, profiles: defaultProfiles() })).toThrow(/seed/);
    expect(() => runSim(hunt, { participants: 5, seed: 1, profiles: [profile({ name: 'x', solveByStep: { nope: 0.5 } })] })).toThrow(/\/profiles\/0\/solveByStep\/nope/);
  });
});
