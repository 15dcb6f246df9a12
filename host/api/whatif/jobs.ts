// What-if jobs on the host: each compare, sweep, re-score or fork runs in memory (the
// simulations on the what-if pool's worker threads) while the host keeps answering.
// A job is known by its id until it is among the oldest ended ones; its progress goes
// out on `whatif.progress` (at most every PROGRESS_MS, its end always) and a sweep's
// points on `whatif.point` as each is done, so the studio draws them as they come.
import type { PointResult, WhatIfJob, WhatIfKind, WhatIfProgress, WhatIfResult } from '../../../api/whatIf';
import { ApiError } from '../../../api/errors';
import type { EventBus } from '../bus';

const PROGRESS_MS = 100;
/** Ended jobs kept for whatif.job (their results are what the studio shows). */
const KEEP_ENDED = 20;

export type JobControls = {
  signal: AbortSignal;
  /** Share done, 0 to 1. */
  progress(fraction: number): void;
  point(p: PointResult): void;
};

type Job = { state: WhatIfJob; abort: AbortController; lastSent: number };

export type JobRegistry = {
  /** Starts `work` as a job and answers its first progress; `pointsTotal` for sweeps. */
  start(kind: WhatIfKind, work: (c: JobControls) => Promise<WhatIfResult>, opts?: { pointsTotal?: number; fraction?: number | null }): WhatIfProgress;
  get(jobId: string): WhatIfJob;
  cancel(jobId: string): WhatIfProgress;
  /** Cancels every running job (the host is closing). */
  stopAll(): void;
};

const progressOf = (j: WhatIfJob): WhatIfProgress => ({
  jobId: j.jobId,
  kind: j.kind,
  status: j.status,
  fraction: j.fraction,
  pointsDone: j.pointsDone,
  pointsTotal: j.pointsTotal,
  error: j.error,
});

export function createJobRegistry(bus: EventBus): JobRegistry {
  const jobs = new Map<string, Job>();
  let counter = 0;

  const send = (job: Job, force: boolean) => {
    const now = Date.now();
    if (!force && now - job.lastSent < PROGRESS_MS) return;
    job.lastSent = now;
    bus.publish('whatif.progress', progressOf(job.state));
  };

  const forgetOldEnded = () => {
    const ended = [...jobs.values()].filter((j) => j.state.status !== 'running');
    for (const j of ended.slice(0, Math.max(0, ended.length - KEEP_ENDED))) jobs.delete(j.state.jobId);
  };

  const find = (jobId: string): Job => {
    const job = jobs.get(jobId);
    if (!job) throw new ApiError('not-found', `There is no what-if job "${jobId}" (it ended long ago, or the studio's host restarted).`);
    return job;
  };

  return {
    start(kind, work, opts = {}) {
      const jobId = `${kind}-${++counter}`;
      const state: WhatIfJob = {
        jobId,
        kind,
        status: 'running',
        fraction: opts.fraction === undefined ? 0 : opts.fraction,
        pointsDone: 0,
        pointsTotal: opts.pointsTotal ?? null,
        error: null,
        points: [],
        result: null,
      };
      const job: Job = { state, abort: new AbortController(), lastSent: 0 };
      jobs.set(jobId, job);
      const controls: JobControls = {
        signal: job.abort.signal,
        progress(fraction) {
          if (state.status !== 'running') return;
          state.fraction = Math.max(state.fraction ?? 0, Math.min(1, fraction));
          send(job, false);
        },
        point(p) {
          if (state.status !== 'running') return;
          state.points.push(p);
          state.pointsDone = state.points.length;
          bus.publish('whatif.point', { jobId, point: p });
          send(job, false);
        },
      };
      // Started on the next turn, so the caller has its answer (and the job id) first.
      setImmediate(() => {
        work(controls).then(
          (result) => {
            if (state.status !== 'running') return;
            state.status = job.abort.signal.aborted ? 'cancelled' : 'completed';
            if (state.status === 'completed') {
              state.result = result;
              state.fraction = 1;
            }
          },
          (err: unknown) => {
            if (state.status !== 'running') return;
            state.status = job.abort.signal.aborted ? 'cancelled' : 'failed';
            if (state.status === 'failed') state.error = err instanceof Error ? err.message : String(err);
          },
        ).finally(() => {
          send(job, true);
          forgetOldEnded();
        });
      });
      return progressOf(state);
    },
    get(jobId) {
      return find(jobId).state;
    },
    cancel(jobId) {
      const job = find(jobId);
      if (job.state.status !== 'running') throw new ApiError('conflict', `The ${job.state.kind} ${jobId} has ${job.state.status === 'completed' ? 'completed' : job.state.status === 'failed' ? 'failed' : 'been cancelled'}: there is nothing to cancel.`);
      job.abort.abort(new Error('cancelled'));
      return progressOf(job.state);
    },
    stopAll() {
      for (const job of jobs.values()) if (job.state.status === 'running') job.abort.abort(new Error('the host is closing'));
    },
  };
}
