// The profile-mix form's model against the presets the host serves: what the form writes
// must be a profiles file the engine reads back to the values the designer typed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfilePreset } from '../../../api/contract';
import { PRESETS } from '../../../engine/sim/presets';
import { parseProfiles, v2Behaviour } from '../../../engine/sim/profile';
import { defaultMix, mixProblem, mixText, type MixRow } from '../../../renderer/simulate/profileMix';
import { inProcess, type ApiUnderTest } from '../../api/hosts';

let t: ApiUnderTest;
let presets: ProfilePreset[];
beforeAll(async () => {
  t = await inProcess();
  presets = await t.api.call('runs.profilePresets', {});
});
afterAll(async () => {
  await t?.close();
});

const edit = (rows: MixRow[], name: string, change: Partial<MixRow> | ((r: MixRow) => Partial<MixRow>)) =>
  rows.map((r) => (r.name === name ? { ...r, ...(typeof change === 'function' ? change(r) : change) } : r));
const read = (text: string) => parseProfiles(JSON.parse(text), 'the form', PRESETS);

describe('profile mix form model', () => {
  it('serves every preset with its hunt/2 behaviour (JSON has no Infinity: an unlimited wait is null)', () => {
    expect(presets.length).toBeGreaterThan(1);
    for (const p of presets) {
      const b = v2Behaviour(PRESETS[p.name]);
      expect(p.hunt2).toEqual({ ...b, waitUpToSec: Number.isFinite(b.waitUpToSec) ? b.waitUpToSec : null });
    }
  });

  it('writes nothing for the untouched default mix', () => {
    const rows = defaultMix(presets);
    expect(mixProblem(rows)).toBeNull();
    expect(mixText(rows, presets)).toBe('');
  });

  it('writes the hunt/2 parameters a designer changed, and the engine reads them back', () => {
    const name = presets[0].name;
    let rows = defaultMix(presets);
    rows = edit(rows, name, (r) => ({ params: { ...r.params, judgeDelay: 600, pointsShare: 80, bonus: 10, waitUpTo: 900 }, branch: 'nearest', shortcut: true }));
    expect(mixProblem(rows)).toBeNull();
    const profiles = read(mixText(rows, presets));
    const changed = profiles.find((p) => p.name === name)!;
    expect(v2Behaviour(changed)).toEqual({
      judgeDelay: { median: 600, spread: presets[0].hunt2.judgeDelay.spread },
      pointsShare: 0.8,
      bonus: 0.1,
      branch: 'nearest',
      shortcut: true,
      waitUpToSec: 900,
    });
    // The others keep their own behaviour.
    const other = profiles.find((p) => p.name === presets[1].name)!;
    expect(v2Behaviour(other)).toEqual(v2Behaviour(PRESETS[presets[1].name]));
  });

  it('a blank wait means "as long as it takes"; other blanks and values out of range are problems naming the field', () => {
    const name = presets[0].name;
    const base = defaultMix(presets);
    expect(mixProblem(edit(base, name, (r) => ({ params: { ...r.params, waitUpTo: null } })))).toBeNull();
    expect(mixProblem(edit(base, name, (r) => ({ params: { ...r.params, judgeDelay: NaN } })))).toBe(`${name}: judged after must be a number above 0.`);
    expect(mixProblem(edit(base, name, (r) => ({ params: { ...r.params, bonus: 120 } })))).toBe(`${name}: takes on a bonus step must be 0–100%.`);
    expect(mixProblem(edit(base, name, (r) => ({ params: { ...r.params, waitUpTo: -5 } })))).toBe(`${name}: longest wait for an opening must be a number of 0 or more.`);
    expect(mixProblem(edit(base, name, (r) => ({ params: { ...r.params, answer: 101 } })))).toBe(`${name}: answers right must be 0–100%.`);
  });

  it('a changed hunt/1 parameter is written as before', () => {
    const name = presets[0].name;
    const rows = edit(defaultMix(presets), name, (r) => ({ params: { ...r.params, walk: 2.5 } }));
    const changed = read(mixText(rows, presets)).find((p) => p.name === name)!;
    expect(changed.walk.speedMps).toBe(2.5);
    expect(JSON.parse(mixText(rows, presets)).profiles[0]).toEqual({ extends: name, share: rows[0].sharePct / 100, walk: { speedMps: 2.5 } });
  });
});
