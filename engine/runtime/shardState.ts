// What one worker thread holds: the ParticipantTable of its shard plus the set of
// participants changed since the last checkpoint (the checkpoint delta). Plain code,
// no threads, so it can also be tested and used in-process.
import { compileHunt, type CompiledHunt } from '../hunt/compile';
import type { Hunt } from '../hunt/schema';
import type { HuntEvent, ParticipantResult, RejectionReason } from '../log/types';
import { ParticipantTable, type CapturedParticipant } from '../replay/participants';
import { compareCodePoints } from '../replay/order';
import type { ParticipantView, ShardWorkerApi, StatusCounts, WireBatch } from './types';

/** The worker API's state, in-process; its checkpoint gives the entries (the worker encodes them to cross threads). */
export class ShardState implements Omit<ShardWorkerApi, 'checkpoint'> {
  private readonly h: CompiledHunt;
  private table: ParticipantTable;
  private loaded = false;
  private readonly changed = new Set<string>();

  constructor(hunt: Hunt) {
    this.h = compileHunt(hunt);
    this.table = new ParticipantTable(this.h);
  }

  load(states: { p: string; json: string }[]): void {
    // Loading replaces the table, so it must come before any event.
    if (this.loaded || this.table.size > 0) throw new Error('ShardState.load: the shard already holds participants');
    this.loaded = true;
    if (states.length === 0) return;
    const actors = states.map((s) => {
      try {
        return JSON.parse(s.json) as unknown;
      } catch (err) {
        throw new Error(`ShardState.load: the snapshot of participant "${s.p}" is not valid JSON (${(err as Error).message})`);
      }
    });
    this.table = ParticipantTable.restore(this.h, { format: 'participants/1', hunt: this.h.id, actors });
    for (const s of states) {
      if (this.table.inspect(s.p) === undefined) {
        throw new Error(`ShardState.load: the snapshot given for participant "${s.p}" holds another participant`);
      }
    }
  }

  applyBatch(batch: WireBatch): (RejectionReason | null)[] {
    const events = wireEvents(batch);
    const out = new Array<RejectionReason | null>(events.length);
    for (let i = 0; i < events.length; i++) out[i] = this.apply(events[i]);
    return out;
  }

  apply(e: HuntEvent): RejectionReason | null {
    // The table tells whether the participant's state object changed (the rules return the
    // same object when nothing changed): exactly the participants to checkpoint.
    const rejection = this.table.apply(e);
    if (this.table.lastApplyChanged) this.changed.add(e.p);
    return rejection;
  }

  finalize(endTime: number): void {
    const ids = this.table.ids();
    const before = ids.map((id) => this.table.inspect(id));
    this.table.finalize(endTime);
    ids.forEach((id, i) => {
      if (this.table.inspect(id) !== before[i]) this.changed.add(id);
    });
  }

  /** Sorted by id (code-point order) here, in the worker, so the main thread only merges the shards' lists. */
  checkpoint(): { p: string; json: string }[] {
    const captured = this.capture();
    return captured.map(([p, snapshot]) => ({ p, json: this.table.persistedJsonOf(snapshot) }));
  }

  /**
   * The same delta as `checkpoint()`, captured now and serialised `slice` participants at a
   * time, yielding to the thread's event loop in between: a worker takes the batches sent
   * after the checkpoint while it serialises (tens of thousands of snapshots at 100k
   * participants took 40–60 ms in one go, every waiting event's commit latency). Captured
   * snapshots are immutable, so the result is the state at the call.
   */
  async checkpointInSlices(slice: number, yieldNow: () => Promise<void>): Promise<{ p: string; json: string }[]> {
    const captured = this.capture();
    const out = new Array<{ p: string; json: string }>(captured.length);
    for (let i = 0; i < captured.length; i++) {
      if (i % slice === 0) await yieldNow();
      const [p, snapshot] = captured[i];
      out[i] = { p, json: this.table.persistedJsonOf(snapshot) };
    }
    return out;
  }

  /** The participants changed since the previous checkpoint with their snapshots now, sorted by id; clears the change set. */
  private capture(): [string, CapturedParticipant][] {
    const captured: [string, CapturedParticipant][] = [];
    for (const p of this.changed) captured.push([p, this.table.capture(p) as CapturedParticipant]);
    this.changed.clear();
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

  get size(): number {
    return this.table.size;
  }
}

/** The events of a batch; lines passed the log checks on the sending side, so each parses to a valid event. */
export function wireEvents(batch: WireBatch): HuntEvent[] {
  if (Array.isArray(batch)) return batch;
  const lines = batch.lines.split('\n');
  if (lines.length !== batch.n) throw new Error(`applyBatch: ${lines.length} lines received, ${batch.n} announced`);
  return lines.map((line) => JSON.parse(line) as HuntEvent);
}
