// What a team's phones see: its steps with their prompts, hints given and left, time
// left and score. Built from the engine's own state and rules; never the answers or codes.
import type { CompiledHunt } from '../../engine/hunt/compile';
import type { ParticipantState } from '../../engine/rules/state';
import type { PlayerStep, TeamView } from '../../api/liveProtocol';
import { advanceTo, huntDeadline, participantScore, stepBreakdown } from '../../engine/rules';

type StepFile = { id: string; title: string; kind: string; prompt?: unknown; hints?: { text: string }[]; choices?: unknown; timeLimitSec?: number };

/** The team's view at time `now` (deadlines up to now applied, as the rules apply them). */
export function teamView(h: CompiledHunt, state: ParticipantState, name: string, now: number): TeamView {
  const s = advanceTo(h, state, now);
  const steps = stepBreakdown(h, s).map((b, i): PlayerStep => {
    const file = h.hunt.steps[i] as unknown as StepFile;
    const hints = (file.hints ?? []).map((x) => x.text);
    const limit = file.timeLimitSec;
    return {
      id: b.id,
      title: file.title,
      kind: file.kind,
      prompt: typeof file.prompt === 'string' ? file.prompt : null,
      status: b.status,
      points: b.points,
      score: b.score,
      hints: hints.slice(0, b.hintsTaken),
      hintsLeft: hints.length - b.hintsTaken,
      closesIn: b.status === 'available' && limit !== undefined && b.availableAt !== null ? Math.max(0, b.availableAt + limit - now) : null,
      choices: Array.isArray(file.choices) ? file.choices.map((c) => (typeof c === 'string' ? c : String((c as { text?: unknown }).text ?? ''))) : null,
    };
  });
  const deadline = huntDeadline(h, s);
  return {
    team: s.id,
    name,
    status: s.status,
    score: participantScore(h, s),
    timeLeft: deadline === Infinity ? null : s.status === 'active' ? Math.max(0, deadline - now) : 0,
    t: now,
    steps,
  };
}
