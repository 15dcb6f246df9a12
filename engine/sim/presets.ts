// Built-in behaviour profiles. Figures are plausible starting points for a city
// hunt played on phones, not measurements: designers copy them into a profiles file
// (`"extends": "casual"`) and adjust what they know better.
import { parseProfiles, ProfileError, type Profile } from './profile';
import { parseJsonText, formatSyntaxError } from '../hunt/parse';

export const PRESETS: Record<string, Profile> = {
  casual: {
    name: 'casual',
    description: 'Friends out for an afternoon: take their time, use hints, some drop out.',
    share: 0.5,
    solve: { answer: 0.55, code: 0.9, location: 0.8 },
    thinkTimeSec: { median: 90, spread: 0.8 },
    walk: { speedMps: 1.1, speedSpread: 0.15, gpsNoiseM: 8, reportEverySec: 30 },
    hints: { afterWrongAttempts: 2, afterStuckSec: 300, solveBoost: 0.5 },
    giveUp: { afterStuckSec: 1500, afterWrongAttempts: 8 },
    start: { mode: 'spread', fromSec: 0, overSec: 1800 },
  },
  competitive: {
    name: 'competitive',
    description: 'Teams playing to win: quick, persistent, avoid hints (they cost points).',
    share: 0.2,
    solve: { answer: 0.7, code: 0.95, location: 0.9 },
    thinkTimeSec: { median: 45, spread: 0.6 },
    walk: { speedMps: 1.5, speedSpread: 0.1, gpsNoiseM: 6, reportEverySec: 20 },
    hints: { afterWrongAttempts: 5, afterStuckSec: 900, solveBoost: 0.5 },
    giveUp: { afterStuckSec: 3600, afterWrongAttempts: 0 },
    start: { mode: 'together', atSec: 0 },
  },
  families: {
    name: 'families',
    description: 'Parents with children: slow walkers, lean on hints early, stop when the kids are tired.',
    share: 0.2,
    solve: { answer: 0.45, code: 0.85, location: 0.75 },
    thinkTimeSec: { median: 120, spread: 0.9 },
    walk: { speedMps: 0.8, speedSpread: 0.2, gpsNoiseM: 10, reportEverySec: 30 },
    hints: { afterWrongAttempts: 1, afterStuckSec: 180, solveBoost: 0.6 },
    giveUp: { afterStuckSec: 900, afterWrongAttempts: 5 },
    start: { mode: 'waves', firstAtSec: 0, waves: 3, everySec: 900 },
  },
  speedrunners: {
    name: 'speedrunners',
    description: 'Experts racing the clock: fast, accurate, never take hints.',
    share: 0.1,
    solve: { answer: 0.85, code: 0.98, location: 0.95 },
    thinkTimeSec: { median: 20, spread: 0.5 },
    walk: { speedMps: 2.2, speedSpread: 0.1, gpsNoiseM: 5, reportEverySec: 15 },
    hints: { afterWrongAttempts: 0, afterStuckSec: 0, solveBoost: 0 },
    giveUp: { afterStuckSec: 5400, afterWrongAttempts: 0 },
    start: { mode: 'together', atSec: 0 },
  },
};

/** The mix used when none is given: every preset at its own share. */
export function defaultProfiles(): Profile[] {
  return Object.values(PRESETS);
}

const PRESET_LIST = /^\s*[a-z0-9-]+(\s*:\s*[0-9.]+)?(\s*,\s*[a-z0-9-]+(\s*:\s*[0-9.]+)?)*\s*$/;

/** True when `spec` looks like a preset list (`casual,speedrunners:0.3`) rather than a file's text. */
export function isPresetList(spec: string): boolean {
  return PRESET_LIST.test(spec);
}

/**
 * Profiles from a setting: null → the default mix; a preset list such as
 * `casual:0.7,families:0.3` (shares optional, default each preset's own); or the
 * text of a profiles file (JSON). `source` names it in errors (a file name, "--profiles").
 */
export function resolveProfiles(spec: string | null, source = 'profiles'): Profile[] {
  if (spec === null || spec.trim() === '') return defaultProfiles();
  if (isPresetList(spec)) {
    const items = spec.split(',').map((s) => s.trim());
    const seen = new Set<string>();
    const issues = [];
    const out: Profile[] = [];
    for (const [i, item] of items.entries()) {
      const [name, share] = item.split(':').map((s) => s.trim());
      const preset = PRESETS[name];
      if (!preset) {
        issues.push({ path: `item ${i + 1} ("${name}")`, message: `not a preset; the presets are ${Object.keys(PRESETS).join(', ')}` });
        continue;
      }
      if (seen.has(name)) issues.push({ path: `item ${i + 1} ("${name}")`, message: 'named twice' });
      seen.add(name);
      const weight = share === undefined ? preset.share : Number(share);
      if (!(weight > 0) || !Number.isFinite(weight)) issues.push({ path: `item ${i + 1} ("${name}")`, message: 'share must be a number greater than 0' });
      out.push({ ...preset, share: weight });
    }
    if (issues.length > 0) throw new ProfileError(source, issues);
    return out;
  }
  const parsed = parseJsonText(spec, source);
  if (!parsed.ok) throw new ProfileError(source, [{ path: `line ${parsed.error.line}`, message: `${formatSyntaxError(parsed.error)} (not valid JSON)` }]);
  return parseProfiles(parsed.value, source, PRESETS);
}
