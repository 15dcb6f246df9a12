// A step's window in words (renderer/debugger/windowText.ts), as the inspector and the playtest show it.
import { describe, expect, it } from 'vitest';
import type { StepDetail, StepWindow } from '../../../api/contract';
import { windowText } from '../../../renderer/debugger/windowText';

function step(status: StepDetail['status'], window: StepWindow): StepDetail {
  return {
    id: 's', title: 'S', status, availableAt: null, doneAt: null, wrongAttempts: 0, hintsTaken: 0, points: 100, hintPenalty: 0, wrongPenalty: 0, score: 0,
    failedBy: null, window, submission: null,
  };
}
const none: StepWindow = { opensAt: null, closesAt: null, deadlineAt: null, next: null };

describe('windowText', () => {
  it('is empty for a step without times', () => {
    expect(windowText(step('available', none))).toBe('');
  });

  it('says when a locked step will open when only its opening time is missing', () => {
    expect(windowText(step('locked', { opensAt: 1800, closesAt: 4800, deadlineAt: null, next: { kind: 'opens', at: 1800 } }))).toBe('opens at 30:00 · closes 1:20:00');
  });

  it('gives the times and the failure to come for a step that waits for something else', () => {
    expect(windowText(step('locked', { opensAt: 1800, closesAt: 4800, deadlineAt: null, next: { kind: 'fails', at: 4800 } }))).toBe('opens 30:00 · closes 1:20:00 · fails at 1:20:00 unless done');
  });

  it('shows the participant’s own deadline until the step is done', () => {
    const w: StepWindow = { opensAt: null, closesAt: null, deadlineAt: 970, next: { kind: 'fails', at: 970 } };
    expect(windowText(step('available', w))).toBe('deadline 16:10 · fails at 16:10 unless done');
    expect(windowText(step('pending', { ...w, next: null }))).toBe('deadline 16:10');
    expect(windowText(step('solved', { ...w, next: null }))).toBe('');
  });
});
