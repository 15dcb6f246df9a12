// The profile-mix form's model: which built-in profiles take part, each one's share of the
// population (shown as percentages that must add up to 100) and its main parameters. It
// becomes the simulation's `profiles` setting: a preset list when no parameter changed
// (`casual:0.7,families:0.3`), otherwise a profiles file that extends the presets.
// The hunt/2 parameters (judging, bonus steps, branches, opening hours) are edited the
// same way and only matter to hunt/2 hunts; a hunt/1 simulation ignores them.
import type { ProfilePreset } from '../../api/contract';

type Written = Record<string, unknown>;

export type MixParam = {
  key: string;
  label: string;
  unit: string;
  /** The preset's value (null: none, for an optional limit). */
  get(p: ProfilePreset): number | null;
  /** Puts the stored value into a profile that extends the preset. */
  write(out: Written, value: number | null, p: ProfilePreset): void;
  /** Turns the stored value into the shown one (probability → %). */
  scale?: number;
  /** Blank means "no limit" (the field is left out); the blank field says so. */
  optional?: true;
  blank?: string;
  /** hunt/2 only. */
  hunt2?: true;
  /** The smallest value allowed, and whether it is allowed itself. */
  min: number;
  minIncluded: boolean;
  max?: number;
};

const into = (out: Written, group: string, field: string, value: unknown) => {
  out[group] = { ...((out[group] as object) ?? {}), [field]: value };
};

/** The parameters the form shows. */
export const MIX_PARAMS: MixParam[] = [
  { key: 'answer', label: 'Answers right', unit: '%', get: (p) => p.solve.answer, write: (o, v) => into(o, 'solve', 'answer', v), scale: 100, min: 0, minIncluded: true, max: 100 },
  { key: 'think', label: 'Thinks (median)', unit: 's', get: (p) => p.thinkTimeSec.median, write: (o, v) => into(o, 'thinkTimeSec', 'median', v), min: 0, minIncluded: false },
  { key: 'walk', label: 'Walks at', unit: 'm/s', get: (p) => p.walk.speedMps, write: (o, v) => into(o, 'walk', 'speedMps', v), min: 0, minIncluded: false },
  { key: 'hint', label: 'Hint after stuck', unit: 's', get: (p) => p.hints.afterStuckSec, write: (o, v) => into(o, 'hints', 'afterStuckSec', v), min: 0, minIncluded: true },
  { key: 'giveUp', label: 'Gives up after stuck', unit: 's', get: (p) => p.giveUp.afterStuckSec, write: (o, v) => into(o, 'giveUp', 'afterStuckSec', v), min: 0, minIncluded: false },
  {
    key: 'judgeDelay',
    label: 'Judged after (median)',
    unit: 's',
    get: (p) => p.hunt2.judgeDelay.median,
    // The delay is a median and a spread together: a changed median keeps the preset's spread.
    write: (o, v, p) => into(o, 'judging', 'delaySec', { median: v, spread: p.hunt2.judgeDelay.spread }),
    hunt2: true,
    min: 0,
    minIncluded: false,
  },
  { key: 'pointsShare', label: "Judged share of a step's points", unit: '%', get: (p) => p.hunt2.pointsShare, write: (o, v) => into(o, 'judging', 'pointsShare', v), scale: 100, hunt2: true, min: 0, minIncluded: true, max: 100 },
  { key: 'bonus', label: 'Takes on a bonus step', unit: '%', get: (p) => p.hunt2.bonus, write: (o, v) => (o.bonus = v), scale: 100, hunt2: true, min: 0, minIncluded: true, max: 100 },
  { key: 'waitUpTo', label: 'Longest wait for an opening', unit: 's', get: (p) => p.hunt2.waitUpToSec, write: (o, v) => (o.waitUpToSec = v), optional: true, blank: 'no limit', hunt2: true, min: 0, minIncluded: true },
];

export const BRANCH_CHOICES = [
  { value: 'random', label: 'any open step, at random' },
  { value: 'first', label: 'the first open step in the hunt' },
  { value: 'easiest', label: 'the easiest open step' },
  { value: 'nearest', label: 'the nearest open step' },
] as const;
export type BranchChoice = (typeof BRANCH_CHOICES)[number]['value'];

/** A profile in the form. A param is NaN while its field holds no number, null when an optional one is blank. */
export type MixRow = { name: string; on: boolean; sharePct: number; params: Record<string, number | null>; branch: BranchChoice; shortcut: boolean };

const shown = (m: MixParam, p: ProfilePreset): number | null => {
  const v = m.get(p);
  return v === null ? null : Math.round(v * (m.scale ?? 1) * 100) / 100;
};

/** The default mix: every preset at its own share. */
export function defaultMix(presets: ProfilePreset[]): MixRow[] {
  const total = presets.reduce((a, p) => a + p.share, 0) || 1;
  const rows = presets.map((p) => ({
    name: p.name,
    on: true,
    sharePct: Math.round((p.share / total) * 100),
    params: Object.fromEntries(MIX_PARAMS.map((m) => [m.key, shown(m, p)])),
    branch: p.hunt2.branch,
    shortcut: p.hunt2.shortcut,
  }));
  return balance(rows);
}

export function shareTotal(rows: MixRow[]): number {
  return rows.filter((r) => r.on).reduce((a, r) => a + (Number.isFinite(r.sharePct) ? r.sharePct : 0), 0);
}

/** Scales the shares of the profiles taking part so they add up to exactly 100 (the last one takes the rounding). */
export function balance(rows: MixRow[]): MixRow[] {
  const on = rows.filter((r) => r.on);
  const total = shareTotal(rows);
  if (on.length === 0) return rows;
  let left = 100;
  const last = on[on.length - 1].name;
  return rows.map((r) => {
    if (!r.on) return r;
    if (r.name === last) return { ...r, sharePct: left };
    const pct = total > 0 ? Math.round((r.sharePct / total) * 100) : Math.round(100 / on.length);
    left -= pct;
    return { ...r, sharePct: pct };
  });
}

/** What is wrong with the mix (null when it can run). */
export function mixProblem(rows: MixRow[]): string | null {
  const on = rows.filter((r) => r.on);
  if (on.length === 0) return 'Choose at least one profile.';
  if (on.some((r) => !(r.sharePct > 0))) return 'Every profile taking part needs a share above 0%.';
  const total = shareTotal(rows);
  if (Math.abs(total - 100) > 0.001) return `The shares add up to ${total}%, not 100%.`;
  for (const r of on) {
    for (const m of MIX_PARAMS) {
      const v = r.params[m.key];
      if (v === null && m.optional) continue;
      const name = `${r.name}: ${m.label.replace(/ \(.*\)$/, '').toLowerCase()}`;
      if (m.max !== undefined && !(v !== null && v >= m.min && v <= m.max)) return `${name} must be ${m.min}–${m.max}${m.unit}.`;
      if (!(v !== null && (m.minIncluded ? v >= m.min : v > m.min))) return `${name} must be a number ${m.minIncluded ? `of ${m.min} or more` : `above ${m.min}`}.`;
    }
  }
  return null;
}

/** The `profiles` setting for the mix; '' (the default mix) when it is exactly the presets at their own shares. */
export function mixText(rows: MixRow[], presets: ProfilePreset[]): string {
  const byName = new Map(presets.map((p) => [p.name, p]));
  const on = rows.filter((r) => r.on);
  const changed = (r: MixRow) => MIX_PARAMS.filter((m) => r.params[m.key] !== shown(m, byName.get(r.name)!));
  const choicesChanged = (r: MixRow) => r.branch !== byName.get(r.name)!.hunt2.branch || r.shortcut !== byName.get(r.name)!.hunt2.shortcut;
  if (on.every((r) => changed(r).length === 0 && !choicesChanged(r))) {
    const def = defaultMix(presets);
    if (on.length === def.length && on.every((r) => def.find((d) => d.name === r.name)!.sharePct === r.sharePct)) return '';
    return on.map((r) => `${r.name}:${r.sharePct / 100}`).join(',');
  }
  const profiles = on.map((r) => {
    const preset = byName.get(r.name)!;
    const out: Written = { extends: r.name, share: r.sharePct / 100 };
    for (const m of changed(r)) {
      const v = r.params[m.key];
      m.write(out, v === null ? null : v / (m.scale ?? 1), preset);
    }
    // A blank optional limit is written as absent (`extends` then keeps the preset's: no
    // preset sets one, so blank is the preset's own value).
    for (const k of Object.keys(out)) if (out[k] === null) delete out[k];
    if (r.branch !== preset.hunt2.branch) out.branch = r.branch;
    if (r.shortcut !== preset.hunt2.shortcut) out.shortcut = r.shortcut;
    return out;
  });
  return JSON.stringify({ format: 'hunt-profiles/1', profiles }, null, 2);
}

/** A one-line description of a profile's parameters, always visible in the form. */
export function mixSummary(r: MixRow): string {
  const p = r.params;
  return `answers ${p.answer}% right · thinks ${p.think} s · walks ${p.walk} m/s · hint after ${p.hint} s stuck · gives up after ${p.giveUp} s`;
}
