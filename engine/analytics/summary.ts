// The summary of a run for designers: who finishes, how long it takes, where people
// get stuck and what hints cost. Built from participants' final rules states, so it
// works for any run: a simulation feeds states as participants end, a stored or
// replayed run is re-derived from its log (see from-log.ts). "By profile" appears
// only when profiles are known (simulated joins carry a `profile` field).
import type { CompiledHunt } from '../hunt/compile';
import { availableAt, doneAt, hintsTaken, participantScore, stepStatus, type ParticipantState } from '../rules';
import type { StatusCounts } from '../log/types';
import { distribution, NumberList, quantile, round, type Distribution } from './stats';
import { V2Tally, type BonusFigures, type BranchRow, type JudgingQueue } from './v2-figures';

export type StepFunnel = {
  step: string;
  title: string;
  /** Participants to whom the step became available. */
  reached: number;
  solved: number;
  failed: number;
  /** Hints taken on the step, by everyone. */
  hints: number;
  /** Points lost to those hints, by everyone. */
  hintPenalty: number;
  /** Participants who quit or timed out while the step was open. */
  stuck: number;
  /** Median time on the step of those who solved it (see docs/simulation.md). */
  medianTimeSec: number | null;
};

export type Bottleneck = { step: string; title: string; medianTimeSec: number; failRate: number; stuck: number };

export type SummaryCore = {
  participants: number;
  statuses: StatusCounts;
  finishRate: number;
  score: Distribution;
  /** Finish time counted from each participant's own join (finished participants only). */
  finishTime: Distribution;
  hintsPerParticipant: number;
  funnel: StepFunnel[];
  /** Steps that hold people up most, worst first (at most 5). */
  bottlenecks: Bottleneck[];
  // ---- hunt/2 runs only (engine/analytics/v2-figures.ts)
  /** Each branching requirement item: how many it opened for and, for any of, which way they came. */
  branches?: BranchRow[];
  /** Bonus (optional) steps: reached, solved, uptake. */
  bonus?: BonusFigures;
  /** The organiser's judging queue over virtual time. */
  judging?: JudgingQueue;
};

export type ProfileSummary = SummaryCore & { profile: string; medianFinishSec: number | null };

/** Matches the studio's RunAnalytics (api/contract.ts), with more detail. */
export type AnalyticsSummary = SummaryCore & { byProfile: ProfileSummary[] };

class Tally {
  participants = 0;
  statuses: StatusCounts = { active: 0, finished: 0, timed_out: 0, quit: 0 };
  hints = 0;
  scores = new NumberList();
  finishTimes = new NumberList();
  reached: number[];
  solved: number[];
  failed: number[];
  stepHints: number[];
  stepHintPenalty: number[];
  stuck: number[];
  times: NumberList[];
  v2: V2Tally | null;

  constructor(steps: number, h: CompiledHunt) {
    this.v2 = h.v2 ? new V2Tally(h) : null;
    this.reached = new Array(steps).fill(0);
    this.solved = new Array(steps).fill(0);
    this.failed = new Array(steps).fill(0);
    this.stepHints = new Array(steps).fill(0);
    this.stepHintPenalty = new Array(steps).fill(0);
    this.stuck = new Array(steps).fill(0);
    this.times = Array.from({ length: steps }, () => new NumberList());
  }
}

export class RunAnalyzer {
  private readonly all: Tally;
  private readonly profiles = new Map<string, Tally>();

  constructor(private readonly h: CompiledHunt) {
    this.all = new Tally(h.steps.length, h);
  }

  /**
   * Adds one participant's final state (deadlines up to the end already applied). hunt/2:
   * `submissions` are its submissions' times and their judgements', in pairs (NaN: not judged).
   */
  add(s: ParticipantState, profile: string | null, submissions: ArrayLike<number> | null = null): void {
    this.addTo(this.all, s, submissions);
    if (profile !== null) {
      let t = this.profiles.get(profile);
      if (!t) this.profiles.set(profile, (t = new Tally(this.h.steps.length, this.h)));
      this.addTo(t, s, submissions);
    }
  }

  private addTo(t: Tally, s: ParticipantState, submissions: ArrayLike<number> | null): void {
    const h = this.h;
    t.v2?.add(s, submissions);
    t.participants++;
    t.statuses[s.status]++;
    t.hints += s.hintsUsed;
    t.scores.push(participantScore(h, s));
    if (s.status === 'finished' && s.finishedAt !== null) t.finishTimes.push(s.finishedAt - s.joinedAt);
    const lost = s.status === 'quit' || s.status === 'timed_out';
    for (let i = 0; i < h.steps.length; i++) {
      const status = stepStatus(s, i);
      if (status === 'locked') continue;
      t.reached[i]++;
      if (status === 'solved') t.solved[i]++;
      else if (status === 'failed') t.failed[i]++;
      else if (lost) t.stuck[i]++;
      const hints = hintsTaken(h, s, i);
      t.stepHints[i] += hints;
      for (let k = 0; k < hints; k++) t.stepHintPenalty[i] += h.steps[i].hintPenalties[k];
    }
    // Time on a step: from when the participant could start on it (it became
    // available, or the previous step got done, whichever is later) to when it was
    // done. For a participant who works on one step at a time that is the time spent on it.
    // Only solves count: a failure (often a deadline) is in the fail rate instead.
    let free = s.joinedAt;
    for (const i of s.doneOrder) {
      const done = doneAt(s, i)!;
      if (stepStatus(s, i) === 'solved') t.times[i].push(Math.max(0, done - Math.max(availableAt(s, i)!, free)));
      free = done;
    }
  }

  summary(): AnalyticsSummary {
    const byProfile = [...this.profiles.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([profile, t]) => {
        const core = this.core(t);
        return { profile, ...core, medianFinishSec: core.finishTime.p50 };
      });
    return { ...this.core(this.all), byProfile };
  }

  private core(t: Tally): SummaryCore {
    const h = this.h;
    const funnel: StepFunnel[] = h.steps.map((step, i) => ({
      step: step.id,
      title: h.hunt.steps[i].title,
      reached: t.reached[i],
      solved: t.solved[i],
      failed: t.failed[i],
      hints: t.stepHints[i],
      hintPenalty: t.stepHintPenalty[i],
      stuck: t.stuck[i],
      medianTimeSec: quantile(t.times[i].sorted(), 0.5),
    }));
    return {
      participants: t.participants,
      statuses: { ...t.statuses },
      finishRate: t.participants === 0 ? 0 : round(t.statuses.finished / t.participants),
      score: distribution(t.scores),
      finishTime: distribution(t.finishTimes),
      hintsPerParticipant: t.participants === 0 ? 0 : round(t.hints / t.participants),
      funnel,
      // A bonus step holds no one up: it is not needed to finish, and one a participant
      // skipped is still open when it stops, which would count it as stuck there.
      bottlenecks: bottlenecks(h.v2 ? funnel.filter((_, i) => !h.steps[i].optional || i === h.finishStep) : funnel),
      ...(t.v2 ? t.v2.result(t.reached) : {}),
    };
  }
}

/**
 * Worst first: the steps where most participants came to grief (failed it, or quit
 * or ran out of time with it open), then the longest median time on the step.
 */
export function bottlenecks(funnel: StepFunnel[], limit = 5): Bottleneck[] {
  return funnel
    .filter((f) => f.reached > 0)
    .map((f) => ({
      step: f.step,
      title: f.title,
      medianTimeSec: f.medianTimeSec ?? 0,
      failRate: round(f.failed / f.reached),
      stuck: f.stuck,
      lost: f.stuck + f.failed,
    }))
    .sort((a, b) => b.lost - a.lost || b.medianTimeSec - a.medianTimeSec)
    .map(({ lost: _lost, ...b }) => b)
    .slice(0, limit);
}
