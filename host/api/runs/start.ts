// Starting long work: simulations and replays run through the durable pipeline
// (worker threads for the rules, a writer thread for SQLite). The handler answers
// as soon as the run exists; progress follows on the `run.progress` topic and the
// end on `runs.changed`. Nothing here waits for a run to finish.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Hunt, RunProgress, RunSummary, SimulationSettings } from '../../../api/contract';
import { ApiError } from '../../../api/errors';
import { getResult } from '../../../db/results';
import { getRun, type RunRow } from '../../../db/runs';
import { validateHunt } from '../../../engine/hunt/validate';
import type { ReplayResult } from '../../../engine/log/types';
import { checkProfilesAgainstHunt, ProfileError, type Profile } from '../../../engine/sim/profile';
import { resolveProfiles } from '../../../engine/sim/presets';
import { startSimulation, type SimulationProgress } from '../../sim/run';
import { ingestRun } from '../../store/ingest';
import type { PipelineProgress } from '../../store/pipeline';
import { fileSource, linesSource, type RunSource } from '../../store/source';
import { describeFsError } from '../../fs-errors';
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

function profilesFor(hunt: Hunt, spec: string | null): Profile[] {
  try {
    const profiles = resolveProfiles(spec, 'profiles');
    checkProfilesAgainstHunt(profiles, new Set(hunt.steps.map((s) => s.id)), 'profiles');
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
  const result = getResult<ReplayResult>(ctx.db(), row.id);
  const counts = { active: 0, finished: 0, timed_out: 0, quit: 0 };
  for (const p of result?.participants ?? []) counts[p.status]++;
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

function track(ctx: RunsContext, run: ActiveRun, done: Promise<unknown>): void {
  ctx.active.set(run.id, run);
  ctx.bus.publish('runs.changed', { runId: String(run.id) });
  let settle: () => void = () => undefined;
  run.settled = new Promise<void>((resolve) => (settle = resolve));
  const finish = () => {
    settle();
    ctx.active.delete(run.id);
    const row = getRun(ctx.db(), run.id);
    if (row) ctx.bus.publish('run.progress', storedProgress(ctx, row));
    ctx.bus.publish('runs.changed', { runId: String(run.id) });
  };
  // A failed run is recorded as failed in the database by the pipeline; the studio learns of it from the row.
  done.then(finish, finish);
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

/** Starts a replay of `source` in the durable pipeline; answers once the run exists. */
function startReplay(ctx: RunsContext, hunt: Hunt, name: string, source: RunSource, total: number | null): Promise<RunSummary> {
  ctx.db(); // creates the database file before the writer thread opens it
  const abort = new AbortController();
  let active: ActiveRun | null = null;
  let created: (id: number) => void = () => undefined;
  let failed: (err: unknown) => void = () => undefined;
  const runId = new Promise<number>((resolve, reject) => {
    created = resolve;
    failed = reject;
  });
  const done = ingestRun(
    {
      db: ctx.dbFile,
      hunt,
      kind: 'replay',
      name,
      signal: abort.signal,
      progressEveryMs: PROGRESS_EVERY_MS,
      onRunCreated: (id) => {
        active = { id, kind: 'replay', abort, progress: emptyProgress(id, total), stop: () => abort.abort() };
        created(id);
      },
      onProgress: (p: PipelineProgress) => {
        if (!active) return;
        active.progress = {
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
        ctx.bus.publish('run.progress', active.progress);
      },
    },
    source,
  );
  done.catch(failed);
  const id = runId.then((n) => {
    track(ctx, active!, done);
    return n;
  });
  return summaryOnceCreated(ctx, id);
}

export function startHandlers(ctx: RunsContext): HandlerImpls {
  return {
    'runs.simulate': async ({ hunt: value, name, settings }: { hunt: unknown; name?: string; settings: SimulationSettings }) => {
      const hunt = requireValid(value);
      const profiles = profilesFor(hunt, settings.profiles);
      ctx.db(); // creates the database file before the writer thread opens it
      let active: ActiveRun | null = null;
      const handle = startSimulation({
        db: ctx.dbFile,
        hunt,
        participants: settings.participants,
        seed: settings.seed,
        profiles,
        name: name?.trim() || undefined,
        workers: settings.workers,
        speed: settings.speed,
        keepResults: false,
        progressEveryMs: PROGRESS_EVERY_MS,
        onProgress: (p: SimulationProgress) => {
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
        },
      });
      const created = handle.runId.then((id) => {
        active = {
          id,
          kind: 'simulation',
          control: handle.control,
          progress: { ...emptyProgress(id, null), active: settings.participants },
          stop: () => handle.control.cancel(),
        };
        track(ctx, active, handle.done);
        return id;
      });
      return summaryOnceCreated(ctx, created);
    },

    'runs.replay': async ({ hunt: value, name, logText }) => {
      const hunt = requireValid(value);
      const lines = logText.split(/\r?\n/);
      if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop(); // the newline ending the last line
      const total = lines.filter((l) => l.trim() !== '').length;
      return startReplay(ctx, hunt, name, linesSource(lines, { kind: 'upload', name }), total);
    },

    'runs.replayFile': async ({ hunt: value, name, path }) => {
      const hunt = requireValid(value);
      let source: RunSource;
      try {
        if (!statSync(path).isFile()) throw new ApiError('io', `${path}: is not a file`);
        source = fileSource(path);
      } catch (err) {
        if (err instanceof ApiError) throw err;
        const code = (err as NodeJS.ErrnoException).code;
        throw new ApiError(code === 'ENOENT' ? 'not-found' : 'io', `${path}: cannot read: ${describeFsError(err)}`);
      }
      // Read from disk as it goes (a log of any size), and resumable after a crash like any file run.
      return startReplay(ctx, hunt, name?.trim() || basename(path), source, null);
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
