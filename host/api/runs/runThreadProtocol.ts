// The messages between the host's main thread and a run thread (runWorker.ts): what
// to run, how to steer it, and what it reports back. Plain data only (structured clone).
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

/** Main thread -> run thread. The job comes in workerData; these steer it. */
export type ToRunThread = { type: 'control'; action: 'pause' | 'resume' | 'step' | 'cancel' } | { type: 'speed'; speed: number };

/** Run thread -> main thread. */
export type FromRunThread =
  | { type: 'created'; runId: number }
  | { type: 'simulation-progress'; progress: SimulationProgress }
  | { type: 'pipeline-progress'; progress: PipelineProgress }
  | { type: 'done'; status: 'completed' | 'cancelled' }
  | { type: 'failed'; error: { message: string; database: boolean } };
