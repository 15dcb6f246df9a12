// What a stored run is, in the words every layer uses: db/ stores runs and their logs,
// host/ serves them, api/ derives what the studio sees from these (api/contract.ts).
import type { RejectionReason } from './types';

export type RunKind = 'simulation' | 'replay' | 'live';
export type RunStatus = 'running' | 'paused' | 'completed' | 'cancelled' | 'interrupted' | 'failed';

/** One stored line of a run's log (table events), in processing order. */
export type StoredEvent = {
  seq: number;
  /** Source line number (blank lines count). */
  line: number;
  t: number | null;
  p: string | null;
  type: string | null;
  /** The line exactly as read. */
  raw: string;
  /** null = applied. */
  rejection: RejectionReason | null;
};
