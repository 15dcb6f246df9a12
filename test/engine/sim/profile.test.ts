import { describe, expect, it } from 'vitest';
import { parseProfiles, ProfileError, PROFILES_FORMAT, V2_DEFAULTS, v2Behaviour } from '../../../engine/sim/profile';
import { PRESETS, resolveProfiles } from '../../../engine/sim/presets';

function issuesOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProfileError) return e.issues;
    throw e;
  }
  throw new Error('expected a ProfileError');
}

describe('profiles file', () => {
  it('accepts every preset as a full profile and as `extends` with overrides', () => {
    const full = parseProfiles({ format: PROFILES_FORMAT, profiles: Object.values(PRESETS) }, 'p.json', PRESETS);
    expect(full.map((p) => p.name)).toEqual(['casual', 'competitive', 'families', 'speedrunners']);
    const [p] = parseProfiles({ format: PROFILES_FORMAT, profiles: [{ name: 'tourists', extends: 'casual', share: 2, solve: { answer: 0.3 } }] }, 'p.json', PRESETS);
    expect(p.solve).toEqual({ ...PRESETS.casual.solve, answer: 0.3 });
    expect(p.share).toBe(2);
    expect(p.thinkTimeSec).toEqual(PRESETS.casual.thinkTimeSec);
  });

  it('hunt/2 fields: optional, with defaults, and every bad value named by its path', () => {
    const [p] = parseProfiles(
      {
        format: PROFILES_FORMAT,
        profiles: [
          {
            name: 'judged',
            extends: 'casual',
            solve: { choice: 0.6, judged: 0.8 },
            judging: { delaySec: { median: 240, spread: 0.5 }, pointsShare: 0.9 },
            bonus: 0.3,
            branch: 'nearest',
            shortcut: true,
            waitUpToSec: 900,
            corrections: { adjust: { chance: 0.1, points: -10 }, extend: { chance: 0.05, seconds: 600 } },
          },
        ],
      },
      'p.json',
      PRESETS,
    );
    expect(v2Behaviour(p)).toEqual({ judgeDelay: { median: 240, spread: 0.5 }, pointsShare: 0.9, bonus: 0.3, branch: 'nearest', shortcut: true, waitUpToSec: 900 });
    expect(v2Behaviour(PRESETS.casual)).toEqual(V2_DEFAULTS);
    const issues = issuesOf(() =>
      parseProfiles(
        {
          format: PROFILES_FORMAT,
          profiles: [
            {
              name: 'bad',
              extends: 'casual',
              judging: { delaySec: { median: 0, spread: 1 }, pointsShare: 2, queue: 1 },
              bonus: -0.1,
              branch: 'shortest',
              shortcut: 'yes',
              waitUpToSec: -5,
              corrections: { adjust: { chance: 1, points: 1.5 }, extend: { chance: 1, seconds: 0 } },
            },
          ],
        },
        'p.json',
        PRESETS,
      ),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(
      [
        '/profiles/0/bonus',
        '/profiles/0/branch',
        '/profiles/0/corrections/adjust/points',
        '/profiles/0/corrections/extend/seconds',
        '/profiles/0/judging',
        '/profiles/0/judging/delaySec/median',
        '/profiles/0/judging/pointsShare',
        '/profiles/0/shortcut',
        '/profiles/0/waitUpToSec',
      ].sort(),
    );
    expect(issues.find((i) => i.path === '/profiles/0/judging')!.message).toMatch(/unknown field "queue"/);
  });

  it('reports every bad value with the path of its field', () => {
    const issues = issuesOf(() =>
      parseProfiles(
        {
          format: PROFILES_FORMAT,
          profiles: [
            { extends: 'casual', name: 'a', solve: { answer: 1.5 }, thinkTimeSec: { median: -1 } },
            { extends: 'casual', name: 'b', walk: { speedMps: 0 }, start: { mode: 'waves', firstAtSec: 0, waves: 0, everySec: 60 } },
            { extends: 'casual', name: 'c', hints: { afterWrongAttempts: 1.5 }, giveUp: { afterStuckSec: 'soon' }, colour: 'red' },
          ],
        },
        'p.json',
        PRESETS,
      ),
    );
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/profiles/0/solve/answer',
        '/profiles/0/thinkTimeSec/median',
        '/profiles/1/walk/speedMps',
        '/profiles/1/start/waves',
        '/profiles/2/hints/afterWrongAttempts',
        '/profiles/2/giveUp/afterStuckSec',
        '/profiles/2',
      ]),
    );
    expect(issues.find((i) => i.path === '/profiles/0/solve/answer')!.message).toMatch(/between 0 and 1/);
    expect(issues.find((i) => i.path === '/profiles/2')!.message).toMatch(/colour/);
  });

  it('names a wrong format, an unknown preset, a duplicate name and a missing field', () => {
    expect(issuesOf(() => parseProfiles({ format: 'x', profiles: [] }, 'p.json', PRESETS)).map((i) => i.path)).toEqual(['/format', '/profiles']);
    expect(issuesOf(() => parseProfiles({ format: PROFILES_FORMAT, profiles: [{ name: 'a', extends: 'pirates', share: 1 }] }, 'p.json', PRESETS))[0]).toMatchObject({
      path: '/profiles/0/extends',
      message: expect.stringMatching(/casual/),
    });
    const dup = issuesOf(() => parseProfiles({ format: PROFILES_FORMAT, profiles: [PRESETS.casual, PRESETS.casual] }, 'p.json', PRESETS));
    expect(dup[0].path).toBe('/profiles/1/name');
    const { solve: _s, ...noSolve } = PRESETS.casual;
    expect(issuesOf(() => parseProfiles({ format: PROFILES_FORMAT, profiles: [noSolve] }, 'p.json', PRESETS))[0].path).toBe('/profiles/0/solve');
  });

  it('puts the file name in the error message', () => {
    expect(() => resolveProfiles('{"format":"hunt-profiles/1","profiles":[{"extends":"casual","name":"a","share":-1}]}', 'mix.json')).toThrow(
      /^mix\.json: \/profiles\/0\/share: must be greater than 0/,
    );
    expect(() => resolveProfiles('{"format":', 'mix.json')).toThrow(/mix\.json:1:\d+/);
  });

  it('resolves preset lists with optional shares', () => {
    expect(resolveProfiles(null).map((p) => p.name)).toEqual(Object.keys(PRESETS));
    const mix = resolveProfiles('casual:0.7, speedrunners');
    expect(mix.map((p) => [p.name, p.share])).toEqual([
      ['casual', 0.7],
      ['speedrunners', PRESETS.speedrunners.share],
    ]);
    expect(() => resolveProfiles('casual,pirates')).toThrow(/pirates.*not a preset/);
  });
});
