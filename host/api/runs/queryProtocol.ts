// The query worker's requests (query.worker.ts), shared by both ends of its channel (engine/threads).
import type { ReportOutcome, ReportRequest } from './reports';

export type QueryWorkerApi = {
  /** Makes one report over the worker's own read-only connection to dbFile. */
  report(dbFile: string, request: ReportRequest): Promise<ReportOutcome>;
};
