// Stage 3, runtime: each batch's events that passed the log checks go to the
// participant workers (ShardedRuntime, whose own bound holds this stage back when the
// workers fall behind); the batch goes on with its verdicts still pending, so several
// batches are in the workers while earlier ones are committed. Every `checkpointEvery`
// events the runtime's delta of changed participants is asked for right after the
// batch it ends with, and goes on behind that batch.
import type { BoundedQueue } from '../../../engine/flow/boundedQueue';
import type { RejectionReason } from '../../../engine/log/types';
import type { ShardedRuntime } from '../../../engine/runtime/shardedRuntime';
import type { BatchVerdicts, RuntimeCheckpoint, StatusCounts } from '../../../engine/runtime/types';
import type { RunBatch } from '../runBatch';

/** A batch on its way to the commit stage. */
export type SentBatch = {
  kind: 'batch';
  cols: RunBatch;
  /** The workers' verdicts of the rows cols.shardIndex, in order. */
  verdicts: Promise<BatchVerdicts>;
  /** The source's verdicts when it knew every one (knownVerdict): the batch is written with these. */
  known: (RejectionReason | null)[] | null;
  /** With `known`: the workers' verdicts compared with them. */
  verified: Promise<void> | null;
};

/** A checkpoint asked for right after the batch ending at `seq`. */
export type TakenCheckpoint = {
  kind: 'checkpoint';
  seq: number;
  line: number;
  clock: number;
  /** Seq of the batch's last event that reached the runtime (0 when none did). */
  lastSent: number;
  delta: Promise<RuntimeCheckpoint>;
  counts: Promise<StatusCounts>;
};

export type RuntimeOutput = SentBatch | TakenCheckpoint;

/** When the next checkpoint is due: every `every` events (null: never, e.g. a resume's replay of committed lines). */
export class CheckpointSchedule {
  private nextAt: number;

  constructor(
    readonly every: number,
    lastCheckpointSeq: number,
    seq: number,
  ) {
    this.nextAt = (Math.floor(lastCheckpointSeq / every) + 1) * every;
    if (this.nextAt <= seq) this.nextAt = (Math.floor(seq / every) + 1) * every;
  }

  /** Whether a batch ending at `lastSeq` is due a checkpoint (then the next one is scheduled). */
  due(lastSeq: number): boolean {
    if (lastSeq < this.nextAt) return false;
    this.nextAt = (Math.floor(lastSeq / this.every) + 1) * this.every;
    return true;
  }
}

export type RuntimeStageOptions = {
  /** Null: no checkpoints (a resume's replay of committed lines writes nothing). */
  schedule: CheckpointSchedule | null;
  knownVerdict?: (seq: number) => RejectionReason | null | undefined;
};

export async function runtimeStage(input: BoundedQueue<RunBatch>, out: BoundedQueue<RuntimeOutput>, runtime: ShardedRuntime, opts: RuntimeStageOptions): Promise<void> {
  for await (const cols of input) {
    const sent = cols.shardIndex.length;
    const verdicts = sent > 0 ? (await runtime.enqueue(cols.lines)).verdicts : Promise.resolve([]);
    // Awaited later, in order, by the commit stage: a failure fails the queue at once.
    out.failOn(verdicts);
    const known = knownVerdicts(cols, opts.knownVerdict);
    const verified = known ? verdicts.then((vs) => compareKnown(cols, known, vs)) : null;
    if (verified) out.failOn(verified);
    let checkpoint: TakenCheckpoint | null = null;
    if (opts.schedule?.due(cols.lastSeq)) {
      // The runtime answers for every batch sent so far: every event through cols.lastSeq
      // that reached the participants (its throughSeq is the last of those; lines the log
      // checks rejected after it change no participant).
      checkpoint = {
        kind: 'checkpoint',
        seq: cols.lastSeq,
        line: cols.lastLine,
        clock: cols.clock,
        lastSent: sent > 0 ? cols.seq0 + cols.shardIndex[sent - 1] : 0,
        delta: runtime.checkpoint(),
        counts: runtime.statusCounts(),
      };
      out.failOn(checkpoint.delta);
      out.failOn(checkpoint.counts);
    }
    await out.push({ kind: 'batch', cols, verdicts, known, verified });
    if (checkpoint) await out.push(checkpoint);
  }
  out.close();
}

/** The source's verdicts of a batch's participant events, when it knows every one. */
function knownVerdicts(cols: RunBatch, known: RuntimeStageOptions['knownVerdict']): (RejectionReason | null)[] | null {
  if (!known) return null;
  const out: (RejectionReason | null)[] = [];
  for (const i of cols.shardIndex) {
    const v = known(cols.seq0 + i);
    if (v === undefined) return null;
    out.push(v);
  }
  return out;
}

/** The workers' verdicts must be the source's: a difference is a bug in one of them, and fails the run. */
function compareKnown(cols: RunBatch, known: (RejectionReason | null)[], vs: BatchVerdicts): void {
  for (let k = 0; k < vs.length; k++) {
    if (vs[k] !== known[k]) throw new Error(`line ${cols.seq0 + cols.shardIndex[k]}: the participants' rules give ${vs[k] ?? 'applied'}, the source judged it ${known[k] ?? 'applied'}`);
  }
}
