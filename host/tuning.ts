// The one tuning profile of a durable run: how lines flow through the pipeline, how big
// each thread's heap may grow, and the V8 flags and environment of the process. Ingest,
// resume, `hunt simulate` and `hunt resume` (which run themselves again with the
// process settings), the studio's run thread and the benchmarks all take their settings
// from `tuningProfile`, so a run behaves the same wherever it is started. The
// measurements behind each figure are in docs/performance.md ("Tuning profile").
import { setFlagsFromString } from 'node:v8';
import type { RunKind } from '../engine/log/runs';

export type TuningInput = {
  kind: RunKind;
  /** Participants the run will have, when known (a simulation knows; a replay learns as it reads). */
  participants: number | null;
  /** Steps of the hunt. */
  steps: number;
  /** Cores of the machine (os.availableParallelism()). */
  cores: number;
  /** Participant worker threads (default: one per core). */
  workers?: number;
};

export type FlowLimits = {
  /** Events per batch to the runtime and the writer. */
  batchSize: number;
  /** Batches in flight to the participant workers. */
  maxInFlightBatches: number;
  /** Batches waiting for their verdicts or their hand-over to the writer before reading pauses. */
  maxOutputBacklog: number;
  /** Writer messages not yet committed before the pipeline waits. */
  maxWriterInFlight: number;
  /** Send what the source handed over at once, as a partial batch, instead of waiting for a full one (a live feed). */
  flushEachItem: boolean;
  /** The source's items (chunks of lines) read ahead of the check stage. */
  readAheadItems: number;
  /** Batches the check stage has handed on that the runtime stage has not yet taken. */
  batchesAheadOfRuntime: number;
  /** Checkpoints taken that wait for the writer (one is written at a time). */
  checkpointsWaiting: number;
};

export type HeapCaps = {
  /** Old generation (MB) of the thread running the pipeline; null: V8's own. */
  pipelineMb: number | null;
  /** Young generation (MB) of the thread running the pipeline, when it is a worker (the studio's run thread); null: V8's own. */
  pipelineYoungMb: number | null;
  /** Old generation (MB) of each participant worker; null: the runtime's own (sized from what it restores, else uncapped). */
  shardMb: number | null;
  /** Young generation (MB) of each participant worker; null: the runtime's default. */
  shardYoungMb: number | null;
  /** Old and young generation (MB) of a simulation's generator thread; null for other runs. */
  generatorMb: number | null;
  generatorYoungMb: number | null;
};

export type TuningProfile = {
  flow: FlowLimits;
  heap: HeapCaps;
  /** V8 flags the run's process should start with (a process started for the run: `hunt simulate` run again, the benchmark's child). */
  startFlags: string[];
  /** V8 flags set in the running process when the run starts (process-wide, once): see applyRunFlags. */
  runFlags: string[];
  /** Environment the run's process should start with (a value the user set wins). */
  env: Readonly<Record<string, string>>;
  /** Whether `hunt` should run itself again with startFlags, env and the pipeline's heap cap. */
  ownProcess: boolean;
};

/** From this many participants a simulation is worth a process of its own, started with the settings below. */
export const OWN_PROCESS_FROM = 20_000;

/** Events between checkpoints (K) of a new run. */
export const DEFAULT_CHECKPOINT_EVERY = 50_000;

/** The heap growing factor of replays and live feeds (V8's --heap-growing-percent). */
export const REPLAY_HEAP_GROWING_PERCENT = 100;

/** What a participant holds live in a shard worker (KB): a hosted actor's snapshot, growing with the steps. */
export function participantKb(steps: number): number {
  return 0.5 + 0.05 * steps;
}

/** Old-generation cap of a participant worker holding `perShard` participants, with `headroom` times their live size. */
function shardCapMb(perShard: number, steps: number, headroom: number): number {
  return 64 + Math.ceil((perShard * headroom * participantKb(steps)) / 1024);
}

/** Old-generation cap (MB) of each participant worker of a simulation: its live size plus a fixed base (the generator shares the budget). */
export function simulationShardHeapMb(participants: number, workers: number, steps: number): number {
  return shardCapMb(Math.ceil(participants / workers), steps, 1);
}

/** Old-generation cap (MB) of the pipeline's thread of a simulation: recovery snapshots and, at the end, every result. */
export function pipelineHeapMb(participants: number): number {
  return Math.ceil(192 + participants / 1024);
}

/** Old-generation cap (MB) of a simulation's generator thread: its live participants with a quarter or more of headroom. */
export function generatorHeapMb(participants: number, steps: number): number {
  return Math.ceil(40 + (participants * 1.3 * Math.max(1, steps / 20)) / 1024);
}

/** V8 flags of a large simulation's own process on `cores` cores: a smaller nursery; no parallel GC helpers competing for few cores. */
export function simulationProcessFlags(cores: number): string[] {
  return ['--max-semi-space-size=8', ...(cores <= 4 ? ['--single-threaded-gc'] : [])];
}

/** Environment of a large simulation's own process: glibc malloc keeps large buffers in mmap, in at most two arenas. */
export const SIMULATION_PROCESS_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: String(64 * 1024), MALLOC_ARENA_MAX: '2' };

/**
 * Young generation (MB) of a replay's or live feed's participant workers: at 100,000
 * participants each batch's parsed events and each checkpoint's stored forms, written
 * before the next change, live for a few batches, and a larger nursery lets more of them
 * die there instead of being copied into the old generation (docs/performance.md,
 * "Issue 16, eleventh session").
 */
export const REPLAY_YOUNG_GENERATION_MB = 64;

/** Young generation (MB) of a simulation's generator and participant workers (their garbage dies young). */
export const SIMULATION_YOUNG_GENERATION_MB = 16;

/**
 * The pipeline's structural queues, the same for every run kind (host/store/pipeline.ts):
 * - readAheadItems 2: the source's next item is read while the current one is checked, so
 *   the check stage never waits for a read; an item is a chunk of up to thousands of
 *   lines, so more would hold memory and gain nothing.
 * - batchesAheadOfRuntime 1: the check stage begins its next batch only once the runtime
 *   stage has taken this one (host/store/stages/check.ts, `out.room()`); a batch built
 *   further ahead would only wait there, its time added to its lines' event-to-commit latency.
 * - checkpointsWaiting 2: one checkpoint waits while another is written; each holds the
 *   snapshots of the participants changed since the previous one (tens of thousands in a
 *   large run), so more would hold memory while the writer, one at a time, would not
 *   write them sooner.
 */
const PIPELINE_QUEUES = { readAheadItems: 2, batchesAheadOfRuntime: 1, checkpointsWaiting: 2 } as const;

/**
 * The flow of a live hunt: a trickle of lines, each waited for by a phone. What arrived
 * while the previous batch was on its way goes out as the next batch at once (one line
 * when quiet, a few dozen in a rush), so an action waits for one batch's round trip, not
 * for a batch to fill; several batches and writer commits overlap so a rush does not
 * queue behind one fsync (docs/performance.md, "Live hunts").
 */
export const LIVE_FLOW: Readonly<FlowLimits> = { batchSize: 128, maxInFlightBatches: 4, maxOutputBacklog: 4, maxWriterInFlight: 8, flushEachItem: true, ...PIPELINE_QUEUES };

/**
 * The settings of a run. A replay is tuned for event-to-commit latency (small batches,
 * few in flight) with a fixed heap growing factor, a live feed likewise with LIVE_FLOW;
 * a simulation for the whole run's wall time within its memory budget (bigger batches,
 * tighter heaps, its own process from OWN_PROCESS_FROM participants).
 */
export function tuningProfile(input: TuningInput): TuningProfile {
  const workers = Math.max(1, input.workers ?? input.cores);
  const n = input.participants !== null && input.participants > 0 ? input.participants : null;
  const perShard = n === null ? null : Math.ceil(n / workers);
  if (input.kind === 'simulation') {
    const own = n !== null && n >= OWN_PROCESS_FROM;
    return {
      flow: { batchSize: 2000, maxInFlightBatches: 4, maxOutputBacklog: 4, maxWriterInFlight: 4, flushEachItem: false, ...PIPELINE_QUEUES },
      heap: {
        pipelineMb: n === null ? null : pipelineHeapMb(n),
        // A worker thread cannot take --max-semi-space-size=8: its young generation is set to what that flag gives.
        pipelineYoungMb: own ? 24 : null,
        shardMb: n === null ? null : simulationShardHeapMb(n, workers, input.steps),
        shardYoungMb: SIMULATION_YOUNG_GENERATION_MB,
        generatorMb: generatorHeapMb(n ?? 0, input.steps),
        generatorYoungMb: SIMULATION_YOUNG_GENERATION_MB,
      },
      startFlags: own ? simulationProcessFlags(input.cores) : [],
      runFlags: [],
      env: own ? SIMULATION_PROCESS_ENV : {},
      ownProcess: own,
    };
  }
  const growth = `--heap-growing-percent=${REPLAY_HEAP_GROWING_PERCENT}`;
  return {
    flow: input.kind === 'live' ? { ...LIVE_FLOW } : { batchSize: 250, maxInFlightBatches: 2, maxOutputBacklog: 2, maxWriterInFlight: 4, flushEachItem: false, ...PIPELINE_QUEUES },
    heap: {
      pipelineMb: null,
      pipelineYoungMb: null,
      // 2.6 times the live size: at 20 steps the 3 × (0.5 + 0.04 × steps) KB the runtime measured with.
      shardMb: perShard === null ? null : shardCapMb(perShard, input.steps, 2.6),
      shardYoungMb: REPLAY_YOUNG_GENERATION_MB,
      generatorMb: null,
      generatorYoungMb: null,
    },
    startFlags: [growth],
    runFlags: [growth],
    env: {},
    ownProcess: false,
  };
}

/** The flag to set in a process started with `execArgv`, or null when the user set one. */
export function heapGrowthFlag(execArgv: readonly string[]): string | null {
  if (execArgv.some((a) => /^--heap[-_]growing[-_]percent(=|$)/.test(a))) return null;
  return `--heap-growing-percent=${REPLAY_HEAP_GROWING_PERCENT}`;
}

let applied = false;

/**
 * Sets a profile's run flags in this process, once per process, unless the process was
 * started with a value of its own. The heap growing factor is V8's and process-wide
 * (every isolate, every thread): the studio, which runs both kinds in one process, keeps
 * it for a simulation started after a replay, within the same heap caps.
 */
export function applyRunFlags(profile: TuningProfile): void {
  if (applied || profile.runFlags.length === 0) return;
  applied = true;
  const flag = heapGrowthFlag(process.execArgv);
  if (flag) setFlagsFromString(flag);
}
