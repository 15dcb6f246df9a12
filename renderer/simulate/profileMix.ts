// The profile-mix form's model: which built-in profiles take part, each one's share of the
// population (shown as percentages that must add up to 100) and its main parameters. It
// becomes the simulation's `profiles` setting: a preset list when no parameter changed
// (`casual:0.7,families:0.3`), otherwise a profiles file that extends the presets.
import type { ProfilePreset } from '../../api/contract';

export type MixParam = { key: string; label: string; unit: string; get(p: ProfilePreset): number; path: [string, string]; scale?: number };

/** The parameters the form shows; `scale` turns the stored value into the shown one (probability → %). */
export const MIX_PARAMS: MixParam[] = [
  { key: 'answer', label: 'Answers right', unit: '%', get: (p) => p.solve.answer, path: ['solve', 'answer'], scale: 100 },
  { key: 'think', label: 'Thinks (median)', unit: 's', get: (p) => p.thinkTimeSec.median, path: ['thinkTimeSec', 'median'] },
  { key: 'walk', label: 'Walks at', unit: 'm/s', get: (p) => p.walk.speedMps, path: ['walk', 'speedMps'] },
  { key: 'hint', label: 'Hint after stuck', unit: 's', get: (p) => p.hints.afterStuckSec, path: ['hints', 'afterStuckSec'] },
  { key: 'giveUp', label: 'Gives up after stuck', unit: 's', get: (p) => p.giveUp.afterStuckSec, path: ['giveUp', 'afterStuckSec'] },
];

export type MixRow = { name: string; on: boolean; sharePct: number; params: Record<string, number> };

const shown = (m: MixParam, p: ProfilePreset) => Math.round(m.get(p) * (m.scale ?? 1) * 100) / 100;

/** The default mix: every preset at its own share. */
export function defaultMix(presets: ProfilePreset[]): MixRow[] {
  const total = presets.reduce((a, p) => a + p.share, 0) || 1;
  const rows = presets.map((p) => ({ name: p.name, on: true, sharePct: Math.round((p.share / total) * 100), params: Object.fromEntries(MIX_PARAMS.map((m) => [m.key, shown(m, p)])) }));
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
    const answer = r.params.answer;
    if (!(answer >= 0 && answer <= 100)) return `${r.name}: answers right must be 0–100%.`;
    for (const m of MIX_PARAMS) if (!(r.params[m.key] >= 0) || (m.key !== 'hint' && m.key !== 'answer' && !(r.params[m.key] > 0))) return `${r.name}: ${m.label.toLowerCase()} must be a number above 0.`;
  }
  return null;
}

/** The `profiles` setting for the mix; '' (the default mix) when it is exactly the presets at their own shares. */
export function mixText(rows: MixRow[], presets: ProfilePreset[]): string {
  const byName = new Map(presets.map((p) => [p.name, p]));
  const on = rows.filter((r) => r.on);
  const changed = (r: MixRow) => MIX_PARAMS.filter((m) => r.params[m.key] !== shown(m, byName.get(r.name)!));
  if (on.every((r) => changed(r).length === 0)) {
    const def = defaultMix(presets);
    if (on.length === def.length && on.every((r) => def.find((d) => d.name === r.name)!.sharePct === r.sharePct)) return '';
    return on.map((r) => `${r.name}:${r.sharePct / 100}`).join(',');
  }
  const profiles = on.map((r) => {
    const out: Record<string, unknown> = { extends: r.name, share: r.sharePct / 100 };
    for (const m of changed(r)) {
      const [group, field] = m.path;
      out[group] = { ...((out[group] as object) ?? {}), [field]: r.params[m.key] / (m.scale ?? 1) };
    }
    return out;
  });
  return JSON.stringify({ format: 'hunt-profiles/1', profiles }, null, 2);
}

/** A one-line description of a profile's parameters, always visible in the form. */
export function mixSummary(r: MixRow): string {
  const p = r.params;
  return `answers ${p.answer}% right · thinks ${p.think} s · walks ${p.walk} m/s · hint after ${p.hint} s stuck · gives up after ${p.giveUp} s`;
}
