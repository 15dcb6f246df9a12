// The simulation as a run source for the durable pipeline (host/store). Its stored
// description holds everything that determines the log (hunt, participants, seed,
// profiles), so `resume` can regenerate the very same lines after a crash and
// continue after the last committed one. Lines are generated in a worker thread
// (generator.worker.ts) and handed out here: whole chunks at full speed, line by line
// through the control gate when paused, stepped or paced.
import type { Hunt } from '../../engine/hunt/schema';
import type { Profile } from '../../engine/sim/profile';
import type { SimulationCounts } from '../../engine/sim/simulation';
import { startWorker, workerEntry } from '../../engine/threads/worker';
import { ThreadClient } from '../../engine/threads/client';
import { registerSourceKind, type LineItem, type RunSource } from '../store/source';
import { lineText, lineTexts, sliceRows } from '../../engine/batch/lineBatch';
import type { SimulationControl } from './control';
import type { GeneratorOutcome, GeneratorWorkerApi, GeneratorWorkerData } from './generator-protocol';
import { availableParallelism } from 'node:os';
import { tuningProfile } from '../tuning';

export type SimulationDescription = {
  kind: 'simulation';
  hunt: Hunt;
  participants: number;
  seed: number;
  profiles: Profile[];
};

export type SimulationHooks = {
  control?: SimulationControl;
  /** Keep every participant's own result for onOutcome (default true). */
  keepResults?: boolean;
  /** The generator's counters, after each chunk. */
  onCounts?: (counts: SimulationCounts) => void;
  /** Every line handed to the pipeline, in order (e.g. to write --out). */
  onLine?: (line: string) => void;
  /** Once the whole log was generated: the simulation's own results and summary. */
  onOutcome?: (outcome: GeneratorOutcome) => void;
};

/** Lines per message from the generator worker. */
const CHUNK_LINES = 4000;

export function simulationSource(d: SimulationDescription, hooks: SimulationHooks = {}): RunSource {
  return {
    describe: () => d,
    open: (fromLine) => lines(d, fromLine, hooks),
  };
}

async function* lines(d: SimulationDescription, fromLine: number, hooks: SimulationHooks): AsyncGenerator<LineItem> {
  const data: GeneratorWorkerData = { description: d, fromLine, keepResults: hooks.keepResults ?? true, chunkLines: CHUNK_LINES };
  const { heap } = tuningProfile({ kind: 'simulation', participants: d.participants, steps: d.hunt.steps.length, cores: availableParallelism() });
  const heapMb = heap.generatorMb!;
  const worker = startWorker(workerEntry(import.meta.url, 'generator.worker'), {
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: heap.generatorYoungMb! },
  });
  const generator = new ThreadClient<GeneratorWorkerApi>(worker, {
    name: 'simulation generator',
    deathError: (d) =>
      d.kind === 'exit'
        ? new Error(`the simulation's generator stopped unexpectedly (exit code ${d.code})`)
        : d.outOfMemory
          ? new Error(`the simulation's generator ran out of memory (its heap is limited to ${heapMb} MB); try fewer participants`)
          : new Error(`the simulation's generator failed: ${d.error.message}`),
  });
  const control = hooks.control;
  /**
   * Asks for the next chunk. Its failure (the generator died) is thrown where the chunk is
   * awaited; until then it is marked handled, since the generator may die while this
   * thread is still handing out the chunk before, or after it stopped early.
   */
  const ask = () => {
    const chunk = generator.call('next');
    chunk.then(undefined, () => undefined);
    return chunk;
  };
  /** The chunk being generated while the one before it is handed out. */
  let coming = ask();
  try {
    for (;;) {
      const reply = await coming;
      // Ask for the next chunk at once, so generating it overlaps with processing this one.
      if (!reply.done) coming = ask();
      hooks.onCounts?.(reply.counts);
      const batch = reply.batch;
      for (let i = 0; i < batch.length; ) {
        if (!control || control.unthrottled) {
          // Full speed: the rest of the chunk at once (one await instead of thousands), as
          // the generator's batch: its bytes and envelopes, so the pipeline neither parses
          // nor decodes it.
          const rest = i === 0 ? batch : sliceRows(batch, i);
          if (hooks.onLine) for (const line of lineTexts(rest)) hooks.onLine(line);
          yield rest;
          i = batch.length;
        } else {
          // Paused, stepped or paced: line by line through the gate.
          const t = batch.t[i];
          const line = lineText(batch, i++);
          if (!(await control.gate(t))) return;
          hooks.onLine?.(line);
          yield line;
        }
      }
      if (reply.done) {
        if (reply.outcome) hooks.onOutcome?.(reply.outcome);
        return;
      }
    }
  } finally {
    await generator.terminate();
  }
}

function isDescription(d: Record<string, unknown>): d is SimulationDescription {
  return typeof d.hunt === 'object' && typeof d.participants === 'number' && typeof d.seed === 'number' && Array.isArray(d.profiles);
}

registerSourceKind('simulation', (d) => {
  if (!isDescription(d)) throw new Error('the run was stored without its simulation settings, so it cannot be regenerated');
  return simulationSource(d);
});
