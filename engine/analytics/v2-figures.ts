// The hunt/2 figures of a run summary: which branches participants took, how many took
// up the bonus steps, and how long the organiser's judging queue was over time. Branches
// and bonus come from the final states like the rest of the summary; the judging queue
// needs each submission's time and its judgement's, which a state does not keep, so the
// caller hands those in (the simulation knows them, a log analysis reads them off the log).
import type { CompiledHunt, CompiledItem } from '../hunt/compile';
import { availableAt, doneAt, stepStatus, type ParticipantState } from '../rules';
import { distribution, NumberList, round, type Distribution } from './stats';

/** One branching requirement item of a step (any of, on success, on failure, by score). */
export type BranchRow = {
  step: string;
  title: string;
  /** The item's index in the step's `requires`. */
  item: number;
  /** The item in words: `any 1 of a, b`, `a solved`, `a failed`, `score ≥ 300`. */
  requirement: string;
  /** Participants to whom the step became available (the funnel's `reached`). */
  reached: number;
  /** Any of: for each listed step, the participants who had it done when the step opened (the way they came). */
  via: { step: string; participants: number }[];
};

export type BonusRow = { step: string; title: string; reached: number; solved: number; failed: number; /** solved of reached */ uptake: number };

export type BonusFigures = {
  steps: BonusRow[];
  /** Participants who solved at least one bonus step, and their share of all. */
  participants: number;
  share: number;
};

/** The submissions waiting for the organiser's judgement over virtual time. */
export type JudgingQueue = {
  submissions: number;
  judged: number;
  /** Most submissions waiting at once, and when that was first reached (null without submissions). */
  peak: number;
  peakAt: number | null;
  /** From submission to judgement, judged submissions only. */
  waitSec: Distribution;
  /** At most `points` evenly spaced samples from the first submission to the last judgement: waiting then. */
  t: number[];
  pending: number[];
};

export type V2Figures = { branches: BranchRow[]; bonus: BonusFigures; judging: JudgingQueue };

type BranchItem = { step: number; item: number; compiled: CompiledItem };

function requirementText(h: CompiledHunt, item: CompiledItem): string {
  const id = (i: number) => h.steps[i].id;
  switch (item.kind) {
    case 'anyOf':
      return `any ${item.count} of ${item.steps.map(id).join(', ')}`;
    case 'solved':
      return `${id(item.step)} solved`;
    case 'failed':
      return `${id(item.step)} failed`;
    case 'score':
      return `score ≥ ${item.score}`;
    case 'done':
      return id(item.step);
  }
}

export class V2Tally {
  private readonly items: BranchItem[] = [];
  private readonly via: number[][];
  private readonly bonusSteps: number[];
  private readonly bonusSolved: number[];
  private readonly bonusFailed: number[];
  private readonly bonusReached: number[];
  private participants = 0;
  private withBonus = 0;
  private readonly submitted = new NumberList();
  /** Judgement times of judged submissions, and their waits. */
  private readonly judgedAt = new NumberList();
  private readonly waits = new NumberList();

  constructor(private readonly h: CompiledHunt) {
    h.steps.forEach((s, j) => s.items.forEach((compiled, item) => compiled.kind !== 'done' && this.items.push({ step: j, item, compiled })));
    this.via = this.items.map((b) => (b.compiled.kind === 'anyOf' ? new Array(b.compiled.steps.length).fill(0) : []));
    this.bonusSteps = h.steps.filter((s) => s.optional && s.index !== h.finishStep).map((s) => s.index);
    this.bonusSolved = this.bonusSteps.map(() => 0);
    this.bonusFailed = this.bonusSteps.map(() => 0);
    this.bonusReached = this.bonusSteps.map(() => 0);
  }

  /** One participant's final state and its submissions (submitted, judged pairs; judged NaN while still waiting). */
  add(s: ParticipantState, submissions: ArrayLike<number> | null): void {
    this.participants++;
    this.items.forEach((b, k) => {
      const opened = availableAt(s, b.step);
      if (opened === null || b.compiled.kind !== 'anyOf') return;
      b.compiled.steps.forEach((m, x) => {
        const done = doneAt(s, m);
        if (done !== null && done <= opened) this.via[k][x]++;
      });
    });
    let bonus = false;
    this.bonusSteps.forEach((i, k) => {
      const status = stepStatus(s, i);
      if (status === 'locked') return;
      this.bonusReached[k]++;
      if (status === 'solved') {
        this.bonusSolved[k]++;
        bonus = true;
      } else if (status === 'failed') this.bonusFailed[k]++;
    });
    if (bonus) this.withBonus++;
    if (submissions === null) return;
    for (let k = 0; k + 1 < submissions.length; k += 2) {
      this.submitted.push(submissions[k]);
      const judged = submissions[k + 1];
      if (Number.isNaN(judged)) continue;
      this.judgedAt.push(judged);
      this.waits.push(judged - submissions[k]);
    }
  }

  /** `reached` per step: the funnel's. */
  result(reached: number[], points = 100): V2Figures {
    const h = this.h;
    const branches = this.items.map((b, k) => ({
      step: h.steps[b.step].id,
      title: h.hunt.steps[b.step].title,
      item: b.item,
      requirement: requirementText(h, b.compiled),
      reached: reached[b.step],
      via: b.compiled.kind === 'anyOf' ? b.compiled.steps.map((m, x) => ({ step: h.steps[m].id, participants: this.via[k][x] })) : [],
    }));
    const bonusSteps = this.bonusSteps.map((i, k) => ({
      step: h.steps[i].id,
      title: h.hunt.steps[i].title,
      reached: this.bonusReached[k],
      solved: this.bonusSolved[k],
      failed: this.bonusFailed[k],
      uptake: this.bonusReached[k] === 0 ? 0 : round(this.bonusSolved[k] / this.bonusReached[k]),
    }));
    return {
      branches,
      bonus: { steps: bonusSteps, participants: this.withBonus, share: this.participants === 0 ? 0 : round(this.withBonus / this.participants) },
      judging: this.queue(points),
    };
  }

  private queue(points: number): JudgingQueue {
    const starts = this.submitted.sorted();
    const ends = this.judgedAt.sorted();
    const out: JudgingQueue = { submissions: starts.length, judged: ends.length, peak: 0, peakAt: null, waitSec: distribution(this.waits), t: [], pending: [] };
    if (starts.length === 0) return out;
    // The peak, exactly: a judgement at the same time as a submission is counted first.
    let si = 0;
    let ei = 0;
    while (si < starts.length) {
      if (ei < ends.length && ends[ei] <= starts[si]) {
        ei++;
        continue;
      }
      const at = starts[si++];
      if (si - ei > out.peak) {
        out.peak = si - ei;
        out.peakAt = round(at);
      }
    }
    const from = starts[0];
    const to = Math.max(from, starts[starts.length - 1], ends.length ? ends[ends.length - 1] : from);
    const n = to === from ? 1 : points;
    si = 0;
    ei = 0;
    for (let k = 0; k < n; k++) {
      const t = n === 1 ? to : from + ((to - from) * k) / (n - 1);
      while (si < starts.length && starts[si] <= t) si++;
      while (ei < ends.length && ends[ei] <= t) ei++;
      out.t.push(round(t));
      out.pending.push(si - ei);
    }
    return out;
  }
}
