// The summary of any run from its log alone: the log's lines go through the same
// checks (LogFront) and rule functions as a replay, so the states it summarises are
// exactly the replay's. Profiles come from the `profile` field simulated joins carry.
import type { CompiledHunt } from '../hunt/compile';
import { hasValidEnvelope, isBlankLine, LogFront } from '../log/front';
import { advanceTo, applyEvent, huntDeadline, inPlace, joinParticipant, type ParticipantState } from '../rules';
import { RunAnalyzer, type AnalyticsSummary } from './summary';
import { stepAdvice, StepDiagnosticsTally, type StepAdvice, type StepDiagnostics } from './step-diagnostics';
import { participantTimeline, type Timeline } from './timeline';

export type LogAnalysisOptions = {
  /** Read only lines with t ≤ until; deadlines are then applied up to `until` (as `replay --until`). */
  until?: number;
  /** Read at most this many lines (the studio's "at seq": the summary as of that point). */
  maxLines?: number;
};

/** The summary, each step's diagnostics and who was active or done over virtual time: one pass over the log. */
export type LogReport = { summary: AnalyticsSummary; steps: StepDiagnostics[]; timeline: Timeline };

/** What the studio shows of a run (api/contract.ts RunAnalytics): the summary, the step diagnostics with their advice, the timeline. */
export function analyticsOf(r: LogReport): AnalyticsSummary & { steps: StepDiagnostics[]; advice: StepAdvice[]; timeline: Timeline } {
  return { ...r.summary, steps: r.steps, advice: stepAdvice(r.steps), timeline: r.timeline };
}

export async function analyzeLog(h: CompiledHunt, lines: Iterable<string> | AsyncIterable<string>, opts: LogAnalysisOptions = {}): Promise<AnalyticsSummary> {
  return (await analyzeLogReport(h, lines, opts)).summary;
}

export async function analyzeLogReport(h: CompiledHunt, lines: Iterable<string> | AsyncIterable<string>, opts: LogAnalysisOptions = {}): Promise<LogReport> {
  const front = new LogFront(h.hunt.format);
  const states = new Map<string, Tracked>();
  let read = 0;
  for await (const line of lines) {
    if (opts.maxLines !== undefined && read >= opts.maxLines) break;
    read++;
    if (isBlankLine(line)) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue; // malformed: rejected, changes nothing
    }
    // The --until cut exactly as replay makes it: stop at the first valid line after it.
    if (opts.until !== undefined && isAfter(value, opts.until)) {
      if (hasValidEnvelope(value)) break;
      continue;
    }
    const v = front.acceptValue(value);
    if (!v.ok) continue;
    const e = v.event;
    const known = states.get(e.p);
    if (e.type === 'join') {
      if (known) continue;
      const profile = (e as { profile?: unknown }).profile;
      // Every participant is here, so J (hunt-v2 §3.6) is the number joined so far.
      states.set(e.p, { state: joinParticipant(h, e, states.size), profile: typeof profile === 'string' ? profile : null, quitAt: null, submissions: null, waiting: null });
      continue;
    }
    if (!known) continue;
    const outcome = applyEvent(h, known.state, e, inPlace); // each state is this pass's own
    known.state = outcome.state;
    if (outcome.rejection === null && (e.type === 'submit' || e.type === 'judge')) trackJudging(known, e.type, e.step, e.t);
    if (known.quitAt === null && known.state.status === 'quit') known.quitAt = e.t;
  }
  const endTime = opts.until ?? front.clock;
  const analyzer = new RunAnalyzer(h);
  const diagnostics = new StepDiagnosticsTally(h);
  const joins: number[] = [];
  const ends: number[] = [];
  const ids = [...states.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const id of ids) {
    const { state, profile, quitAt, submissions, waiting } = states.get(id)!;
    const final = advanceTo(h, state, endTime, inPlace);
    // Submissions still waiting at the end have no judgement yet.
    if (waiting !== null) for (const at of waiting.values()) submissions!.push(at, NaN);
    analyzer.add(final, profile, submissions);
    diagnostics.add(final);
    joins.push(final.joinedAt);
    const end = final.status === 'finished' ? final.finishedAt : final.status === 'timed_out' ? huntDeadline(h, final) : final.status === 'quit' ? quitAt : null;
    if (end !== null) ends.push(end);
  }
  return { summary: analyzer.summary(), steps: diagnostics.result(), timeline: participantTimeline(joins, ends, endTime) };
}

type Tracked = {
  state: ParticipantState;
  profile: string | null;
  quitAt: number | null;
  /** hunt/2: judged submissions' times and their judgements', in pairs (the summary's judging queue). */
  submissions: number[] | null;
  /** Submissions waiting for judgement: step id → when submitted. */
  waiting: Map<string, number> | null;
};

/** An applied submit makes the step pending; an applied judge ends that wait. */
function trackJudging(p: Tracked, type: 'submit' | 'judge', step: string, t: number): void {
  if (type === 'submit') {
    (p.waiting ??= new Map()).set(step, t);
    p.submissions ??= [];
    return;
  }
  const at = p.waiting?.get(step);
  if (at === undefined) return;
  p.waiting!.delete(step);
  p.submissions!.push(at, t);
}

function isAfter(value: unknown, until: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const t = (value as { t?: unknown }).t;
  return typeof t === 'number' && Number.isFinite(t) && t > until;
}
