// The store's public surface for the API host, the CLI and the simulation.
export { ingestRun, DEFAULT_CHECKPOINT_EVERY, DEFAULT_BATCH_SIZE, type RunOptions, type StoredRunOutcome } from './ingest';
export { resumeRun, type ResumeOptions } from './resume';
export { runPoint, participantAt, participantsAt, statesAt, type ParticipantAt, type RunPoint } from './seek';
export { fileSource, linesSource, registerSourceKind, sourceFromDescription, fromLineOn, type RunSource } from './source';
export { replayIntoStore, resultToOutcome } from './replay-log';
export type { PipelineProgress } from './pipeline';
export { RunStore } from './run-store';
