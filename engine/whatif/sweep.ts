// Sweeps: one or two fields varied over a range (`PATH=FROM..TO:STEP`), the grid of
// their combinations, and each point's hunt and profiles. A point whose hunt or
// profiles the change makes invalid is kept in the grid and reported with the reason,
// naming the path; the others run.
import type { Hunt } from '../hunt/schema';
import { validateHunt } from '../hunt/validate';
import { checkProfilesAgainstHunt, profileSchema, ProfileError, type Profile } from '../sim/profile';
import { parsePath, PathError, setHuntField, setProfileField, type FieldPath } from './paths';
import { meanOf, PairResamples, type BootstrapSettings, type Interval } from './bootstrap';
import { runMetrics, type MetricInfo } from './metrics';
import type { RunOutcome } from './run-in-memory';

export type Axis = { path: FieldPath; values: number[] };

export const MAX_AXES = 2;
export const MAX_POINTS = 10_000;

/** Parses `PATH=FROM..TO:STEP` (STEP > 0; FROM ≤ TO). */
export function parseVary(spec: string): Axis {
  const eq = spec.lastIndexOf('=');
  if (eq <= 0) throw new Error(`--vary ${spec}: expected PATH=FROM..TO:STEP, e.g. /locations/gate/radiusM=5..30:5`);
  const path = parsePath(spec.slice(0, eq));
  const m = /^\s*(-?[0-9]+(?:\.[0-9]+)?)\s*\.\.\s*(-?[0-9]+(?:\.[0-9]+)?)\s*:\s*([0-9]+(?:\.[0-9]+)?)\s*$/.exec(spec.slice(eq + 1));
  if (!m) throw new Error(`--vary ${spec}: the range must be FROM..TO:STEP, e.g. 5..30:5`);
  const [from, to, step] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!(step > 0)) throw new Error(`--vary ${spec}: STEP must be greater than 0`);
  if (from > to) throw new Error(`--vary ${spec}: FROM must not be greater than TO`);
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_POINTS) throw new Error(`--vary ${spec}: ${count} values, at most ${MAX_POINTS}`);
  // Each value from its index (not by adding STEP again and again), rounded off float noise.
  const values = Array.from({ length: count }, (_, i) => Math.round((from + i * step) * 1e9) / 1e9);
  return { path, values };
}

export type GridPoint = { index: number; values: number[] };

/** Every combination, the first axis varying slowest. */
export function grid(axes: Axis[]): GridPoint[] {
  if (axes.length === 0 || axes.length > MAX_AXES) throw new Error(`a sweep varies one or two fields (got ${axes.length})`);
  const total = axes.reduce((n, a) => n * a.values.length, 1);
  if (total > MAX_POINTS) throw new Error(`the sweep has ${total} points, at most ${MAX_POINTS}`);
  const points: GridPoint[] = [];
  const rec = (i: number, acc: number[]) => {
    if (i === axes.length) {
      points.push({ index: points.length, values: acc });
      return;
    }
    for (const v of axes[i].values) rec(i + 1, [...acc, v]);
  };
  rec(0, []);
  return points;
}

export type PointDesign = { ok: true; hunt: Hunt; profiles: Profile[] } | { ok: false; problem: string };

/** The hunt and profiles of one point, or why that point cannot run (naming the path). */
export function pointDesign(hunt: Hunt, profiles: Profile[], axes: Axis[], values: number[]): PointDesign {
  let h: unknown = hunt;
  let ps: Profile[] = profiles;
  try {
    axes.forEach((a, i) => {
      if (a.path.target === 'hunt') h = setHuntField(h, a.path, values[i]);
      else ps = setProfileField(ps, a.path, values[i]);
    });
  } catch (err) {
    if (err instanceof PathError) return { ok: false, problem: err.message };
    throw err;
  }
  const v = validateHunt(h);
  if (!v.valid || !v.hunt) {
    const first = v.errors[0];
    return { ok: false, problem: `${describe(axes, values)} makes the hunt invalid: ${first.path || '/'}: ${first.message}` };
  }
  for (const [i, p] of ps.entries()) {
    const parsed = profileSchema.safeParse(p);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, problem: `${describe(axes, values)} makes profile "${p.name}" invalid: /profiles/${i}/${issue.path.join('/')}: ${issue.message}` };
    }
  }
  try {
    checkProfilesAgainstHunt(ps, new Set(v.hunt.steps.map((s) => s.id)), 'profiles');
  } catch (err) {
    if (err instanceof ProfileError) return { ok: false, problem: `${describe(axes, values)}: ${err.message}` };
    throw err;
  }
  return { ok: true, hunt: v.hunt, profiles: ps };
}

export function describe(axes: Axis[], values: number[]): string {
  return axes.map((a, i) => `${a.path.text} = ${values[i]}`).join(', ');
}

export type PointMetric = MetricInfo & { mean: number | null; ci: Interval | null };

export type PointResult =
  | { index: number; values: number[]; ok: true; runs: number; metrics: PointMetric[] }
  | { index: number; values: number[]; ok: false; problem: string };

/** A point's figures: the mean over its runs and a bootstrap interval of that mean. */
export function summarizePoint(point: GridPoint, outcomes: RunOutcome[], bootstrap: BootstrapSettings): PointResult {
  const per = outcomes.map((o) => runMetrics(o.summary));
  const resamples = new PairResamples(outcomes.length, bootstrap);
  const metrics = per[0].info.map((info) => {
    const values = per.map((m) => m.values.get(info.key) ?? null);
    return { ...info, mean: meanOf(values), ci: resamples.meanInterval(values) };
  });
  return { index: point.index, values: point.values, ok: true, runs: outcomes.length, metrics };
}
