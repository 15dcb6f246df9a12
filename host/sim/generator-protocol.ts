// Messages between the main thread and the simulation's generator worker.
import type { ParticipantResult } from '../../engine/log/types';
import type { RunSummary } from '../../engine/analytics/summary';
import type { SimulationCounts } from '../../engine/sim/simulation';
import type { SimulationDescription } from './source';

export type GeneratorWorkerData = {
  description: SimulationDescription;
  fromLine: number;
  keepResults: boolean;
  chunkLines: number;
};

/** The simulation's own view of its outcome, collected in the worker as participants end. */
export type GeneratorOutcome = { participants: ParticipantResult[]; summary: RunSummary };

/** The reply to each request: the next lines (joined with \n), and at the end the outcome. */
export type GeneratorReply = {
  text: string;
  count: number;
  counts: SimulationCounts;
  done: boolean;
  outcome: GeneratorOutcome | null;
};
