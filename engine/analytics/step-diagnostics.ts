// Why a step loses people, not only where: for each step, who reached it, solved it,
// failed it by its time limit or by running out of attempts (or for another reason, such
// as a closing time), quit or ran out of hunt time while on it, how long it took, and the
// hints and wrong attempts spent on it. Built from participants' rules states, so a
// simulation, a replayed log and a what-if comparison all count the same way; the same
// classification (stepOutcome) filters participants in the debugger, so clicking a bar
// lists exactly the people it counts.
import type { CompiledHunt } from '../hunt/compile';
import { availableAt, doneAt, hintsTaken, stepStatus, wrongAttempts, type ParticipantState } from '../rules';
import { NumberList, quantile } from './stats';

/** Why a failed step failed. `other`: neither its time limit nor its attempts (a v2 closing time, say). */
export type FailureCause = 'time-limit' | 'attempts' | 'other';

/**
 * Where one participant stands with one step: never reached (locked), still working on it
 * (open), solved, failed (and why), or gone while on it (quit, or the hunt's time ran out).
 */
export type StepOutcome = 'locked' | 'open' | 'solved' | 'failed-time-limit' | 'failed-attempts' | 'failed-other' | 'quit-on-it' | 'timed-out-on-it';

export const STEP_OUTCOMES: StepOutcome[] = ['solved', 'failed-time-limit', 'failed-attempts', 'failed-other', 'quit-on-it', 'timed-out-on-it', 'open', 'locked'];

/** Why step i of a participant failed, or null when it did not fail. */
export function failureCause(h: CompiledHunt, s: ParticipantState, i: number): FailureCause | null {
  if (stepStatus(s, i) !== 'failed') return null;
  const step = h.steps[i];
  if (step.maxAttempts !== null && wrongAttempts(h, s, i) >= step.maxAttempts) return 'attempts';
  const from = availableAt(s, i);
  if (step.timeLimitSec !== null && from !== null && doneAt(s, i) === from + step.timeLimitSec) return 'time-limit';
  return 'other';
}

export function stepOutcome(h: CompiledHunt, s: ParticipantState, i: number): StepOutcome {
  const status = stepStatus(s, i);
  if (status === 'locked') return 'locked';
  if (status === 'solved') return 'solved';
  if (status === 'failed') return `failed-${failureCause(h, s, i)!}` as StepOutcome;
  if (s.status === 'quit') return 'quit-on-it';
  if (s.status === 'timed_out') return 'timed-out-on-it';
  return 'open';
}

export type TimeSpent = { median: number | null; p90: number | null };

export type StepDiagnostics = {
  step: string;
  title: string;
  /** Participants to whom the step became available. */
  reached: number;
  solved: number;
  failedTimeLimit: number;
  failedAttempts: number;
  failedOther: number;
  /** Quit the hunt while the step was open. */
  quitOnIt: number;
  /** The hunt's own time limit ran out while the step was open. */
  timedOutOnIt: number;
  /** Still working on it (the run is not over, or the log ended). */
  open: number;
  /** Seconds from when the participant could start on it to when it was done (solved or failed). */
  timeSpent: TimeSpent;
  /** Seconds, of those who solved it only. */
  timeToSolve: TimeSpent;
  hints: number;
  wrongAttempts: number;
  /** The step's own rules, so advice can say which setting could matter. */
  timeLimitSec: number | null;
  maxAttempts: number | null;
};

/** Counts per step; `add` each participant's state (deadlines up to the end already applied). */
export class StepDiagnosticsTally {
  private readonly counts: Record<Exclude<StepOutcome, 'locked'>, number>[];
  private readonly hints: number[];
  private readonly wrong: number[];
  private readonly spent: NumberList[];
  private readonly solveTimes: NumberList[];

  constructor(private readonly h: CompiledHunt) {
    const n = h.steps.length;
    this.counts = Array.from({ length: n }, () => ({ solved: 0, 'failed-time-limit': 0, 'failed-attempts': 0, 'failed-other': 0, 'quit-on-it': 0, 'timed-out-on-it': 0, open: 0 }));
    this.hints = new Array(n).fill(0);
    this.wrong = new Array(n).fill(0);
    this.spent = Array.from({ length: n }, () => new NumberList());
    this.solveTimes = Array.from({ length: n }, () => new NumberList());
  }

  add(s: ParticipantState): void {
    const h = this.h;
    for (let i = 0; i < h.steps.length; i++) {
      const outcome = stepOutcome(h, s, i);
      if (outcome === 'locked') continue;
      this.counts[i][outcome]++;
      this.hints[i] += hintsTaken(h, s, i);
      this.wrong[i] += wrongAttempts(h, s, i);
    }
    // Time on a step: from when the participant could start on it (it became available,
    // or their previous step got done, whichever is later) to when it was done, as the
    // run summary's funnel counts it.
    let free = s.joinedAt;
    for (const i of s.doneOrder) {
      const done = doneAt(s, i)!;
      const spent = Math.max(0, done - Math.max(availableAt(s, i)!, free));
      this.spent[i].push(spent);
      if (stepStatus(s, i) === 'solved') this.solveTimes[i].push(spent);
      free = done;
    }
  }

  result(): StepDiagnostics[] {
    return this.h.steps.map((step, i) => {
      const c = this.counts[i];
      const reached = Object.values(c).reduce((a, b) => a + b, 0);
      return {
        step: step.id,
        title: this.h.hunt.steps[i].title,
        reached,
        solved: c.solved,
        failedTimeLimit: c['failed-time-limit'],
        failedAttempts: c['failed-attempts'],
        failedOther: c['failed-other'],
        quitOnIt: c['quit-on-it'],
        timedOutOnIt: c['timed-out-on-it'],
        open: c.open,
        timeSpent: timeSpent(this.spent[i]),
        timeToSolve: timeSpent(this.solveTimes[i]),
        hints: this.hints[i],
        wrongAttempts: this.wrong[i],
        timeLimitSec: step.timeLimitSec,
        maxAttempts: step.maxAttempts,
      };
    });
  }
}

function timeSpent(values: NumberList): TimeSpent {
  const s = values.sorted();
  return { median: quantile(s, 0.5), p90: quantile(s, 0.9) };
}

/** The diagnostics of a set of final states. */
export function stepDiagnostics(h: CompiledHunt, states: Iterable<ParticipantState>): StepDiagnostics[] {
  const t = new StepDiagnosticsTally(h);
  for (const s of states) t.add(s);
  return t.result();
}

/** A remark on a step: which change can matter for it, and which cannot (so nobody tunes the wrong knob). */
export type StepAdvice = { step: string; title: string; message: string };

const share = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`;

const lostOn = (d: StepDiagnostics) => d.failedTimeLimit + d.failedAttempts + d.failedOther + d.quitOnIt + d.timedOutOnIt;

/**
 * Plain-language advice from the diagnostics: where failures come from a time limit,
 * raising max attempts cannot help (and the other way round); hint penalties change
 * scores only, never who finishes. One remark per step, for the `limit` steps that lose
 * the most people, among those that lose at least `minShare` of the people who reach them.
 */
export function stepAdvice(diags: StepDiagnostics[], minShare = 0.02, limit = 5): StepAdvice[] {
  const out: StepAdvice[] = [];
  const worst = diags.filter((d) => d.reached > 0 && lostOn(d) > 0 && lostOn(d) >= minShare * d.reached).sort((a, b) => lostOn(b) - lostOn(a)).slice(0, limit);
  for (const d of worst) {
    const failed = d.failedTimeLimit + d.failedAttempts + d.failedOther;
    const say = (message: string) => out.push({ step: d.step, title: d.title, message });
    if (d.failedTimeLimit > 0 && d.failedAttempts === 0) {
      say(
        `${d.failedTimeLimit} of its ${failed} failures (${share(d.failedTimeLimit, d.reached)} of those who reached it) came from its ${fmtLimit(d.timeLimitSec)} time limit and none from attempts: raising max attempts or lowering hint penalties cannot change them; a longer time limit or an easier step can.`,
      );
    } else if (d.failedAttempts > 0 && d.failedTimeLimit === 0) {
      say(
        `${d.failedAttempts} of its ${failed} failures came from running out of attempts (max ${d.maxAttempts ?? '–'})${d.timeLimitSec !== null ? ' and none from its time limit: a longer time limit cannot change them' : ''}; more attempts or clearer hints can.`,
      );
    } else if (d.failedAttempts > 0 && d.failedTimeLimit > 0) {
      say(`Failures come from both its time limit (${d.failedTimeLimit}) and running out of attempts (${d.failedAttempts}).`);
    } else if (d.quitOnIt + d.timedOutOnIt > 0) {
      const parts = [d.quitOnIt ? `${d.quitOnIt} quit while on it` : '', d.timedOutOnIt ? `${d.timedOutOnIt} ran out of hunt time on it` : ''].filter(Boolean);
      say(`No one failed it, but ${parts.join(' and ')}: its own max attempts and time limit cannot change that; the hunt's time limit or the step's difficulty can.`);
    }
  }
  return out;
}

function fmtLimit(sec: number | null): string {
  if (sec === null) return 'no';
  return sec % 60 === 0 ? `${sec / 60} min` : `${sec} s`;
}

/** What a click on a step's bar (or the debugger's step filter) asks for: one outcome, or any failure, or anyone who reached it. */
export type StepOutcomeFilter = StepOutcome | 'failed' | 'reached';

export function hasStepOutcome(h: CompiledHunt, s: ParticipantState, i: number, want: StepOutcomeFilter): boolean {
  const got = stepOutcome(h, s, i);
  if (want === 'reached') return got !== 'locked';
  if (want === 'failed') return got.startsWith('failed-');
  return got === want;
}
