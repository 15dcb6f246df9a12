// What one worker thread holds: the ParticipantTable of its shard, which also keeps the
// participants changed since the last checkpoint (the checkpoint delta). Plain code, no
// threads, so it can also be tested and used in-process.
import { compileHunt, type CompiledHunt } from '../hunt/compile';
import type { Hunt } from '../hunt/schema';
import type { HuntEvent, ParticipantResult, RejectionReason } from '../log/types';
import { ParticipantTable, type CapturedParticipant } from '../replay/participants';
import { compareCodePoints } from '../replay/order';
import type { ParticipantView, ShardWorkerApi, StatusCounts } from './types';
import { checkLineBatch, eventsOf, type LineBatch } from '../batch/lineBatch';
import { fromStored } from '../state/participant-state';

type PendingCheckpoint = {
  captured: [string, CapturedParticipant][];
  out: { p: string; json: string }[];
  next: number;
  resolve: (entries: { p: string; json: string }[]) => void;
  reject: (err: Error) => void;
};

/** The worker API's state, in-process; its checkpoint gives the entries (the worker encodes them to cross threads). */
export class ShardState implements Omit<ShardWorkerApi, 'checkpoint'> {
  private readonly h: CompiledHunt;
  private table: ParticipantTable;
  private loaded = false;

  constructor(hunt: Hunt) {
    this.h = compileHunt(hunt);
    // The table keeps the participants changed since the last checkpoint: the checkpoint delta.
    this.table = new ParticipantTable(this.h, true);
  }

  load(states: { p: string; json: string }[]): void {
    // Loading replaces the table, so it must come before any event.
    if (this.loaded || this.table.size > 0) throw new Error('ShardState.load: the shard already holds participants');
    this.loaded = true;
    if (states.length === 0) return;
    // Each state as stored by a checkpoint, in the participant-state format or as an XState
    // snapshot written before it (engine/state/participant-state.ts reads both).
    const parsed = states.map((s) => {
      let stored: unknown;
      try {
        stored = JSON.parse(s.json);
      } catch (err) {
        throw new Error(`ShardState.load: the snapshot of participant "${s.p}" is not valid JSON (${(err as Error).message})`);
      }
      const state = fromStored(this.h, stored, s.p);
      if (state.id !== s.p) throw new Error(`ShardState.load: the snapshot given for participant "${s.p}" holds another participant ("${state.id}")`);
      return state;
    });
    this.table = ParticipantTable.fromStates(this.h, parsed, true);
  }

  /** A batch as received from another thread, or events parsed already (in-process callers). */
  applyBatch(batch: LineBatch | readonly HuntEvent[], joins?: number[]): (RejectionReason | null)[] {
    const events = batchEvents(batch);
    const out = new Array<RejectionReason | null>(events.length);
    let nextJoin = 0;
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      out[i] = joins && e.type === 'join' ? this.apply(e, joins[nextJoin++]) : this.apply(e);
    }
    // A checkpoint still being serialised when the next one is asked for advances with the events (see checkpointInSlices).
    if (this.serialising.length > 1) this.serialiseSome(events.length);
    return out;
  }

  /** `joinIndex`: a join's J (hunt-v2 §3.6), given by the main thread for hunts with rotation groups. */
  apply(e: HuntEvent, joinIndex?: number): RejectionReason | null {
    return this.table.apply(e, joinIndex);
  }

  finalize(endTime: number): void {
    this.table.finalize(endTime);
  }

  /** Sorted by id (code-point order) here, in the worker, so the main thread only merges the shards' lists. */
  checkpoint(): { p: string; json: string }[] {
    const captured = this.capture();
    return captured.map(([p, snapshot]) => ({ p, json: this.table.persistedJsonOf(snapshot) }));
  }

  /** Checkpoints captured and not yet fully serialised, oldest first. */
  private readonly serialising: PendingCheckpoint[] = [];

  /**
   * The same delta as `checkpoint()`, captured now and serialised a part at a time:
   * `slice` participants per turn of the thread's event loop (`yieldNow`). A worker thus
   * takes the batches sent after the checkpoint while it serialises (in one go, serialising
   * tens of thousands of snapshots added to every waiting event's commit latency).
   * A captured participant is written before its state next changes (ParticipantTable.capture),
   * so the result is the state at the call.
   *
   * A saturated worker gets few free turns: when the next checkpoint is asked for before
   * this one is written, every batch also writes as many snapshots as it has events, so at
   * most two checkpoints are ever pending (on turns alone, a saturated worker fell several
   * checkpoints behind, and the old snapshots each one holds piled up until the heap ran
   * out). Doing that for every checkpoint made each batch cost twice as much meanwhile
   * (docs/performance.md, "Sharded runtime").
   *
   * Checkpoints resolve in the order they were asked for: the main thread's recovery base
   * takes each delta as the newest state of its participants and drops the calls before
   * it, so a small checkpoint answered before a big earlier one would leave older
   * snapshots on top (found at 100k participants with one worker: a rebuilt shard replayed
   * the tail onto stale states).
   */
  checkpointInSlices(slice: number, yieldNow: () => Promise<void>): Promise<{ p: string; json: string }[]> {
    const captured = this.capture();
    return new Promise((resolve, reject) => {
      this.serialising.push({ captured, out: new Array(captured.length), next: 0, resolve, reject });
      if (this.serialising.length === 1) void this.serialiseOnTurns(slice, yieldNow);
    });
  }

  private async serialiseOnTurns(slice: number, yieldNow: () => Promise<void>): Promise<void> {
    while (this.serialising.length > 0) {
      await yieldNow();
      this.serialiseSome(slice);
    }
  }

  /** Serialises up to `budget` snapshots of the pending checkpoints, oldest first, resolving each one completed. */
  private serialiseSome(budget: number): void {
    while (this.serialising.length > 0 && budget > 0) {
      const c = this.serialising[0];
      const to = Math.min(c.captured.length, c.next + budget);
      try {
        for (let i = c.next; i < to; i++) c.out[i] = { p: c.captured[i][0], json: this.table.persistedJsonOf(c.captured[i][1]) };
      } catch (err) {
        this.serialising.shift();
        c.reject(err as Error);
        continue;
      }
      budget -= to - c.next;
      c.next = to;
      if (c.next === c.captured.length) {
        this.serialising.shift();
        c.resolve(c.out);
      }
    }
  }

  /** The participants changed since the previous checkpoint (the table tracks them) with their snapshots now, sorted by id. */
  private capture(): [string, CapturedParticipant][] {
    const captured: [string, CapturedParticipant][] = [];
    for (const p of this.table.takeChanged()) captured.push([p, this.table.capture(p) as CapturedParticipant]);
    return captured.sort((a, b) => compareCodePoints(a[0], b[0]));
  }

  results(): ParticipantResult[] {
    return this.table.results();
  }

  inspect(p: string): ParticipantView | null {
    return this.table.inspect(p) ?? null;
  }

  statusCounts(): StatusCounts {
    return this.table.statusCounts();
  }

  pendingCounts(): Map<string, number> {
    return this.table.pendingCounts();
  }

  get size(): number {
    return this.table.size;
  }
}

/** The events of a batch, each line parsed once; its lines passed the log checks on the sending side, so each parses to a valid event. */
export function batchEvents(batch: LineBatch | readonly HuntEvent[]): readonly HuntEvent[] {
  if (Array.isArray(batch)) return batch;
  return eventsOf(checkLineBatch(batch as LineBatch, 'applyBatch'));
}
