// The participant half of processing (spec §3.10 checks 5–7, the rules and the
// deadlines): every participant is an actor of the XState participant machine. Used by
// single-thread replay and inside every worker shard: it holds no state but its
// participants, so sharding by participant id gives exactly the single-thread results.
//
// The participants of a table are hosted actors: one XState actor (the session) owns
// the actor scope, and each participant is the machine's snapshot, stepped by the
// machine's own transition function in that scope. This is what `actor.send` does
// inside XState, minus the per-actor mailbox, observers and system registration, which
// a participant never uses (its machine has no timers, children or side effects) and
// which made an idle participant cost 2.6 KB instead of about 0.6 KB (measured with
// 50,000 participants): at 100,000 participants the difference is both memory and the
// garbage collector's marking time (about a fifth of a shard's CPU).
//
// The machine models each participant's lifecycle (its states are the statuses); the
// rules' state of a participant lives in its actor's context. The table applies the rules
// to that state in place and steps the actor only when the lifecycle moves (a status
// changes). An event that keeps the status would be the machine's self-loop, whose only
// effect is a new snapshot holding a copy of the state: one for most events of a replay,
// and with the copies, most of its garbage. A state must still be copied when someone
// else may hold it (see `owned`); its new snapshot is the self-loop's, resolved without a
// transition (`withContext`).
import { createActor, createMachine, type ActorScope, type SnapshotFrom } from 'xstate';
import type { CompiledHunt } from '../hunt/compile';
import type { HuntEvent, ParticipantResult, ParticipantStatus, RejectionReason } from '../log/types';
import { compileParticipantLogic, type ParticipantMachine, type ParticipantMachineEvent } from '../machine/participant-machine';
import { advanceTo, applyEvent, participantResult, type EventOutcome, type ParticipantState } from '../rules';
import { isPending, ownCopy, type MakeDraft } from '../rules/state';
import { compareCodePoints } from './order';
import { encodeParticipantState, fromStored } from '../state/participant-state';

/**
 * JSON-serialisable: each participant's stored state in join order. `participants/2`:
 * the participant-state format (engine/state/participant-state.ts); `participants/1`
 * (read only): XState persisted snapshots, as written before it.
 */
export type TableSnapshot = { format: 'participants/1' | 'participants/2'; hunt: string; actors: unknown[] };

/** The session actor: owns the actor system and scope the participants run in. */
const sessionLogic = createMachine({ id: 'hunt-session' });

type ParticipantLogic = ReturnType<typeof compileParticipantLogic>;
const machines = new WeakMap<CompiledHunt, ParticipantLogic>();
function logicFor(h: CompiledHunt): ParticipantLogic {
  let m = machines.get(h);
  if (!m) machines.set(h, (m = compileParticipantLogic(h)));
  return m;
}

type ParticipantSnapshot = SnapshotFrom<ParticipantMachine>;
/** A captured participant: its snapshot at the capture and, once written, its stored form then. */
type CaptureSlot = { readonly snapshot: ParticipantSnapshot; json: string | null; readonly entry: Entry };
/**
 * What the table holds of one participant, found with one lookup of its id per event:
 * its actor's snapshot, and the bookkeeping that was three more hash lookups per changed
 * event (a state-keyed map, a weak set and the shard's set of changed ids).
 */
type Entry = {
  readonly id: string;
  /** The actor's current snapshot. */
  snapshot: ParticipantSnapshot;
  /**
   * The participant's state when this table may change it in place: one it made itself (at
   * the join, or as a copy) and has not handed out since; null otherwise. A state handed
   * out (`inspect`) or restored from a snapshot someone else may still hold is copied at
   * its next change, and the copy is the table's own again.
   */
  owned: ParticipantState | null;
  /** The capture of the current state not yet serialised, if any (see `capture`). */
  slot: CaptureSlot | null;
  /** Changed since the last `takeChanged` (when the table tracks changes). */
  changed: boolean;
};
/** A participant as `capture` took it (a CaptureSlot; opaque outside the table). */
export type CapturedParticipant = { readonly __captured: unique symbol };
type ParticipantScope = ActorScope<ParticipantSnapshot, ParticipantMachineEvent>;

/**
 * The participant machine is pure: its only actions are `assign`s, which XState applies
 * inside the transition. Anything that would need a live actor (an executed action, a
 * deferred one, an emitted event, a child) fails loudly here instead of being dropped.
 */
function sideEffect(what: string): never {
  throw new Error(`the participant machine must stay pure (assign actions only), but it tried to ${what}`);
}

/** An actor snapshot in status `error` holds what its machine threw: surface it, so a bug can never pass as a result. */
function checked(snapshot: ParticipantSnapshot): ParticipantSnapshot {
  if (snapshot.status === 'error') throw snapshot.error;
  return snapshot;
}

export class ParticipantTable {
  private readonly machine: ParticipantMachine;
  private readonly transitionKnown: ParticipantLogic['transitionKnown'];
  private readonly initialSnapshot: ParticipantLogic['initialSnapshot'];
  private readonly withContext: ParticipantLogic['withContext'];
  private readonly session = createActor(sessionLogic).start();
  private readonly scope: ParticipantScope;
  /** Each participant, by id, in join order. */
  private readonly actors = new Map<string, Entry>();
  /** Participants per status, kept up to date on every change (a count over all actors costs O(participants)). */
  private readonly counts: Record<ParticipantStatus, number> = { active: 0, finished: 0, timed_out: 0, quit: 0 };
  // A state captured for a checkpoint and not yet serialised (its entry's `slot`) goes on
  // being changed in place: its stored form is written just before its first change (see
  // `draft`), so the checkpoint still gets the captured moment. A copy per captured state
  // instead was, at 100,000 participants, one copy and one new snapshot for nearly every
  // event (each participant changes again only after a checkpoint has captured it), and
  // most of the garbage collector's work.
  /** Set by `draft` whenever the rules change a state (they ask for a draft exactly then). */
  private changedState = false;
  /** The participant the rules are being applied to (the one `draft` is asked about). */
  private current: Entry | null = null;
  /** How the rules get the state to change: the state itself when the table owns it, else an own copy. */
  private readonly draft: MakeDraft = Object.assign(
    (s: ParticipantState): ParticipantState => {
      this.changedState = true;
      const entry = this.current!;
      const slot = entry.slot;
      if (slot !== null && slot.snapshot.context.participant === s) this.serialise(slot);
      if (entry.owned === s) return s;
      const copy = ownCopy(s);
      entry.owned = copy;
      return copy;
    },
    { ownsArrays: true },
  );
  /** Participants changed since the last `takeChanged`, each once (null: not tracked). */
  private readonly changedIds: string[] | null;

  /** `trackChanges`: keep the ids of the participants changed since the last `takeChanged` (a shard's checkpoint delta). */
  constructor(
    private readonly h: CompiledHunt,
    trackChanges = false,
  ) {
    this.changedIds = trackChanges ? [] : null;
    ({ machine: this.machine, transitionKnown: this.transitionKnown, initialSnapshot: this.initialSnapshot, withContext: this.withContext } = logicFor(h));
    this.scope = {
      self: this.session as unknown as ParticipantScope['self'],
      id: 'participant',
      sessionId: this.session.sessionId,
      logger: () => {},
      defer: () => sideEffect('defer an action'),
      emit: () => sideEffect('emit an event'),
      system: this.session.system,
      stopChild: () => sideEffect('stop a child actor'),
      actionExecutor: (action) => sideEffect(`execute the action "${action.type}"`),
    };
  }

  get size(): number {
    return this.actors.size;
  }

  /** Whether participant `id` has joined. */
  has(id: string): boolean {
    return this.actors.has(id);
  }

  /**
   * Whether the last `apply()` changed its participant's state (a join that created it
   * counts), read by the sharded runtime to find the participants to checkpoint without a
   * second lookup per event.
   */
  lastApplyChanged = false;

  /**
   * Applies one event that passed the log checks; returns its rejection reason or null.
   * `joinIndex` (for a join): J of hunt-v2 §3.6, the joins applied before it in the whole
   * log. A table holding every participant knows it (its size); a shard is told.
   */
  apply(e: HuntEvent, joinIndex?: number): RejectionReason | null {
    const entry = this.actors.get(e.p);
    this.lastApplyChanged = false;
    if (e.type === 'join') {
      if (entry) return 'duplicate-join';
      const input = this.h.hasGroups ? { join: e, joinIndex: joinIndex ?? this.actors.size } : e;
      const created = checked(this.initialSnapshot(input));
      const state = created.context.participant;
      this.counts[state.status]++;
      const joined: Entry = { id: e.p, snapshot: created, owned: state, slot: null, changed: false };
      this.actors.set(e.p, joined);
      this.markChanged(joined);
      this.lastApplyChanged = true;
      return null;
    }
    if (!entry) return 'unknown-participant';
    this.changedState = false;
    this.current = entry;
    const o = applyEvent(this.h, entry.snapshot.context.participant, e, this.draft);
    // Unchanged (most GPS pings, every rejection): the machine would only record the
    // transient `rejection`, so its actor is not stepped at all.
    if (!this.changedState) return o.rejection;
    this.lastApplyChanged = true;
    this.settle(entry, e, o);
    return o.rejection;
  }

  /**
   * After the rules changed a participant's state: its actor takes the transition to the
   * status they reached when its lifecycle moved, or to a snapshot holding the copy they
   * made; otherwise the state changed in place is already its snapshot's.
   */
  private settle(entry: Entry, event: ParticipantMachineEvent, o: EventOutcome): void {
    this.markChanged(entry);
    const snapshot = entry.snapshot;
    const from = snapshot.value as ParticipantStatus;
    if (o.state.status === from) {
      // The status kept: in place there is nothing to do; a copy goes into the snapshot of the machine's self-loop.
      if (o.state !== snapshot.context.participant) entry.snapshot = this.withContext(snapshot, o);
      return;
    }
    entry.snapshot = checked(this.transitionKnown(snapshot, event, o, this.scope));
    this.recount(from, o.state.status);
  }

  private markChanged(entry: Entry): void {
    if (this.changedIds === null || entry.changed) return;
    entry.changed = true;
    this.changedIds.push(entry.id);
  }

  /** The participants changed since the previous call (joined, or their state changed), each once, in the order they first changed; needs `trackChanges`. */
  takeChanged(): string[] {
    if (this.changedIds === null) throw new Error('ParticipantTable.takeChanged: the table was made without trackChanges');
    const ids = this.changedIds.splice(0);
    for (const id of ids) this.actors.get(id)!.changed = false;
    return ids;
  }

  /**
   * Applies events of ONE participant, in log order: the same verdicts and state as
   * `apply` on each in turn; `lastApplyChanged` tells whether any of them changed it.
   */
  applyOwn(events: readonly HuntEvent[]): (RejectionReason | null)[] {
    const verdicts: (RejectionReason | null)[] = new Array(events.length);
    let changed = false;
    for (let k = 0; k < events.length; k++) {
      verdicts[k] = this.apply(events[k]);
      changed ||= this.lastApplyChanged;
    }
    this.lastApplyChanged = changed;
    return verdicts;
  }

  /** Participants per status (a copy). */
  statusCounts(): Record<ParticipantStatus, number> {
    return { ...this.counts };
  }

  private recount(from: ParticipantStatus, to: ParticipantStatus): void {
    if (from === to) return;
    this.counts[from]--;
    this.counts[to]++;
  }

  /** Applies a batch in order; the result depends only on the events, never on how they are batched. */
  applyBatch(events: readonly HuntEvent[]): (RejectionReason | null)[] {
    return events.map((e) => this.apply(e));
  }

  /** Applies every deadline ≤ endTime to every participant (end of log or `--until`); returns the ids of those it changed, in join order. */
  finalize(endTime: number): string[] {
    const advance = { type: 'advance' as const, t: endTime };
    const changed: string[] = [];
    for (const entry of this.actors.values()) {
      // Deadlines apply only while active (the machine's other states ignore `advance`).
      if (entry.snapshot.value !== 'active') continue;
      this.changedState = false;
      this.current = entry;
      const state = advanceTo(this.h, entry.snapshot.context.participant, endTime, this.draft);
      if (!this.changedState) continue;
      this.settle(entry, advance, { state, rejection: null });
      changed.push(entry.id);
    }
    return changed;
  }

  /** Results sorted by id in code-point order. */
  results(): ParticipantResult[] {
    const out: ParticipantResult[] = [];
    for (const { snapshot } of this.actors.values()) out.push(participantResult(this.h, snapshot.context.participant));
    return out.sort((a, b) => compareCodePoints(a.id, b.id));
  }

  /** hunt/2: each participant's number of pending judged steps, only those with any (in join order). */
  pendingCounts(): Map<string, number> {
    const out = new Map<string, number>();
    if (!this.h.v2) return out;
    for (const [id, { snapshot }] of this.actors) {
      const s = snapshot.context.participant;
      let n = 0;
      for (let i = 0; i < this.h.steps.length; i++) if (isPending(s, i)) n++;
      if (n > 0) out.set(id, n);
    }
    return out;
  }

  /** The participant's state now; it stays as it is (the table copies it before changing it). */
  inspect(id: string): ParticipantState | undefined {
    const entry = this.actors.get(id);
    if (!entry) return undefined;
    const s = entry.snapshot.context.participant;
    if (entry.owned === s) entry.owned = null;
    return s;
  }

  /** The XState state value of a participant's actor (equals its status). */
  stateValue(id: string): string | undefined {
    return this.actors.get(id)?.snapshot.value as string | undefined;
  }

  /** Participant ids in join order. */
  ids(): string[] {
    return [...this.actors.keys()];
  }

  /** Every participant's stored state (engine/state/participant-state.ts), in join order: plain JSON data. */
  persist(): TableSnapshot {
    const actors: unknown[] = [];
    for (const { snapshot } of this.actors.values()) actors.push(JSON.parse(this.encodeSnapshot(snapshot)));
    return { format: 'participants/2', hunt: this.h.id, actors };
  }

  /**
   * One participant's stored state (an element of `persist().actors`), for per-participant
   * checkpoint deltas in the sharded runtime. Undefined for an unknown id.
   */
  persistParticipant(id: string): unknown {
    const json = this.persistedJson(id);
    return json === undefined ? undefined : JSON.parse(json);
  }

  /**
   * A participant's stored state as JSON text (engine/state/participant-state.ts), or
   * undefined for an unknown id. It holds the participant's state and nothing of the
   * context's transient `rejection` (the verdict of the last event sent, overwritten
   * before it is ever read again), so it depends only on the participant's state, not on
   * when it was taken (checkpoint deltas of the sharded runtime).
   */
  persistedJson(id: string): string | undefined {
    const entry = this.actors.get(id);
    return entry && this.encodeSnapshot(entry.snapshot);
  }

  /**
   * A participant as it is now, for `persistedJsonOf` later: serialising it gives this
   * moment's state whatever events are applied in between (the table writes its stored
   * form before changing it, see `captured`), so a checkpoint is captured at once and
   * serialised in slices between later batches.
   */
  capture(id: string): CapturedParticipant | undefined {
    const entry = this.actors.get(id);
    if (!entry) return undefined;
    const snapshot = entry.snapshot;
    // Captured again unchanged (by a later checkpoint): the same moment, the same slot.
    // A slot of an earlier state is let go: that state was copied, not changed, since.
    let slot = entry.slot;
    if (slot === null || slot.snapshot.context.participant !== snapshot.context.participant) entry.slot = slot = { snapshot, json: null, entry };
    return slot as unknown as CapturedParticipant;
  }

  /** `persistedJson` of a participant as captured. */
  persistedJsonOf(captured: CapturedParticipant): string {
    const slot = captured as unknown as CaptureSlot;
    return slot.json ?? this.serialise(slot);
  }

  /** Writes a captured participant's stored form (before its state changes, or when its checkpoint asks). */
  private serialise(slot: CaptureSlot): string {
    if (slot.entry.slot === slot) slot.entry.slot = null;
    return (slot.json = this.encodeSnapshot(slot.snapshot));
  }

  /**
   * The stored form of an actor snapshot. The participant machine has no children, no
   * history and no final state, and its state value is the participant's status, so the
   * participant's state is the whole of what the actor holds: an actor in any other shape
   * means the machine changed, and is refused rather than stored without what it added.
   */
  private encodeSnapshot(s: ParticipantSnapshot): string {
    const participant = s.context.participant;
    if (s.status !== 'active' || s.value !== participant.status || !isEmpty(s.historyValue) || !isEmpty(s.children)) {
      throw new Error(
        `participant "${participant.id}": its actor (status ${s.status}, state ${JSON.stringify(s.value)}) is not what the participant-state format stores: ` +
          'a running actor whose state is the participant\'s status, without history or children',
      );
    }
    return encodeParticipantState(this.h, participant);
  }

  /**
   * A table from `persist()`'s output: its stored states, each in the current format or
   * as written before it (`participants/1`: XState persisted snapshots), both read by
   * engine/state/participant-state.ts.
   */
  static restore(h: CompiledHunt, snap: TableSnapshot): ParticipantTable {
    if ((snap.format !== 'participants/1' && snap.format !== 'participants/2') || snap.hunt !== h.id) {
      throw new Error(`ParticipantTable.restore: snapshot is for hunt "${snap.hunt}" (${snap.format}), not "${h.id}"`);
    }
    return ParticipantTable.fromStates(h, snap.actors.map((stored) => fromStored(h, stored)));
  }

  /**
   * A table holding these participant states, each a restored actor of the participant
   * machine: XState's `machine.resolveState` makes the actor snapshot of the state value
   * (the status) and context, the snapshot `createActor(machine, { snapshot })` would
   * start from. A later state of the same participant replaces an earlier one.
   */
  static fromStates(h: CompiledHunt, states: readonly ParticipantState[], trackChanges = false): ParticipantTable {
    const table = new ParticipantTable(h, trackChanges);
    for (const participant of states) {
      const snapshot = checked(table.machine.resolveState({ value: participant.status, context: { participant, rejection: null } }));
      const replaced = table.actors.get(participant.id);
      if (replaced) table.counts[replaced.snapshot.context.participant.status]--;
      // Not owned: whoever gave the states may still hold them.
      table.actors.set(participant.id, { id: participant.id, snapshot, owned: null, slot: null, changed: false });
      table.counts[participant.status]++;
    }
    return table;
  }

  /** Releases the table (unusable afterwards): stops the session actor and drops the participants. */
  dispose(): void {
    this.session.stop();
    this.actors.clear();
    for (const k of Object.keys(this.counts) as ParticipantStatus[]) this.counts[k] = 0;
  }
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}
