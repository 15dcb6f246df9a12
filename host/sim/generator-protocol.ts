// The simulation's generator worker (generator.worker.ts): its start data and its one request, through engine/threads.
import type { ParticipantResult } from '../../engine/log/types';
import type { AnalyticsSummary } from '../../engine/analytics/summary';
import type { SimulationCounts } from '../../engine/sim/simulation';
import type { SimulationDescription } from './source';

export type GeneratorWorkerData = {
  description: SimulationDescription;
  fromLine: number;
  keepResults: boolean;
  chunkLines: number;
};

/** The simulation's own view of its outcome, collected in the worker as participants end. */
export type GeneratorOutcome = { participants: ParticipantResult[]; summary: AnalyticsSummary };

/**
 * The reply to each next(): the next lines (joined with \n, UTF-8), each line's envelope in
 * columns (its t, its participant's index, its type as an index into EVENT_TYPES), and
 * at the end the outcome.
 */
export type GeneratorReply = {
  text: Uint8Array;
  count: number;
  t: Float64Array;
  participant: Uint32Array;
  type: Uint8Array;
  counts: SimulationCounts;
  done: boolean;
  outcome: GeneratorOutcome | null;
};

export type GeneratorWorkerApi = {
  /** The next chunk of lines (its buffers moved); `done` on the last one. */
  next(): GeneratorReply;
};
