// A run thread: one studio simulation, replay or resume, run through the unchanged
// entry points of host/sim and host/store (the pipeline, its shard workers and its
// writer thread all start from here). The host's main thread only routes API calls
// and relays what this thread reports: the run's id once it exists, its progress (at
// most ten a second), its end. Control messages (pause, step, speed, cancel) come the
// other way. The thread ends when the run has settled.
import { parentPort, workerData } from 'node:worker_threads';
import { DbError } from '../../../db/errors';
import { startSimulation } from '../../sim/run';
// Registers the `simulation` source kind, so a resumed simulation regenerates its lines from its seed.
import '../../sim/source';
import { ingestRun } from '../../store/ingest';
import { resumeRun } from '../../store/resume';
import { fileSource, linesSource } from '../../store/source';
import type { FromRunThread, RunJob, ToRunThread } from './runThreadProtocol';
import { lowerThisThreadPriority } from './threadPriority';

// Before anything starts: the threads the pipeline starts inherit this thread's priority.
lowerThisThreadPriority();

const port = parentPort!;
const job = workerData as RunJob;
const send = (m: FromRunThread) => port.postMessage(m);

/** What steers the run: a simulation's control, or (replays, resumes) an abort. */
let onMessage: (m: ToRunThread) => void = () => undefined;
port.on('message', (m: ToRunThread) => onMessage(m));

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
      onRunCreated: (runId) => send({ type: 'created', runId }),
      onProgress: (progress) => send({ type: 'simulation-progress', progress }),
    });
    onMessage = (m) => {
      if (m.type === 'speed') handle.control.setSpeed(m.speed);
      else if (m.action === 'pause') handle.control.pause();
      else if (m.action === 'resume') handle.control.resume();
      else if (m.action === 'step') handle.control.step(1);
      else handle.control.cancel();
    };
    return (await handle.done).status;
  }
  const abort = new AbortController();
  onMessage = (m) => {
    if (m.type === 'control' && m.action === 'cancel') abort.abort();
  };
  const onProgress = (progress: FromRunThread & { type: 'pipeline-progress' }) => send(progress);
  if (job.kind === 'resume') {
    send({ type: 'created', runId: job.runId });
    const end = await resumeRun(job.db, job.runId, {
      signal: abort.signal,
      progressEveryMs: job.progressEveryMs,
      onProgress: (progress) => onProgress({ type: 'pipeline-progress', progress }),
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
      onRunCreated: (runId) => send({ type: 'created', runId }),
      onProgress: (progress) => onProgress({ type: 'pipeline-progress', progress }),
    },
    source,
  );
  return end.status;
}

run().then(
  (status) => send({ type: 'done', status }),
  (err: unknown) => send({ type: 'failed', error: { message: err instanceof Error ? err.message : String(err), database: err instanceof DbError } }),
);
