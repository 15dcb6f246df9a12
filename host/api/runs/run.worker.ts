// A run thread: one studio simulation, replay or resume, run through the unchanged
// entry points of host/sim and host/store (the pipeline, its shard workers and its
// writer thread all start from here). The host's main thread only routes API calls
// and relays what this thread reports: the run's id once it exists, its progress (at
// most ten a second), its end. Control requests (pause, step, speed, cancel) come the
// other way. The thread ends when the run has settled.
import { workerData } from 'node:worker_threads';
import { serveThread } from '../../../engine/threads/server';
import { startSimulation } from '../../sim/run';
// Registers the `simulation` source kind, so a resumed simulation regenerates its lines from its seed.
import '../../sim/source';
import { ingestRun } from '../../store/ingest';
import { resumeRun } from '../../store/resume';
import { fileSource, linesSource } from '../../store/source';
import type { RunJob, RunThreadApi, RunThreadEvents } from './runThreadProtocol';
import { lowerThisThreadPriority } from './threadPriority';

// Before anything starts: the threads the pipeline starts inherit this thread's priority.
lowerThisThreadPriority();

const job = workerData as RunJob;

/** What steers the run: a simulation's control, or (replays, resumes) an abort. */
type Steering = { control(action: 'pause' | 'resume' | 'step' | 'cancel'): void; speed(speed: number): void };
let steering: Steering = { control: () => undefined, speed: () => undefined };

async function run(): Promise<'completed' | 'cancelled'> {
  if (job.kind === 'simulate') {
    const handle = startSimulation({
      db: job.db,
      hunt: job.hunt,
      participants: job.participants,
      seed: job.seed,
      profiles: job.profiles,
      name: job.name,
      workers: job.workers,
      speed: job.speed,
      keepResults: false,
      progressEveryMs: job.progressEveryMs,
      onRunCreated: (runId) => server.notify('created', runId),
      onProgress: (progress) => server.notify('simulationProgress', progress),
    });
    steering = {
      speed: (speed) => handle.control.setSpeed(speed),
      control(action) {
        if (action === 'pause') handle.control.pause();
        else if (action === 'resume') handle.control.resume();
        else if (action === 'step') handle.control.step(1);
        else handle.control.cancel();
      },
    };
    return (await handle.done).status;
  }
  const abort = new AbortController();
  steering = {
    speed: () => undefined,
    control(action) {
      if (action === 'cancel') abort.abort();
    },
  };
  if (job.kind === 'resume') {
    server.notify('created', job.runId);
    const end = await resumeRun(job.db, job.runId, {
      signal: abort.signal,
      progressEveryMs: job.progressEveryMs,
      onProgress: (progress) => server.notify('pipelineProgress', progress),
    });
    return end.status;
  }
  const source = job.source.kind === 'file' ? fileSource(job.source.path) : linesSource(job.source.lines, { kind: 'upload', name: job.source.name });
  const end = await ingestRun(
    {
      db: job.db,
      hunt: job.hunt,
      kind: 'replay',
      name: job.name,
      signal: abort.signal,
      progressEveryMs: job.progressEveryMs,
      onRunCreated: (runId) => server.notify('created', runId),
      onProgress: (progress) => server.notify('pipelineProgress', progress),
    },
    source,
  );
  return end.status;
}

const server = serveThread<RunThreadApi, RunThreadEvents>({
  run: () =>
    run().finally(() => {
      // The answer is sent first (it is posted as this promise settles); then the thread may end.
      setImmediate(() => server.close());
    }),
  control: (action) => steering.control(action),
  speed: (speed) => steering.speed(speed),
});
