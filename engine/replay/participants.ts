// The participant half of processing (spec §3.10 checks 5–7, the rules and the
// deadlines), one XState actor per participant. Used by single-thread replay and
// inside every worker shard: it holds no state but its participants, so sharding
// by participant id gives exactly the single-thread results.
import { createActor, createMachine, type Actor } from 'xstate';
import type { CompiledHunt } from '../hunt/compile';
import type { HuntEvent, ParticipantResult, ParticipantStatus, RejectionReason } from '../log/types';
import { compileParticipantLogic, type ParticipantMachine } from '../machine/participant-machine';
import { participantResult, type ParticipantState } from '../rules';
import { compareCodePoints } from './order';

/** JSON-serialisable: each participant actor's persisted snapshot, in join order. */
export type TableSnapshot = { format: 'participants/1'; hunt: string; actors: unknown[] };

// One do-nothing parent for all participant actors of a table: actors created with
// a parent share its actor system instead of each building its own, which halves
// the memory an actor costs (measured: ~3.8 KB alone, ~2 KB sharing a system).
const sessionLogic = createMachine({ id: 'hunt-session' });

type ParticipantLogic = ReturnType<typeof compileParticipantLogic>;
const machines = new WeakMap<CompiledHunt, ParticipantLogic>();
function logicFor(h: CompiledHunt): ParticipantLogic {
  let m = machines.get(h);
  if (!m) machines.set(h, (m = compileParticipantLogic(h)));
  return m;
}

type ParticipantActor = Actor<ParticipantMachine>;

/**
 * An actor whose action threw is in status `error` and ignores every later event;
 * an actor with a parent reports that to the parent instead of throwing, and our
 * session parent ignores it. Surface it, so a bug can never pass as a result.
 */
function checked(actor: ParticipantActor) {
  const snapshot = actor.getSnapshot();
  if (snapshot.status === 'error') throw snapshot.error;
  return snapshot;
}

export class ParticipantTable {
  private readonly machine: ParticipantMachine;
  private readonly outcome: ParticipantLogic['outcome'];
  private readonly session = createActor(sessionLogic).start();
  // A failing participant passes its error to this parent, which then fails too and
  // would report it as an uncaught error later; `checked` throws it where it happened.
  private readonly sessionErrors = this.session.subscribe({ error: () => {} });
  private readonly actors = new Map<string, ParticipantActor>();
  /** Participants per status, kept up to date on every change (a count over all actors costs O(participants)). */
  private readonly counts: Record<ParticipantStatus, number> = { active: 0, finished: 0, timed_out: 0, quit: 0 };

  constructor(private readonly h: CompiledHunt) {
    ({ machine: this.machine, outcome: this.outcome } = logicFor(h));
  }

  get size(): number {
    return this.actors.size;
  }

  /**
   * Whether the last `apply()` changed its participant's state (a join that created it
   * counts). The rules return the same state object when nothing changed, so this is a
   * reference comparison, read by the sharded runtime to find the participants to checkpoint
   * without a second lookup per event.
   */
  lastApplyChanged = false;

  /** Applies one event that passed the log checks; returns its rejection reason or null. */
  apply(e: HuntEvent): RejectionReason | null {
    const actor = this.actors.get(e.p);
    this.lastApplyChanged = false;
    if (e.type === 'join') {
      if (actor) return 'duplicate-join';
      const created = createActor(this.machine, { input: e, parent: this.session }).start();
      this.counts[checked(created).context.participant.status]++;
      this.actors.set(e.p, created);
      this.lastApplyChanged = true;
      return null;
    }
    if (!actor) return 'unknown-participant';
    const snapshot = actor.getSnapshot();
    const before = snapshot.context.participant;
    if (snapshot.value === 'active') {
      // An event that leaves the participant as it is (most GPS pings, most rejections)
      // would only set the transient `rejection`: answer it without waking the actor.
      const o = this.outcome(snapshot.context, e);
      if (o.state === before) return o.rejection;
    }
    actor.send(e);
    const context = checked(actor).context;
    if (context.participant !== before) {
      this.lastApplyChanged = true;
      this.recount(before.status, context.participant.status);
    }
    return context.rejection;
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

  /** Applies every deadline ≤ endTime to every participant (end of log or `--until`). */
  finalize(endTime: number): void {
    const advance = { type: 'advance' as const, t: endTime };
    for (const actor of this.actors.values()) {
      const snapshot = actor.getSnapshot();
      const before = snapshot.context.participant.status;
      // No deadline passed: the actor would stay as it is.
      if (snapshot.value === 'active' && this.outcome(snapshot.context, advance).state === snapshot.context.participant) continue;
      actor.send(advance);
      this.recount(before, checked(actor).context.participant.status);
    }
  }

  /** Results sorted by id in code-point order. */
  results(): ParticipantResult[] {
    const out: ParticipantResult[] = [];
    for (const actor of this.actors.values()) out.push(participantResult(this.h, actor.getSnapshot().context.participant));
    return out.sort((a, b) => compareCodePoints(a.id, b.id));
  }

  inspect(id: string): ParticipantState | undefined {
    return this.actors.get(id)?.getSnapshot().context.participant;
  }

  /** The XState state value of a participant's actor (equals its status). */
  stateValue(id: string): string | undefined {
    return this.actors.get(id)?.getSnapshot().value as string | undefined;
  }

  /** Participant ids in join order. */
  ids(): string[] {
    return [...this.actors.keys()];
  }

  persist(): TableSnapshot {
    const actors: unknown[] = [];
    for (const actor of this.actors.values()) actors.push(actor.getPersistedSnapshot());
    // A round trip through JSON makes the snapshot independent of the live actors.
    return JSON.parse(JSON.stringify({ format: 'participants/1', hunt: this.h.id, actors })) as TableSnapshot;
  }

  /**
   * One participant's persisted actor snapshot (an element of `persist().actors`), for
   * per-participant checkpoint deltas in the sharded runtime. Undefined for an unknown id.
   */
  persistParticipant(id: string): unknown {
    return this.actors.get(id)?.getPersistedSnapshot();
  }

  /**
   * `JSON.stringify` of a participant's persisted snapshot with its transient `rejection`
   * cleared, byte for byte, or undefined for an unknown id. The context's `rejection` is
   * the verdict of the last event sent, overwritten before it is ever read again: left in,
   * a snapshot would depend on when it was taken (after a later rejected event that changed
   * nothing else); cleared, it depends only on the participant's state (checkpoint deltas
   * of the sharded runtime). The participant machine has no children, no history and no final state, so
   * its persisted snapshot is always the fixed shape below and is written directly:
   * XState's getPersistedSnapshot copies the snapshot and walks the context, which at
   * 100,000 participants costs about as much as applying the event. Any other shape
   * (should the machine change) takes the general path.
   */
  persistedJson(id: string): string | undefined {
    const actor = this.actors.get(id);
    if (!actor) return undefined;
    const s = actor.getSnapshot();
    const c = s.context;
    if (
      s.status === 'active' &&
      s.output === undefined &&
      s.error === undefined &&
      typeof s.value === 'string' &&
      isEmpty(s.historyValue) &&
      isEmpty(s.children) &&
      hasOnlyKeys(c, 'participant', 'rejection')
    ) {
      return `{"status":"active","value":${JSON.stringify(s.value)},"historyValue":{},"context":{"participant":${JSON.stringify(c.participant)},"rejection":null},"children":{}}`;
    }
    const persisted = actor.getPersistedSnapshot() as { context?: Record<string, unknown> };
    return JSON.stringify(persisted.context ? { ...persisted, context: { ...persisted.context, rejection: null } } : persisted);
  }

  static restore(h: CompiledHunt, snap: TableSnapshot): ParticipantTable {
    if (snap.format !== 'participants/1' || snap.hunt !== h.id) {
      throw new Error(`ParticipantTable.restore: snapshot is for hunt "${snap.hunt}" (${snap.format}), not "${h.id}"`);
    }
    const table = new ParticipantTable(h);
    for (const persisted of snap.actors) {
      // `input` is only used to build a fresh context; a restored actor takes its context from the snapshot.
      const options = { snapshot: persisted as never, parent: table.session, input: undefined as never };
      const actor = createActor(table.machine, options).start();
      const participant = actor.getSnapshot().context.participant;
      const replaced = table.actors.get(participant.id);
      if (replaced) table.counts[replaced.getSnapshot().context.participant.status]--;
      table.actors.set(participant.id, actor);
      table.counts[participant.status]++;
    }
    return table;
  }

  /**
   * Releases the table (unusable afterwards). Participant actors have no timers or
   * subscriptions, and XState lets only the root of a system be stopped, so stopping
   * the session and dropping the actors frees everything.
   */
  dispose(): void {
    this.sessionErrors.unsubscribe();
    this.session.stop();
    this.actors.clear();
    for (const k of Object.keys(this.counts) as ParticipantStatus[]) this.counts[k] = 0;
  }
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

function hasOnlyKeys(o: object, a: string, b: string): boolean {
  const keys = Object.keys(o);
  return keys.length === 2 && keys[0] === a && keys[1] === b;
}
