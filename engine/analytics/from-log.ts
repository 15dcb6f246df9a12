// The summary of any run from its log alone: the log's lines go through the same
// checks (LogFront) and rule functions as a replay, so the states it summarises are
// exactly the replay's. Profiles come from the `profile` field simulated joins carry.
import type { CompiledHunt } from '../hunt/compile';
import { hasValidEnvelope, isBlankLine, LogFront } from '../log/front';
import { advanceTo, applyEvent, inPlace, joinParticipant, type ParticipantState } from '../rules';
import { RunAnalyzer, type RunSummary } from './summary';

export type LogAnalysisOptions = {
  /** Read only lines with t ≤ until; deadlines are then applied up to `until` (as `replay --until`). */
  until?: number;
  /** Read at most this many lines (the studio's "at seq": the summary as of that point). */
  maxLines?: number;
};

export async function analyzeLog(h: CompiledHunt, lines: Iterable<string> | AsyncIterable<string>, opts: LogAnalysisOptions = {}): Promise<RunSummary> {
  const front = new LogFront(h.hunt.format);
  const states = new Map<string, { state: ParticipantState; profile: string | null }>();
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
      states.set(e.p, { state: joinParticipant(h, e, states.size), profile: typeof profile === 'string' ? profile : null });
      continue;
    }
    if (!known) continue;
    known.state = applyEvent(h, known.state, e, inPlace).state; // each state is this pass's own
  }
  const endTime = opts.until ?? front.clock;
  const analyzer = new RunAnalyzer(h);
  const ids = [...states.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const id of ids) {
    const { state, profile } = states.get(id)!;
    analyzer.add(advanceTo(h, state, endTime, inPlace), profile);
  }
  return analyzer.summary();
}

function isAfter(value: unknown, until: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const t = (value as { t?: unknown }).t;
  return typeof t === 'number' && Number.isFinite(t) && t > until;
}
