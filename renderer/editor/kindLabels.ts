// What each step kind is called in the editor: the button, the form's Kind menu, the graph's legend.
import type { StepKind } from '../hunt/draft';

export const KIND_SHORT: Record<StepKind, string> = { answer: 'Answer', code: 'Code', location: 'Location', choice: 'Choice', judged: 'Judged' };

export const KIND_LABEL: Record<StepKind, string> = {
  answer: 'Answer a question',
  code: 'Scan a code',
  location: 'Reach a location',
  choice: 'Multiple choice',
  judged: 'Judged by the organiser (photo, text)',
};
