// Starting long work: simulations, replays and resumes run through the durable
// pipeline (worker threads for the rules, a writer thread for SQLite), each started
// from its own run thread (run.worker.ts), so the host's main thread only routes API
// calls and relays progress. The handler answers as soon as the run exists; progress
// follows on the `run.progress` topic and the end on `runs.changed`. Nothing here
// waits for a run to finish.
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Hunt, RunProgress, RunSummary, SimulationRequest } from '../../../api/contract';
import { ApiError } from '../../../api/errors';
import { resultStatusCounts } from '../../../db/results';
import { failRunIfRunning, getRun, type RunRow } from '../../../db/runs';
import { validateHunt } from '../../../engine/hunt/validate';
import { checkProfilesAgainstHunt, ProfileError, type Profile } from '../../../engine/sim/profile';
import { resolveProfiles } from '../../../engine/sim/presets';
import type { SimulationProgress } from '../../sim/run';
import type { PipelineProgress } from '../../store/pipeline';
import { describeFsError } from '../../fs-errors';
import { startRunThread, type RunThread } from './runThreadClient';
import type { RunJob } from './runThreadProtocol';
import type { HandlerImpls } from '../handlers';
import { asApiError, parseRunId, requireRunRow, toSummary, type ActiveRun, type RunsContext } from './context';

/** Progress is produced at most this often; the bus throttles further per subscriber. */
const PROGRESS_EVERY_MS = 100;

export function requireValid(hunt: unknown): Hunt {
  const report = validateHunt(hunt);
  if (!report.valid || !report.hunt) {
    const first = report.errors.slice(0, 3).map((e) => `${e.path || '/'}: ${e.message}`);
    throw new ApiError('invalid-hunt', `The hunt has ${report.errors.length} error${report.errors.length === 1 ? '' : 's'}; fix ${report.errors.length === 1 ? 'it' : 'them'} first: ${first.join('; ')}`, {
      valid: false,
      errors: report.errors,
      warnings: report.warnings,
    });
  }
  return report.hunt;
}

export function profilesFor(hunt: Hunt, spec: string | null, source = 'profiles'): Profile[] {
  try {
    const profiles = resolveProfiles(spec, source);
    checkProfilesAgainstHunt(profiles, new Set(hunt.steps.map((s) => s.id)), source);
    return profiles;
  } catch (err) {
    if (err instanceof ProfileError) throw new ApiError('bad-argument', err.message, err.issues);
    if (err instanceof Error) throw new ApiError('bad-argument', err.message);
    throw err;
  }
}

function emptyProgress(runId: number, total: number | null): RunProgress {
  return { runId: String(runId), status: 'running', processed: 0, total, virtualTime: 0, eventsPerSec: 0, active: 0, finished: 0, timedOut: 0, quit: 0 };
}

/** The progress of a run that is not in progress: its stored counters and result. */
export function storedProgress(ctx: RunsContext, row: RunRow): RunProgress {
  // Counted over the result's participants table: no result row is loaded.
  const result = resultStatusCounts(ctx.db(), row.id);
  const counts = result ?? { active: 0, finished: 0, timed_out: 0, quit: 0 };
  const seconds = row.activeMs / 1000;
  return {
    runId: String(row.id),
    status: row.status,
    processed: row.events,
    total: row.status === 'completed' ? row.events : null,
    virtualTime: row.clock,
    eventsPerSec: seconds > 0 ? Math.round(row.events / seconds) : 0,
    active: result ? counts.active : row.participants,
    finished: counts.finished,
    timedOut: counts.timed_out,
    quit: counts.quit,
  };
}

function track(ctx: RunsContext, run: ActiveRun, done: Promise<'completed' | 'cancelled' | 'failed'>): void {
  ctx.active.set(run.id, run);
  ctx.bus.publish('runs.changed', { runId: String(run.id) });
  let settle: () => void = () => undefined;
  run.settled = new Promise<void>((resolve) => (settle = resolve));
  void done.then((status) => {
    // A failed run is recorded as failed by its pipeline; a run thread that died before it
    // could is recorded here, so the run does not stay "running" (and can be resumed).
    if (status === 'failed') markFailedIfRunning(ctx, run.id);
    settle();
    ctx.active.delete(run.id);
    const row = getRun(ctx.db(), run.id);
    if (row) ctx.bus.publish('run.progress', storedProgress(ctx, row));
    ctx.bus.publish('runs.changed', { runId: String(run.id) });
  });
}

function markFailedIfRunning(ctx: RunsContext, runId: number): void {
  failRunIfRunning(ctx.db(), runId, 'the run thread stopped before the run ended');
}

async function summaryOnceCreated(ctx: RunsContext, runId: Promise<number>): Promise<RunSummary> {
  let id: number;
  try {
    id = await runId;
  } catch (err) {
    throw asApiError(err);
  }
  const row = getRun(ctx.db(), id);
  if (!row) throw new ApiError('internal', `run ${id} was started but its row is missing`);
  return toSummary(ctx, row);
}

/** Read through a call: the control's state changes under the actions above, which TypeScript cannot see. */
function controlState(control: { state: string }): string {
  return control.state;
}

/** The studio's progress from the pipeline's (replays and resumes). */
function fromPipeline(p: PipelineProgress, total: number | null): RunProgress {
  return {
    runId: String(p.runId),
    status: 'running',
    processed: p.processed,
    total,
    virtualTime: p.virtualTime,
    eventsPerSec: p.eventsPerSec,
    active: p.counts ? p.counts.active : p.participants,
    finished: p.counts?.finished ?? 0,
    timedOut: p.counts?.timed_out ?? 0,
    quit: p.counts?.quit ?? 0,
  };
}

/**
 * Starts a replay or a resume in its run thread; answers once the run exists. Both read as
 * fast as they can and can only be cancelled.
 */
export function startPipelineRun(ctx: RunsContext, job: RunJob & { kind: 'replay' | 'resume' }, total: number | null): Promise<RunSummary> {
  ctx.db(); // creates the database file before the writer thread opens it
  const thread = startRunThread(job);
  let active: ActiveRun | null = null;
  thread.onPipelineProgress = (p) => {
    if (!active) return;
    active.progress = fromPipeline(p, total);
    ctx.bus.publish('run.progress', active.progress);
  };
  const id = thread.runId.then((n) => {
    const kind = job.kind === 'resume' ? (getRun(ctx.db(), n)?.kind ?? 'replay') : 'replay';
    const progress = job.kind === 'resume' ? { ...storedProgressOf(ctx, n, total), status: 'running' as const } : emptyProgress(n, total);
    const run: ActiveRun = { id: n, kind, abort: abortVia(thread), progress, stop: () => thread.control.cancel() };
    active = run;
    track(ctx, run, thread.done);
    return n;
  });
  return summaryOnceCreated(ctx, id);
}

function storedProgressOf(ctx: RunsContext, runId: number, total: number | null): RunProgress {
  const row = getRun(ctx.db(), runId);
  return row ? { ...storedProgress(ctx, row), total } : emptyProgress(runId, total);
}

/** A run steered by cancel only: an AbortController whose abort cancels the run thread. */
function abortVia(thread: RunThread): AbortController {
  const abort = new AbortController();
  abort.signal.addEventListener('abort', () => thread.control.cancel(), { once: true });
  return abort;
}

export function startHandlers(ctx: RunsContext): HandlerImpls {
  return {
    'runs.simulate': async ({ hunt: value, name, settings }: { hunt: unknown; name?: string; settings: SimulationRequest }) => {
      const hunt = requireValid(value);
      const profiles = profilesFor(hunt, settings.profiles);
      ctx.db(); // creates the database file before the writer thread opens it
      let active: ActiveRun | null = null;
      const thread = startRunThread({
        kind: 'simulate',
        db: ctx.dbFile,
        hunt,
        participants: settings.participants,
        seed: settings.seed,
        profiles,
        name: name?.trim() || undefined,
        workers: settings.workers,
        speed: settings.speed,
        progressEveryMs: PROGRESS_EVERY_MS,
      });
      thread.onSimulationProgress = (p: SimulationProgress) => {
        if (!active) return;
        active.progress = {
          runId: String(p.runId),
          status: active.control?.state === 'paused' ? 'paused' : 'running',
          processed: p.processed,
          total: null,
          virtualTime: p.virtualTime,
          eventsPerSec: p.eventsPerSec,
          active: p.participants - p.ended,
          finished: p.finished,
          timedOut: p.timedOut,
          quit: p.quit,
        };
        ctx.bus.publish('run.progress', active.progress);
      };
      const created = thread.runId.then((id) => {
        const run: ActiveRun = {
          id,
          kind: 'simulation',
          control: thread.control,
          progress: { ...emptyProgress(id, null), active: settings.participants },
          stop: () => thread.control.cancel(),
        };
        active = run;
        track(ctx, run, thread.done);
        return id;
      });
      return summaryOnceCreated(ctx, created);
    },

    'runs.replay': async ({ hunt: value, name, logText }) => {
      const hunt = requireValid(value);
      const lines = logText.split(/\r?\n/);
      if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop(); // the newline ending the last line
      const total = lines.filter((l) => l.trim() !== '').length;
      return startPipelineRun(ctx, { kind: 'replay', db: ctx.dbFile, hunt, name, source: { kind: 'lines', lines, name }, progressEveryMs: PROGRESS_EVERY_MS }, total);
    },

    'runs.replayFile': async ({ hunt: value, name, path }) => {
      const hunt = requireValid(value);
      try {
        if (!statSync(path).isFile()) throw new ApiError('io', `${path}: is not a file`);
      } catch (err) {
        if (err instanceof ApiError) throw err;
        const code = (err as NodeJS.ErrnoException).code;
        throw new ApiError(code === 'ENOENT' ? 'not-found' : 'io', `${path}: cannot read: ${describeFsError(err)}`);
      }
      // Read from disk as it goes (a log of any size), and resumable after a crash like any file run.
      const job: RunJob & { kind: 'replay' } = { kind: 'replay', db: ctx.dbFile, hunt, name: name?.trim() || basename(path), source: { kind: 'file', path: resolve(path) }, progressEveryMs: PROGRESS_EVERY_MS };
      return startPipelineRun(ctx, job, null);
    },

    'runs.control': ({ runId, action, speed }) => {
      const id = parseRunId(runId);
      const active = ctx.active.get(id);
      if (!active) {
        const row = requireRunRow(ctx, runId);
        throw new ApiError('conflict', `Run ${runId} is ${row.status}, not in progress: there is nothing to ${action}.`);
      }
      if (active.control?.state === 'cancelled' || active.abort?.signal.aborted) {
        throw new ApiError('conflict', `Run ${runId} is being cancelled.`);
      }
      if (active.control) {
        try {
          if (speed !== undefined) active.control.setSpeed(speed);
        } catch (err) {
          throw new ApiError('bad-argument', err instanceof Error ? err.message : String(err));
        }
        if (action === 'pause') active.control.pause();
        else if (action === 'resume') active.control.resume();
        else if (action === 'step') {
          if (active.control.state !== 'paused') throw new ApiError('conflict', `Run ${runId} is running: pause it before stepping.`);
          active.control.step(1);
        } else active.control.cancel();
        const state = controlState(active.control);
        active.progress = { ...active.progress, status: state === 'paused' ? 'paused' : state === 'cancelled' ? 'cancelled' : 'running' };
      } else {
        if (action !== 'cancel') throw new ApiError('conflict', `A ${active.kind} reads its log as fast as it can: it can be cancelled, not paused or stepped.`);
        active.abort?.abort();
        active.progress = { ...active.progress, status: 'cancelled' };
      }
      ctx.bus.publish('run.progress', active.progress);
      return active.progress;
    },

    'runs.progress': ({ runId }) => {
      const active = ctx.active.get(parseRunId(runId));
      if (active) return active.progress;
      return storedProgress(ctx, requireRunRow(ctx, runId));
    },
  };
}
