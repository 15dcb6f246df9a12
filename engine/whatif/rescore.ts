// Re-scoring a recorded event against an edited hunt: every line of the log goes
// through the log checks once and then through the rules twice, once with each hunt
// (the plain rule functions, exactly as a replay applies them). For each participant:
// the old and new result and rank, and the first line where the two hunts' verdicts
// for that participant differ. A verdict is what the line did: rejected and why, or
// its effects (solved, failed, unlocked, a wrong attempt, a hint, finished, quit),
// deadlines that passed before it included.
import type { CompiledHunt } from '../hunt/compile';
import { isBlankLine, LogFront } from '../log/front';
import type { HuntEvent, ParticipantResult, ParticipantStatus } from '../log/types';
import { rankParticipants } from '../replay/report';
import { compareCodePoints } from '../replay/order';
import { advanceTo, applyEvent, hintsTaken, joinParticipant, participantResult, stepStatus, wrongAttempts, type ParticipantState } from '../rules';

/** A line of a log and its number (from 1, blank lines counted; a stored run's own line numbers). */
export type NumberedLine = { line: number; text: string };

export type Standing = { status: ParticipantStatus; score: number; rank: number; solved: string[]; failed: string[]; finishedAt: number | null };

export type Divergence = { line: number; old: string; new: string };

export type RescoredParticipant = {
  id: string;
  old: Standing;
  new: Standing;
  /** Status, score, rank, solved or failed steps differ. */
  changed: boolean;
  rankChanged: boolean;
  /** The first line where the verdicts differ; null when every line did the same under both hunts. */
  firstDivergence: Divergence | null;
};

export type Rescore = {
  hunts: { old: string; new: string };
  lines: number;
  endTime: number;
  /** In the order of the new ranking (ties by id). */
  participants: RescoredParticipant[];
  changed: number;
};

type Side = { h: CompiledHunt; states: Map<string, ParticipantState> };

export async function rescoreLog(oldHunt: CompiledHunt, newHunt: CompiledHunt, lines: Iterable<NumberedLine> | AsyncIterable<NumberedLine>): Promise<Rescore> {
  // The log's checks as for the hunt it was recorded under (hunt/2 has more event types).
  const front = new LogFront(oldHunt.hunt.format);
  const sides: [Side, Side] = [
    { h: oldHunt, states: new Map() },
    { h: newHunt, states: new Map() },
  ];
  const divergence = new Map<string, Divergence>();
  let count = 0;
  for await (const { line, text } of lines) {
    count = Math.max(count, line);
    if (isBlankLine(text)) continue;
    const verdict = front.acceptLine(text);
    if (verdict === null || !verdict.ok) continue; // a log-level rejection: the same under any hunt
    const e = verdict.event;
    const [vo, vn] = sides.map((s) => apply(s, e));
    if (vo !== vn && !divergence.has(e.p)) divergence.set(e.p, { line, old: vo, new: vn });
  }
  const endTime = front.clock;
  const [oldResults, newResults] = sides.map((s) => [...s.states.values()].map((st) => participantResult(s.h, advanceTo(s.h, st, endTime))));
  const oldStanding = standings(oldResults);
  const newStanding = standings(newResults);
  const participants = [...newStanding.keys()].map((id): RescoredParticipant => {
    const o = oldStanding.get(id)!;
    const n = newStanding.get(id)!;
    const changed = o.status !== n.status || o.score !== n.score || o.rank !== n.rank || o.solved.join() !== n.solved.join() || o.failed.join() !== n.failed.join();
    return { id, old: o, new: n, changed, rankChanged: o.rank !== n.rank, firstDivergence: divergence.get(id) ?? null };
  });
  participants.sort((a, b) => a.new.rank - b.new.rank || compareCodePoints(a.id, b.id));
  return { hunts: { old: oldHunt.id, new: newHunt.id }, lines: count, endTime, participants, changed: participants.filter((p) => p.changed).length };
}

/** Applies one event under one hunt; returns its verdict for the participant. */
function apply(side: Side, e: HuntEvent): string {
  const { h, states } = side;
  const before = states.get(e.p);
  if (e.type === 'join' && !before) {
    // Every participant is here, so J (hunt-v2 §3.6, the place in rotation groups) is the number joined so far.
    states.set(e.p, joinParticipant(h, e, states.size));
    return 'joined';
  }
  if (!before) return 'rejected: unknown-participant';
  const { state, rejection } = applyEvent(h, before, e); // copy on write: `before` stays as it was
  states.set(e.p, state);
  const effects = effectsOf(h, before, state);
  if (rejection) effects.unshift(`rejected: ${rejection}`);
  return effects.length ? effects.join('; ') : 'no change';
}

/** What changed between two states of one participant, by step id, in a fixed order. */
function effectsOf(h: CompiledHunt, a: ParticipantState, b: ParticipantState): string[] {
  if (a === b) return [];
  const out: string[] = [];
  for (let i = 0; i < h.steps.length; i++) {
    const id = h.steps[i].id;
    const sa = stepStatus(a, i);
    const sb = stepStatus(b, i);
    if (sa === 'locked' && sb !== 'locked') out.push(`unlocked ${id}`);
    if (sa !== sb && (sb === 'solved' || sb === 'failed')) out.push(`${sb} ${id}`);
    const wrong = wrongAttempts(h, b, i) - wrongAttempts(h, a, i);
    if (wrong > 0) out.push(`wrong attempt on ${id}`);
    const hints = hintsTaken(h, b, i) - hintsTaken(h, a, i);
    if (hints > 0) out.push(`hint on ${id}`);
  }
  out.sort();
  if (a.status !== b.status) out.push(b.status === 'timed_out' ? 'timed out' : b.status);
  return out;
}

/** Each participant's standing, ranked as `hunt replay` ranks (engine/replay/report.ts). */
export function standings(results: ParticipantResult[]): Map<string, Standing> {
  const out = new Map<string, Standing>();
  for (const r of rankParticipants(results)) out.set(r.id, { status: r.status, score: r.score, rank: r.rank, solved: r.solved, failed: r.failed, finishedAt: r.finishedAt });
  return out;
}
