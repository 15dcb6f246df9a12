// The channel between the host's main thread and a run thread (run.worker.ts, through
// engine/threads): what to run, how to steer it, and what it reports back. Plain data
// only (structured clone).
import type { Hunt } from '../../../engine/hunt/schema';
import type { PipelineProgress } from '../../store/pipeline';
import type { SimulateOptions, SimulationProgress } from '../../sim/run';

export type RunJob =
  | (Pick<SimulateOptions, 'db' | 'hunt' | 'participants' | 'seed' | 'profiles' | 'name' | 'workers'> & {
      kind: 'simulate';
      speed: number;
      progressEveryMs: number;
    })
  | {
      kind: 'replay';
      db: string;
      hunt: Hunt;
      name: string;
      /** Lines uploaded by the page, or a log file read from disk as it goes. */
      source: { kind: 'lines'; lines: string[]; name: string } | { kind: 'file'; path: string };
      progressEveryMs: number;
    }
  | { kind: 'resume'; db: string; runId: number; progressEveryMs: number };

/** Main thread -> run thread. The job comes in workerData; run() starts it, the others steer it (one-way). */
export type RunThreadApi = {
  /** Runs the job to its end: how it ended, or the run's error (a DbError keeps its name). */
  run(): Promise<'completed' | 'cancelled'>;
  control(action: 'pause' | 'resume' | 'step' | 'cancel'): void;
  speed(speed: number): void;
};

/** Run thread -> main thread, as it goes. */
export type RunThreadEvents = {
  created: number;
  simulationProgress: SimulationProgress;
  pipelineProgress: PipelineProgress;
};
