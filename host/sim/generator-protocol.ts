// The simulation's generator worker (generator.worker.ts): its start data and its one request, through engine/threads.
import type { ParticipantResult } from '../../engine/log/types';
import type { AnalyticsSummary } from '../../engine/analytics/summary';
import type { SimulationCounts } from '../../engine/sim/simulation';
import type { SimulationDescription } from './source';
import type { LineBatch } from '../../engine/batch/lineBatch';

export type GeneratorWorkerData = {
  description: SimulationDescription;
  fromLine: number;
  keepResults: boolean;
  chunkLines: number;
};

/** The simulation's own view of its outcome, collected in the worker as participants end. */
export type GeneratorOutcome = { participants: ParticipantResult[]; summary: AnalyticsSummary };

/**
 * The reply to each next(): the next lines as a LineBatch built from the generator's bytes
 * (its t, participant and type columns the lines' envelopes; seq, line and verdict are the
 * check stage's to set), and at the end the outcome.
 */
export type GeneratorReply = {
  batch: LineBatch;
  counts: SimulationCounts;
  done: boolean;
  outcome: GeneratorOutcome | null;
};

export type GeneratorWorkerApi = {
  /** The next chunk of lines (its buffers moved); `done` on the last one. */
  next(): GeneratorReply;
};
