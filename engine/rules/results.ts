// Rule 9 (score) and the per-participant result of spec §4, plus a per-step
// breakdown for the studio's inspector.
import type { CompiledHunt } from '../hunt/compile';
import type { ParticipantResult, StepStatus } from '../log/types';
import { rotationOffset } from './availability';
import { availableAt, basePoints, doneAt, hintsTaken, stepStatus, wrongAttempts, type ParticipantState } from './state';

export type StepBreakdown = {
  id: string;
  status: StepStatus;
  availableAt: number | null;
  doneAt: number | null;
  wrongAttempts: number;
  hintsTaken: number;
  /** The step's base points: its `points`, or what a judge accepted (hunt/2). */
  points: number;
  /** Sum of the penalties of the hints taken on this step. */
  hintPenalty: number;
  /** wrongAnswerPenalty × wrong attempts on this step. */
  wrongPenalty: number;
  /** max(0, points − hintPenalty − wrongPenalty) when solved, else 0. */
  score: number;
};

export function stepBreakdown(h: CompiledHunt, s: ParticipantState): StepBreakdown[] {
  return h.steps.map((step, i) => {
    const hints = hintsTaken(h, s, i);
    const wrong = wrongAttempts(h, s, i);
    let hintPenalty = 0;
    for (let k = 0; k < hints; k++) hintPenalty += step.hintPenalties[k];
    const wrongPenalty = h.wrongAnswerPenalty * wrong;
    const status = stepStatus(s, i);
    const points = basePoints(h, s, i);
    return {
      id: step.id,
      status,
      availableAt: availableAt(s, i),
      doneAt: doneAt(s, i),
      wrongAttempts: wrong,
      hintsTaken: hints,
      points,
      hintPenalty,
      wrongPenalty,
      score: status === 'solved' ? Math.max(0, points - hintPenalty - wrongPenalty) : 0,
    };
  });
}

/** Score of one step (rule 9; hunt-v2 §3.5: a judged step's base is the points accepted). */
export function stepScore(h: CompiledHunt, s: ParticipantState, i: number): number {
  if (stepStatus(s, i) !== 'solved') return 0;
  const step = h.steps[i];
  const hints = hintsTaken(h, s, i);
  let penalty = h.wrongAnswerPenalty * wrongAttempts(h, s, i);
  for (let k = 0; k < hints; k++) penalty += step.hintPenalties[k];
  return Math.max(0, basePoints(h, s, i) - penalty);
}

/** The sum over P's steps, plus the organiser's adjustments (hunt-v2 §3.5: it may be negative). */
export function participantScore(h: CompiledHunt, s: ParticipantState): number {
  let score = s.adjusted ?? 0;
  for (let i = 0; i < h.steps.length; i++) score += stepScore(h, s, i);
  return score;
}

/** One rotation group as P meets it: its steps from P's first (offset J mod n), wrapping round. */
export type RotationOrder = { group: string; order: string[] };

/** The order P meets each rotation group's steps in (hunt-v2 §3.6), for inspectors. */
export function rotationOrders(h: CompiledHunt, s: ParticipantState): RotationOrder[] {
  if (h.hunt.format !== 'hunt/2') return [];
  return (h.hunt.groups ?? []).map((g) => {
    const o = rotationOffset(s, g.steps.length);
    return { group: g.id, order: [...g.steps.slice(o), ...g.steps.slice(0, o)] };
  });
}

export function participantResult(h: CompiledHunt, s: ParticipantState): ParticipantResult {
  const solved: string[] = [];
  const failed: string[] = [];
  for (const i of s.doneOrder) (stepStatus(s, i) === 'failed' ? failed : solved).push(h.steps[i].id);
  return {
    id: s.id,
    status: s.status,
    score: participantScore(h, s),
    solved,
    failed,
    hintsUsed: s.hintsUsed,
    finishedAt: s.status === 'finished' ? s.finishedAt : null,
  };
}
