// Starts a run thread (run.worker.ts) for one simulation, replay or resume and gives
// the host what it needs to follow and steer it from the main thread: the run's id,
// its progress as it comes, its end, and a control that mirrors the simulation's
// (the page sees the new state at once; the run thread applies the same rules).
import { ApiError } from '../../../api/errors';
import { startWorker, workerEntry } from '../../../engine/threads/worker';
import { ThreadClient } from '../../../engine/threads/client';
import { RemoteError } from '../../../engine/threads/protocol';
import { availableParallelism } from 'node:os';
import type { ResourceLimits } from 'node:worker_threads';
import { tuningProfile } from '../../tuning';
import type { ControlState } from '../../sim/control';
import type { PipelineProgress } from '../../store/pipeline';
import type { SimulationProgress } from '../../sim/run';
import type { RunJob, RunThreadApi, RunThreadEvents } from './runThreadProtocol';

/** run.worker.ts beside this file from source; run.worker.js beside main.js when bundled (see forge.config.ts). */
/** What runs.control needs of a running simulation (host/sim/control.ts's rules, applied in the run thread). */
export type RunControl = {
  readonly state: ControlState;
  readonly speed: number;
  setSpeed(speed: number): void;
  pause(): void;
  resume(): void;
  step(n?: number): void;
  cancel(): void;
};

/** Mirrors SimulationControl's state changes here and forwards each to the run thread. */
class ThreadControl implements RunControl {
  private _state: ControlState = 'running';
  constructor(
    private readonly thread: ThreadClient<RunThreadApi, RunThreadEvents>,
    private _speed: number,
  ) {}
  get state(): ControlState {
    return this._state;
  }
  get speed(): number {
    return this._speed;
  }
  setSpeed(speed: number): void {
    if (!Number.isFinite(speed) || speed < 0) throw new RangeError(`speed: must be 0 (as fast as possible) or a positive factor (got ${speed})`);
    this._speed = speed;
    this.thread.tell('speed', speed);
  }
  pause(): void {
    if (this._state !== 'running') return;
    this._state = 'paused';
    this.thread.tell('control', 'pause');
  }
  resume(): void {
    if (this._state !== 'paused') return;
    this._state = 'running';
    this.thread.tell('control', 'resume');
  }
  step(n = 1): void {
    if (this._state !== 'paused') return;
    for (let i = 0; i < n; i++) this.thread.tell('control', 'step');
  }
  cancel(): void {
    if (this._state === 'cancelled') return;
    this._state = 'cancelled';
    this.thread.tell('control', 'cancel');
  }
}

export type RunThread = {
  /** The run's id once its row exists; rejects when the run could not start. */
  runId: Promise<number>;
  /** Resolves once the run has settled (its pipeline closed), however it ended. */
  done: Promise<'completed' | 'cancelled' | 'failed'>;
  /** Simulations: speed, pause, step, cancel. Replays and resumes honour cancel only. */
  control: RunControl;
  /** Set by the caller: each progress report as it arrives. */
  onSimulationProgress?: (p: SimulationProgress) => void;
  onPipelineProgress?: (p: PipelineProgress) => void;
};

/** An error from the run thread, as the studio should see it (database problems, DbError, are `io`). */
function toError(e: RemoteError): Error {
  return e.name === 'DbError' ? new ApiError('io', e.message) : new Error(e.message);
}

/** The run thread's heap for a simulation: the pipeline thread's caps of the tuning profile. */
function runThreadLimits(steps: number, participants: number, workers: number | undefined): ResourceLimits {
  const { heap } = tuningProfile({ kind: 'simulation', participants, steps, cores: availableParallelism(), workers });
  return {
    ...(heap.pipelineMb !== null ? { maxOldGenerationSizeMb: heap.pipelineMb } : {}),
    ...(heap.pipelineYoungMb !== null ? { maxYoungGenerationSizeMb: heap.pipelineYoungMb } : {}),
  };
}

export function startRunThread(job: RunJob): RunThread {
  // A simulation's pipeline runs on this thread: its heap is sized by the tuning profile,
  // as `hunt simulate` sizes its own main thread (host/tuning.ts).
  const resourceLimits = job.kind === 'simulate' ? runThreadLimits(job.hunt.steps.length, job.participants, job.workers) : undefined;
  const worker = startWorker(workerEntry(import.meta.url, 'run.worker'), { workerData: job, resourceLimits });
  const client = new ThreadClient<RunThreadApi, RunThreadEvents>(worker, {
    name: 'run',
    deathError: (d) =>
      d.kind === 'exit'
        ? new Error(`the run thread stopped (exit code ${d.code}) before the run ended`)
        : new Error(
            d.outOfMemory && resourceLimits
              ? `the run thread ran out of memory (its heap is capped at ${resourceLimits.maxOldGenerationSizeMb} MB for this population); the run can be resumed`
              : `the run thread failed: ${d.error.message}`,
          ),
  });
  let created: (id: number) => void = () => undefined;
  let failedToStart: (err: unknown) => void = () => undefined;
  let settle: (s: 'completed' | 'cancelled' | 'failed') => void = () => undefined;
  const runId = new Promise<number>((resolve, reject) => {
    created = resolve;
    failedToStart = reject;
  });
  const done = new Promise<'completed' | 'cancelled' | 'failed'>((resolve) => (settle = resolve));
  const thread: RunThread = {
    runId,
    done,
    control: new ThreadControl(client, job.kind === 'simulate' ? job.speed : 0),
  };
  let ended = false;
  const end = (status: 'completed' | 'cancelled' | 'failed', err?: Error) => {
    if (ended) return;
    ended = true;
    if (err) failedToStart(err); // no effect once the run exists
    settle(status);
  };
  client.on('created', (id) => created(id));
  client.on('simulationProgress', (p) => thread.onSimulationProgress?.(p));
  client.on('pipelineProgress', (p) => thread.onPipelineProgress?.(p));
  client.call('run').then(
    (status) => end(status),
    (err: unknown) => end('failed', err instanceof RemoteError ? toError(err) : (err as Error)),
  );
  return thread;
}
