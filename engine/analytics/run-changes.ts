// What changed between two runs of a hunt, and whether it moved the outcome: a designer
// raises max attempts or lowers a hint penalty, simulates again, and wants to know which
// settings differ between the two runs, what happened to who finishes and solves, and
// when a change could not have mattered, why (hint penalties and points never change what
// simulated people do; more attempts cannot help a step nobody ran out of attempts on).
// Pure: both runs' rules, simulation settings and figures come in as values.
import type { StatusCounts } from '../log/types';
import type { StepDiagnostics } from './step-diagnostics';

/** One run as compared: its rules (the hunt file), its simulation settings, its figures. */
export type ComparedRun = {
  name: string;
  hunt: unknown;
  /** A simulation's stored settings ({ participants, seed, profiles }); null for other runs. */
  settings: unknown;
  participants: number;
  statuses: StatusCounts;
  /** Scores: 10th percentile, median, 90th percentile, and the histogram's counts (a score change anywhere shows). */
  score: { p10: number | null; p50: number | null; p90: number | null; histogram: { from: number; to: number; count: number }[] };
  steps: StepDiagnostics[];
};

export type SettingChange = {
  /** Which setting: a hunt field, a step field, or a simulation setting. */
  setting: 'hunt-time-limit' | 'wrong-answer-penalty' | 'step-added' | 'step-removed' | 'max-attempts' | 'time-limit' | 'points' | 'hint-penalties' | 'answers' | 'requires' | 'participants' | 'seed' | 'profiles';
  /** The step's id, for a step's setting. */
  step: string | null;
  /** In the designer's words: "max attempts of “Count the parade”". */
  label: string;
  from: string;
  to: string;
  /** Why this change could not have changed the outcome (or makes the comparison partly chance); null when it could matter. */
  remark: string | null;
};

export type RunChanges = {
  a: string;
  b: string;
  changes: SettingChange[];
  /** True when who finished, timed out or quit, or any step's solved and failed counts, differ. */
  moved: boolean;
  scoresMoved: boolean;
  /** One sentence: did the outcome move, and by how much. */
  verdict: string;
  /** The figures behind it, A → B: the totals, then each changed step's counts. */
  lines: string[];
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const stepsOf = (hunt: unknown): Obj[] => (isObj(hunt) && Array.isArray(hunt.steps) ? hunt.steps.filter(isObj) : []);
const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
const titleOf = (s: Obj) => `“${typeof s.title === 'string' && s.title ? s.title : String(s.id)}”`;

function fmtSec(v: unknown): string {
  if (typeof v !== 'number') return 'none';
  if (v % 60 === 0) return `${v / 60} min`;
  return `${v} s`;
}
const fmtNum = (v: unknown, none = 'none') => (typeof v === 'number' ? String(v) : none);
const fmtList = (v: unknown) => (Array.isArray(v) && v.length ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ') : 'none');
const penalties = (s: Obj) => (Array.isArray(s.hints) ? s.hints.map((h) => (isObj(h) && typeof h.penalty === 'number' ? h.penalty : 0)) : []);

function profilesText(v: unknown): string {
  if (!Array.isArray(v) || v.length === 0) return 'the default mix';
  return v.map((p) => (isObj(p) ? `${String(p.name ?? p.extends ?? '?')}${typeof p.share === 'number' ? ` ${Math.round(p.share * 100)}%` : ''}` : '?')).join(', ');
}

const pct = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '–');
const show = (v: number | string | null) => (v === null ? '–' : typeof v === 'number' ? v.toLocaleString('en-US') : v);
const arrow = (x: number | string | null, y: number | string | null) => (x === y ? `${show(x)} (same)` : `${show(x)} → ${show(y)}`);

/** The diagnostics of step `id` in a run, if it had that step. */
const diagOf = (r: ComparedRun, id: string) => r.steps.find((d) => d.step === id) ?? null;

/** Why a step's change could not have mattered, judged by what happened on the step in the earlier run A. */
function stepRemark(setting: SettingChange['setting'], from: unknown, to: unknown, before: StepDiagnostics | null): string | null {
  switch (setting) {
    case 'hint-penalties':
      return before && before.hints === 0
        ? 'Hint penalties change scores only (simulated participants take a hint when they are stuck, whatever it costs), and no one took a hint on it in A: nothing could change.'
        : 'Hint penalties change scores only: simulated participants take a hint when they are stuck, whatever it costs, so who solves and who finishes cannot change.';
    case 'points':
      return 'Points change scores only, never who solves or finishes.';
    case 'max-attempts': {
      const more = to === undefined || (typeof from === 'number' && typeof to === 'number' && to > from);
      if (!more || !before) return null;
      if (before.failedAttempts > 0) return null;
      const cause = before.failedTimeLimit > 0 ? ` (its ${before.failedTimeLimit} failures came from its time limit)` : '';
      return `No one ran out of attempts on it in A${cause}: more attempts could not change who solves it.`;
    }
    case 'time-limit': {
      const longer = to === undefined || (typeof from === 'number' && typeof to === 'number' && to > from);
      if (!longer || !before) return null;
      if (before.failedTimeLimit > 0) return null;
      return 'No one reached its time limit in A: a longer limit could not change who solves it.';
    }
    default:
      return null;
  }
}

function settingChanges(a: ComparedRun, b: ComparedRun): SettingChange[] {
  const out: SettingChange[] = [];
  const ha = isObj(a.hunt) ? a.hunt : {};
  const hb = isObj(b.hunt) ? b.hunt : {};
  if (!same(ha.timeLimitSec, hb.timeLimitSec))
    out.push({ setting: 'hunt-time-limit', step: null, label: 'the hunt’s time limit', from: fmtSec(ha.timeLimitSec), to: fmtSec(hb.timeLimitSec), remark: null });
  if (!same(ha.wrongAnswerPenalty, hb.wrongAnswerPenalty))
    out.push({
      setting: 'wrong-answer-penalty',
      step: null,
      label: 'the wrong-answer penalty',
      from: fmtNum(ha.wrongAnswerPenalty, '0'),
      to: fmtNum(hb.wrongAnswerPenalty, '0'),
      remark: 'A wrong-answer penalty changes scores only, never who solves or finishes.',
    });
  const sa = new Map(stepsOf(a.hunt).map((s) => [String(s.id), s]));
  const sb = new Map(stepsOf(b.hunt).map((s) => [String(s.id), s]));
  for (const [id, s] of sa) if (!sb.has(id)) out.push({ setting: 'step-removed', step: id, label: `step ${titleOf(s)}`, from: 'in the hunt', to: 'removed', remark: null });
  for (const [id, s] of sb) if (!sa.has(id)) out.push({ setting: 'step-added', step: id, label: `step ${titleOf(s)}`, from: 'not in the hunt', to: 'added', remark: null });
  const fields: { setting: SettingChange['setting']; name: string; get: (s: Obj) => unknown; fmt: (v: unknown) => string }[] = [
    { setting: 'max-attempts', name: 'max attempts', get: (s) => s.maxAttempts, fmt: (v) => fmtNum(v, 'unlimited') },
    { setting: 'time-limit', name: 'time limit', get: (s) => s.timeLimitSec, fmt: fmtSec },
    { setting: 'points', name: 'points', get: (s) => s.points, fmt: (v) => fmtNum(v, 'default') },
    { setting: 'hint-penalties', name: 'hint penalties', get: penalties, fmt: fmtList },
    { setting: 'answers', name: 'accepted answers', get: (s) => s.answers ?? s.code, fmt: fmtList },
    { setting: 'requires', name: 'requirements', get: (s) => s.requires ?? [], fmt: fmtList },
  ];
  for (const [id, x] of sa) {
    const y = sb.get(id);
    if (!y) continue;
    for (const f of fields) {
      const from = f.get(x);
      const to = f.get(y);
      if (same(from, to)) continue;
      out.push({ setting: f.setting, step: id, label: `${f.name} of ${titleOf(y)}`, from: f.fmt(from), to: f.fmt(to), remark: stepRemark(f.setting, from, to, diagOf(a, id)) });
    }
  }
  const pa = isObj(a.settings) ? a.settings : null;
  const pb = isObj(b.settings) ? b.settings : null;
  if (pa && pb) {
    const chance = 'so part of any difference is chance: keep the seed and the participants the same to see what a change of rules does alone.';
    if (!same(pa.seed, pb.seed)) out.push({ setting: 'seed', step: null, label: 'the seed', from: fmtNum(pa.seed), to: fmtNum(pb.seed), remark: `A different seed simulates different people, ${chance}` });
    if (!same(pa.participants, pb.participants))
      out.push({ setting: 'participants', step: null, label: 'the number of participants', from: fmtNum(pa.participants), to: fmtNum(pb.participants), remark: `A different number of participants simulates other people too, ${chance}` });
    if (!same(pa.profiles, pb.profiles)) out.push({ setting: 'profiles', step: null, label: 'the profile mix', from: profilesText(pa.profiles), to: profilesText(pb.profiles), remark: null });
  }
  return out;
}

const stepCounts = (d: StepDiagnostics | null) => (d ? [d.reached, d.solved, d.failedTimeLimit, d.failedAttempts, d.failedOther, d.quitOnIt, d.timedOutOnIt, d.open] : null);

/** Compares run B (the later one) with run A (the earlier): which settings differ, and whether the outcome moved. */
export function compareRunChanges(a: ComparedRun, b: ComparedRun): RunChanges {
  const changes = settingChanges(a, b);
  const ids = [...new Set([...a.steps.map((d) => d.step), ...b.steps.map((d) => d.step)])];
  const stepsMoved = ids.some((id) => !same(stepCounts(diagOf(a, id)), stepCounts(diagOf(b, id))));
  const moved = stepsMoved || !same(a.statuses, b.statuses) || a.participants !== b.participants;
  const scoresMoved = !same(a.score, b.score);
  const fa = a.statuses.finished;
  const fb = b.statuses.finished;
  const lines = [
    `Finished: ${arrow(fa, fb)} of ${arrow(a.participants, b.participants)} (${arrow(pct(fa, a.participants), pct(fb, b.participants))})`,
    `Timed out: ${arrow(a.statuses.timed_out, b.statuses.timed_out)} · quit: ${arrow(a.statuses.quit, b.statuses.quit)}`,
    `Score p10 / median / p90: ${arrow(a.score.p10, b.score.p10)} / ${arrow(a.score.p50, b.score.p50)} / ${arrow(a.score.p90, b.score.p90)}`,
  ];
  for (const id of [...new Set(changes.map((c) => c.step).filter((s): s is string => s !== null))]) {
    const x = diagOf(a, id);
    const y = diagOf(b, id);
    const title = y?.title || x?.title || id;
    lines.push(
      `“${title}”: solved ${arrow(x?.solved ?? null, y?.solved ?? null)}; failed by time limit ${arrow(x?.failedTimeLimit ?? null, y?.failedTimeLimit ?? null)}, by attempts ${arrow(x?.failedAttempts ?? null, y?.failedAttempts ?? null)}; hints ${arrow(x?.hints ?? null, y?.hints ?? null)}`,
    );
  }
  let verdict: string;
  if (changes.length === 0) verdict = moved ? 'No setting differs, yet the outcome differs.' : 'No setting differs, and the outcome is the same.';
  else if (!moved) verdict = `The outcome did not move: the same ${show(fb)} of ${show(b.participants)} finished and every step was solved and failed as often${scoresMoved ? '; only the scores changed' : ''}.`;
  else if (fa === fb) verdict = `The outcome moved on some steps, but the same ${show(fb)} of ${show(b.participants)} finished.`;
  else verdict = `The outcome moved: ${show(fa)} → ${show(fb)} finished (${pct(fa, a.participants)} → ${pct(fb, b.participants)}).`;
  return { a: a.name, b: b.name, changes, moved, scoresMoved, verdict, lines };
}
