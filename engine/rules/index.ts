// The rules of spec §3 as plain functions over plain data (no XState): used by the
// participant machine's actions, by the simulation, and as the reference in tests.
export { joinParticipant } from './join';
export { advanceTo, huntDeadline } from './deadlines';
export { nextStepTimerAt } from './timers';
export { readyToOpen } from './availability';
export { applyEvent, type EventOutcome } from './events';
export { stepWindows, type StepWindow } from './windows';
export { participantResult, participantScore, rotationOrders, stepBreakdown, stepScore, type RotationOrder, type StepBreakdown } from './results';
export {
  availableAt,
  doneAt,
  hintsTaken,
  inPlace,
  isAvailable,
  isDone,
  isLocked,
  isPending,
  stepStatus,
  wrongAttempts,
  type ParticipantState,
} from './state';
