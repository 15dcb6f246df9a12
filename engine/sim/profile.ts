// Behaviour profiles: how a kind of participant plays (spec of the file format in
// docs/simulation.md). A profiles file is JSON `{ "format": "hunt-profiles/1",
// "profiles": [...] }`; each profile may `extend` a built-in preset and override
// only what differs. Validation reports every problem with the field's path.
import { z } from 'zod';

export const PROFILES_FORMAT = 'hunt-profiles/1';

const probability = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const positive = z.number().finite().gt(0, 'must be greater than 0');
const nonNegative = z.number().finite().min(0, 'must be 0 or more');
const count = z.number().int('must be a whole number').min(0, 'must be 0 or more');

export const startSchema = z.discriminatedUnion('mode', [
  // Everyone of this profile joins at `atSec`.
  z.object({ mode: z.literal('together'), atSec: nonNegative }).strict(),
  // `waves` groups, `everySec` apart, the first at `firstAtSec`; participants are dealt to waves in turn.
  z
    .object({
      mode: z.literal('waves'),
      firstAtSec: nonNegative,
      waves: z.number().int('must be a whole number').min(1, 'must be at least 1'),
      everySec: positive,
    })
    .strict(),
  // Joins spread evenly at random over [fromSec, fromSec + overSec).
  z.object({ mode: z.literal('spread'), fromSec: nonNegative, overSec: positive }).strict(),
]);

export const profileSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'must be lower-case letters, digits and dashes (at most 32)'),
    description: z.string().optional(),
    /** Relative weight in the population (shares are normalised to add up to 1). */
    share: positive,
    /**
     * Probability that one attempt at a step of each kind is right. hunt/2: `choice`, that a
     * pick is a correct choice, and `judged`, that the organiser accepts a submission; both
     * default to `answer` when not given.
     */
    solve: z.object({ answer: probability, code: probability, location: probability, choice: probability.optional(), judged: probability.optional() }).strict(),
    /** Per-step overrides of `solve`, by step id. */
    solveByStep: z.record(z.string(), probability).optional(),
    /** Time spent reading and thinking before each attempt: log-normal. */
    thinkTimeSec: z.object({ median: positive, spread: nonNegative.max(3, 'must be 3 or less') }).strict(),
    walk: z
      .object({
        speedMps: positive,
        /** Per-participant variation of the speed (sigma of a log-normal factor). */
        speedSpread: nonNegative.max(2, 'must be 2 or less'),
        /** Standard deviation of the GPS error in metres, per axis. */
        gpsNoiseM: nonNegative,
        /** How often the phone reports a position while walking or searching. */
        reportEverySec: positive,
      })
      .strict(),
    hints: z
      .object({
        /** Take the next hint after this many wrong attempts on the step since the last hint (0 = never for this reason). */
        afterWrongAttempts: count,
        /** Take the next hint after this long stuck on the step since the last hint (0 = never for this reason). */
        afterStuckSec: nonNegative,
        /** Each hint closes this share of the gap between the solve probability and 1. */
        solveBoost: probability,
      })
      .strict(),
    giveUp: z
      .object({
        /** Quit after this long stuck on one step. */
        afterStuckSec: positive,
        /** Quit after this many wrong attempts on one step (0 = never for this reason). */
        afterWrongAttempts: count,
      })
      .strict(),
    start: startSchema,
    // ---- hunt/2 behaviour. Every field is optional (defaults in v2Behaviour below), so a
    // profiles file written for hunt/1 keeps its meaning and its simulations their logs.
    /** The simulated organiser's judging of this profile's submissions. */
    judging: z
      .object({
        /** Time from a submission to its judgement: log-normal with this median and sigma. */
        delaySec: z.object({ median: positive, spread: nonNegative.max(3, 'must be 3 or less') }).strict().optional(),
        /** An accepted submission gets this share of the step's points (rounded). */
        pointsShare: probability.optional(),
      })
      .strict()
      .optional(),
    /** Appetite for bonus (optional) steps: the chance of taking on each one once it is open. */
    bonus: probability.optional(),
    /** Which open step to work on next when several are open. */
    branch: z.enum(['random', 'first', 'easiest', 'nearest']).optional(),
    /** In a hunt with a finish step: skip a step that can no longer open anything (the other ways of an any-of once one is taken). */
    shortcut: z.boolean().optional(),
    /** The longest wait for a step to open (opening hours) before quitting; absent: waits as long as it takes. */
    waitUpToSec: nonNegative.optional(),
    /** The organiser's corrections: none unless asked for. */
    corrections: z
      .object({
        /** When this participant stops playing, the organiser adds `points` (a penalty when negative) with this chance. */
        adjust: z.object({ chance: probability, points: z.number().int('must be a whole number') }).strict().optional(),
        /** Five minutes before this participant's hunt deadline, if still playing, the organiser gives `seconds` more, with this chance. */
        extend: z.object({ chance: probability, seconds: positive }).strict().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type BranchStrategy = 'random' | 'first' | 'easiest' | 'nearest';

/** A profile's hunt/2 behaviour with every default filled in (docs/simulation.md, "hunt/2"). */
export type V2Behaviour = {
  judgeDelay: { median: number; spread: number };
  pointsShare: number;
  bonus: number;
  branch: BranchStrategy;
  shortcut: boolean;
  waitUpToSec: number;
};

export const V2_DEFAULTS: V2Behaviour = { judgeDelay: { median: 180, spread: 0.8 }, pointsShare: 1, bonus: 0.5, branch: 'random', shortcut: false, waitUpToSec: Infinity };

export function v2Behaviour(p: Profile): V2Behaviour {
  return {
    judgeDelay: p.judging?.delaySec ?? V2_DEFAULTS.judgeDelay,
    pointsShare: p.judging?.pointsShare ?? V2_DEFAULTS.pointsShare,
    bonus: p.bonus ?? V2_DEFAULTS.bonus,
    branch: p.branch ?? V2_DEFAULTS.branch,
    shortcut: p.shortcut ?? V2_DEFAULTS.shortcut,
    waitUpToSec: p.waitUpToSec ?? V2_DEFAULTS.waitUpToSec,
  };
}

export type StartPlan = z.infer<typeof startSchema>;
export type Profile = z.infer<typeof profileSchema>;

export type ProfileIssue = { path: string; message: string };

export class ProfileError extends Error {
  constructor(
    readonly source: string,
    readonly issues: ProfileIssue[],
  ) {
    super(`${source}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'ProfileError';
  }
}

function pointer(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '/' : '/' + path.map((p) => String(p)).join('/');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge of plain objects: `over` wins; arrays and scalars replace. */
function merge(base: unknown, over: unknown): unknown {
  if (!isRecord(base) || !isRecord(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in base ? merge(base[k], v) : v;
  return out;
}

/**
 * Validates a parsed profiles file. `presets` are what `extends` may name.
 * Throws a ProfileError listing every problem, each with its path (e.g. `/profiles/1/solve/answer`).
 */
export function parseProfiles(value: unknown, source: string, presets: Record<string, Profile>): Profile[] {
  const issues: ProfileIssue[] = [];
  if (!isRecord(value)) throw new ProfileError(source, [{ path: '/', message: 'must be a JSON object { "format": "hunt-profiles/1", "profiles": [...] }' }]);
  for (const key of Object.keys(value)) {
    if (key !== 'format' && key !== 'profiles') issues.push({ path: `/${key}`, message: 'unknown field' });
  }
  if (value.format !== PROFILES_FORMAT) issues.push({ path: '/format', message: `must be "${PROFILES_FORMAT}"` });
  if (!Array.isArray(value.profiles) || value.profiles.length === 0) {
    issues.push({ path: '/profiles', message: 'must be a non-empty array of profiles' });
    throw new ProfileError(source, issues);
  }
  const profiles: Profile[] = [];
  const names = new Map<string, number>();
  value.profiles.forEach((raw, i) => {
    const at = ['profiles', i];
    if (!isRecord(raw)) {
      issues.push({ path: pointer(at), message: 'must be an object' });
      return;
    }
    let full: unknown = raw;
    if ('extends' in raw) {
      const base = typeof raw.extends === 'string' ? presets[raw.extends] : undefined;
      if (!base) {
        issues.push({ path: pointer([...at, 'extends']), message: `must name a preset: ${Object.keys(presets).join(', ')}` });
        return;
      }
      const { extends: _ignored, ...rest } = raw;
      full = merge(base, rest);
    }
    const parsed = profileSchema.safeParse(full);
    if (!parsed.success) {
      for (const e of parsed.error.issues) {
        const message = e.code === 'unrecognized_keys' ? `unknown field${e.keys.length > 1 ? 's' : ''} ${e.keys.map((k) => `"${k}"`).join(', ')}` : e.message;
        issues.push({ path: pointer([...at, ...e.path]), message });
      }
      return;
    }
    const earlier = names.get(parsed.data.name);
    if (earlier !== undefined) issues.push({ path: pointer([...at, 'name']), message: `duplicate profile name "${parsed.data.name}" (also /profiles/${earlier})` });
    names.set(parsed.data.name, i);
    profiles.push(parsed.data);
  });
  if (issues.length > 0) throw new ProfileError(source, issues);
  return profiles;
}

/**
 * Checks the profiles against a hunt: `solveByStep` must name steps of it. Separate
 * from parsing because one profiles file serves many hunts.
 */
export function checkProfilesAgainstHunt(profiles: Profile[], stepIds: ReadonlySet<string>, source: string): void {
  const issues: ProfileIssue[] = [];
  profiles.forEach((p, i) => {
    for (const id of Object.keys(p.solveByStep ?? {})) {
      if (!stepIds.has(id)) issues.push({ path: `/profiles/${i}/solveByStep/${id}`, message: `the hunt has no step "${id}"` });
    }
  });
  if (issues.length > 0) throw new ProfileError(source, issues);
}
