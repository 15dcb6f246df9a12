import { describe, expect, it } from 'vitest';
import type { Hunt } from '../../../engine/hunt/schema';
import { defaultProfiles } from '../../../engine/sim/presets';
import { forkInMemory } from '../../../engine/whatif/fork';
import { runInMemory } from '../../../engine/whatif/run-in-memory';
import { fairHunt, parkHunt } from '../sim/helpers';

const hunt = parkHunt();
const settings = { participants: 120, seed: 21, profiles: defaultProfiles() };
const original = runInMemory(hunt, settings);

describe('forkInMemory', () => {
  it('with the unchanged hunt and profiles and the recorded streams, equals the original run, at any S', () => {
    for (const at of [0, 1, 500, Math.floor(original.events / 2), original.events, original.events + 10]) {
      const f = forkInMemory(hunt, settings, { at, hunt, profiles: settings.profiles, continuation: 0 });
      expect(f.summary).toEqual(original.summary);
      expect(f.scores).toEqual(original.scores);
      expect(f.events).toBe(original.events);
    }
  });

  it('hunt/2 (judging under way, a rotation group): the unchanged hunt equals the original run, at any S', () => {
    const fair = fairHunt();
    const v2 = { participants: 60, seed: 5, profiles: defaultProfiles() };
    const run = runInMemory(fair, v2);
    for (const at of [0, 60, 400, Math.floor(run.events / 2), run.events]) {
      const f = forkInMemory(fair, v2, { at, hunt: fair, profiles: v2.profiles, continuation: 0 });
      expect(f.summary, `fork at ${at}`).toEqual(run.summary);
      expect(f.events).toBe(run.events);
    }
  });

  it('with fresh streams gives another continuation of the same beginning', () => {
    const f = forkInMemory(hunt, settings, { at: 2000, hunt, profiles: settings.profiles, continuation: 1 });
    expect(f.summary).not.toEqual(original.summary);
    expect(f.summary.participants).toBe(120);
    expect(f.seed).toBe(22);
  });

  it('with an edited hunt changes only what comes after S', () => {
    const harder: Hunt = structuredClone(hunt);
    const riddle = harder.steps.find((s) => s.id === 'riddle')!;
    if (riddle.kind === 'answer') riddle.maxAttempts = 1;
    const atEnd = forkInMemory(hunt, settings, { at: original.events, hunt: harder, profiles: settings.profiles, continuation: 0 });
    const atStart = forkInMemory(hunt, settings, { at: 0, hunt: harder, profiles: settings.profiles, continuation: 0 });
    expect(atStart.summary).toEqual(runInMemory(harder, settings).summary);
    // Forked after the last event: the same events, judged by the new rules (replayed).
    expect(atEnd.events).toBe(original.events);
    expect(atEnd.summary.funnel.find((f) => f.step === 'riddle')!.failed).toBeGreaterThan(original.summary.funnel.find((f) => f.step === 'riddle')!.failed);
  });

  it('refuses a hunt with other steps or profiles with other names', () => {
    const fewer = { ...hunt, steps: hunt.steps.slice(0, 1) } as Hunt;
    expect(() => forkInMemory(hunt, settings, { at: 10, hunt: fewer, profiles: settings.profiles, continuation: 0 })).toThrow(/keeps the hunt's steps/);
    const renamed = settings.profiles.map((p, i) => (i === 0 ? { ...p, name: 'other' } : p));
    expect(() => forkInMemory(hunt, settings, { at: 10, hunt, profiles: renamed, continuation: 0 })).toThrow(/names in the same order/);
  });
});
