// The what-if types of the API (docs/what-if.md): compare two designs, sweep one or two
// fields, re-score a recorded event, fork a stored simulation. Each is a job on the host:
// started by a whatif.* call that answers at once, followed on the `whatif.progress` and
// `whatif.point` topics, read in full with whatif.job, stopped with whatif.cancel.
import type { Comparison, MetricDifference } from '../engine/whatif/compare';
import type { PointMetric, PointResult } from '../engine/whatif/sweep';
import type { Rescore, RescoredParticipant, Standing } from '../engine/whatif/rescore';
import type { AnalyticsSummary } from '../engine/analytics/summary';
import type { MetricInfo } from '../engine/whatif/metrics';

export type { Comparison, MetricDifference, PointMetric, PointResult, Rescore, RescoredParticipant, Standing, MetricInfo };

/** A design to play: a hunt as JSON (the open hunt, or a hunt file the studio read), or a hunt version stored with a run. */
export type DesignSource = { hunt: unknown } | { version: string };

export type WhatIfKind = 'compare' | 'sweep' | 'rescore' | 'fork';
export type WhatIfStatus = 'running' | 'completed' | 'cancelled' | 'failed';

/** One range of a sweep: a field path (docs/what-if.md, "Sweep") and FROM..TO:STEP. */
export type SweepAxis = { path: string; from: number; to: number; step: number };

export type SweepResult = { axes: { path: string; values: number[] }[]; participants: number; runs: number; seeds: number[]; points: PointResult[] };

export type ForkResult = {
  runId: string;
  at: number;
  participants: number;
  seed: number;
  /** The stored run's own outcome (the original design's first continuation). */
  original: AnalyticsSummary;
  /** A = the original design's continuations, B = the fork's. */
  comparison: Comparison;
};

export type WhatIfResult =
  | { kind: 'compare'; comparison: Comparison }
  | { kind: 'sweep'; sweep: SweepResult }
  | { kind: 'rescore'; rescore: Rescore }
  | { kind: 'fork'; fork: ForkResult };

export type WhatIfProgress = {
  jobId: string;
  kind: WhatIfKind;
  status: WhatIfStatus;
  /** Share of the work done, 0 to 1 (null when it cannot be known: a log file read as it goes). */
  fraction: number | null;
  /** Sweeps: points done (run, or found invalid) and all points; 0 and null otherwise. */
  pointsDone: number;
  pointsTotal: number | null;
  /** Why it failed, for people; null unless failed. */
  error: string | null;
};

/** A job as whatif.job answers: its progress, a sweep's points so far (in the order they finished), and the result once completed. */
export type WhatIfJob = WhatIfProgress & { points: PointResult[]; result: WhatIfResult | null };

/** A numeric field a sweep can vary, with its value now (the picker offers them). */
export type SweepField = { path: string; value: number };
