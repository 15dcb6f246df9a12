// Running a simulation as a durable run: the generator's lines go through the same
// pipeline as a replayed log (LogFront -> sharded runtime -> SQLite), the run keeps
// its settings (so it can be regenerated or resumed), and the summary is collected
// from the simulation's own participants as they end.
import { performance } from 'node:perf_hooks';
import type { Hunt } from '../../engine/hunt/schema';
import type { ParticipantResult, ReplayResult } from '../../engine/log/types';
import { validateHunt } from '../../engine/hunt/validate';
import type { Profile } from '../../engine/sim/profile';
import { checkSettings, type SimulationCounts } from '../../engine/sim/simulation';
import type { AnalyticsSummary } from '../../engine/analytics/summary';
import type { GeneratorOutcome } from './generator-protocol';
import { ingestRun } from '../store/ingest';
import { SimulationControl } from './control';
import { LogFileWriter } from './log-file';
import { simulationSource, type SimulationDescription } from './source';

export type SimulateOptions = {
  /** Database file the run is stored in. */
  db: string;
  hunt: Hunt;
  participants: number;
  seed: number;
  profiles: Profile[];
  /** Run name; default "<hunt id> seed <seed>". */
  name?: string;
  workers?: number;
  /** Writes the generated log to this file as well. */
  out?: string;
  /** Speed, pause, single-step and cancel; default: as fast as possible, uncontrolled. */
  control?: SimulationControl;
  onProgress?: (p: SimulationProgress) => void;
  progressEveryMs?: number;
  /** Called once the run row exists. */
  onRunCreated?: (runId: number) => void;
  /** Keep every participant's own result in memory (tests compare them with a replay). Default true. */
  keepResults?: boolean;
};

export type SimulationProgress = {
  runId: number;
  /** Lines through the pipeline so far. */
  processed: number;
  virtualTime: number;
  eventsPerSec: number;
  participants: number;
  /** Participants with nothing more to send: finished + quit + timed out. */
  ended: number;
  finished: number;
  quit: number;
  timedOut: number;
  /** ended / participants: the share of the work done. */
  fraction: number;
};

export type SimulationOutcome = {
  runId: number;
  status: 'completed' | 'cancelled';
  seed: number;
  /** The stored run's result (spec §4), as a replay of its log gives it; null when cancelled. */
  result: ReplayResult | null;
  /** The simulation's own per-participant results (empty when keepResults is false). */
  participants: ParticipantResult[];
  summary: AnalyticsSummary;
  wallSec: number;
};

/** Throws an Error naming the problem when the hunt is not valid. */
export function requireValidHunt(value: unknown): Hunt {
  const v = validateHunt(value);
  if (!v.valid || !v.hunt) {
    const first = v.errors.slice(0, 5).map((e) => `${e.path}: ${e.message}`);
    throw new Error(`the hunt is not valid (${v.errors.length} error${v.errors.length === 1 ? '' : 's'}): ${first.join('; ')}`);
  }
  return v.hunt;
}

export async function runSimulation(opts: SimulateOptions): Promise<SimulationOutcome> {
  const hunt = requireValidHunt(opts.hunt);
  checkSettings({ participants: opts.participants, seed: opts.seed, profiles: opts.profiles });
  const started = performance.now();
  const description: SimulationDescription = { kind: 'simulation', hunt, participants: opts.participants, seed: opts.seed, profiles: opts.profiles };
  const out = opts.out ? new LogFileWriter(opts.out) : null;
  let counts: SimulationCounts = { joined: 0, ended: 0, finished: 0, quit: 0, timedOut: 0 };
  let own: GeneratorOutcome | null = null;
  const control = opts.control;
  const source = simulationSource(description, {
    control,
    keepResults: opts.keepResults ?? true,
    onCounts: (c) => (counts = c),
    onOutcome: (o) => (own = o),
    onLine: out ? (line) => out.write(line) : undefined,
  });
  // Interactive runs hand each line to the runtime at once, so a paused or
  // single-stepped run shows exactly the lines let through (batches would hold them).
  const interactive = control !== undefined && (control.speed > 0 || control.state === 'paused');
  try {
    const end = await ingestRun(
      {
        db: opts.db,
        hunt,
        kind: 'simulation',
        name: opts.name ?? `${hunt.id} seed ${opts.seed}`,
        seed: opts.seed,
        settings: { participants: opts.participants, seed: opts.seed, profiles: opts.profiles },
        workers: opts.workers,
        expectedParticipants: opts.participants,
        // Flow limits and heap caps: the tuning profile's for a simulation (ingestRun, host/tuning.ts).
        ...(interactive ? { batchSize: 1 } : {}),
        signal: control?.signal,
        progressEveryMs: opts.progressEveryMs,
        onRunCreated: opts.onRunCreated,
        onProgress: opts.onProgress
          ? (p) => {
              const c = counts;
              opts.onProgress!({
                runId: p.runId,
                processed: p.processed,
                virtualTime: p.virtualTime,
                eventsPerSec: p.eventsPerSec,
                participants: opts.participants,
                ended: c.ended,
                finished: c.finished,
                quit: c.quit,
                timedOut: c.timedOut,
                fraction: c.ended / opts.participants,
              });
            }
          : undefined,
      },
      source,
    );
    // A completed run read every line, so the generator sent its own outcome.
    const mine = own as GeneratorOutcome | null;
    if (end.status === 'completed' && mine === null) throw new Error('the simulation ended without its own results');
    return {
      runId: end.runId,
      status: end.status,
      seed: opts.seed,
      result: end.result,
      participants: mine?.participants ?? [],
      summary: mine?.summary ?? emptySummary(),
      wallSec: (performance.now() - started) / 1000,
    };
  } finally {
    out?.close();
  }
}

/** What a cancelled run reports: nobody summarised. */
function emptySummary(): AnalyticsSummary {
  const none = { p10: null, p50: null, p90: null, histogram: [] };
  return { participants: 0, statuses: { active: 0, finished: 0, quit: 0, timed_out: 0 }, finishRate: 0, score: none, finishTime: none, hintsPerParticipant: 0, funnel: [], bottlenecks: [], byProfile: [] };
}

/** A simulation started in the background: what the studio keeps per running simulation. */
export type SimulationHandle = { control: SimulationControl; runId: Promise<number>; done: Promise<SimulationOutcome> };

export function startSimulation(opts: Omit<SimulateOptions, 'control'> & { speed?: number; paused?: boolean }): SimulationHandle {
  const control = new SimulationControl({ speed: opts.speed, paused: opts.paused });
  let created: (id: number) => void = () => undefined;
  let failed: (e: unknown) => void = () => undefined;
  const runId = new Promise<number>((resolve, reject) => {
    created = resolve;
    failed = reject;
  });
  const done = runSimulation({
    ...opts,
    control,
    onRunCreated: (id) => {
      created(id);
      opts.onRunCreated?.(id);
    },
  });
  done.catch(failed);
  return { control, runId, done };
}
