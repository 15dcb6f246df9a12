// The XState v5 machine whose actors ARE the participants. Top-level states are
// the participant statuses of spec §3; guards and assign actions call the plain
// rules in engine/rules, so the machine and the reference rules cannot disagree.
//
// Time is virtual: every event carries its own `t`, and deadlines are applied by
// the rules from those times (before each event, and by an `advance` event at the
// end of the log). There are no `after` timers, no wall clock, no randomness,
// so an actor restored from a persisted snapshot behaves exactly like one that
// never stopped.
import { assign, setup, type ActorScope, type SnapshotFrom } from 'xstate';
import type { CompiledHunt } from '../hunt/compile';
import type { HuntEvent, JoinEvent, ParticipantStatus, RejectionReason } from '../log/types';
import { advanceTo, applyEvent, joinParticipant, type EventOutcome, type ParticipantState } from '../rules';

export type ParticipantContext = {
  participant: ParticipantState;
  /** Why the last event sent was rejected, or null when it applied. Read right after each send. */
  rejection: RejectionReason | null;
};

/**
 * What creates a participant: its join, and for a hunt with rotation groups J, the number
 * of joins applied before it in the whole log (hunt-v2 §3.6; a sharded runtime's worker
 * sees only its own participants, so the main thread counts and passes it).
 */
export type JoinInput = JoinEvent | { join: JoinEvent; joinIndex: number };

/** Applies every deadline ≤ t (the end of the log, or `--until`). Never rejected. */
export type AdvanceEvent = { type: 'advance'; t: number };
export type ParticipantMachineEvent = HuntEvent | AdvanceEvent;

type Args = { context: ParticipantContext; event: ParticipantMachineEvent };

/** The state a participant's actor starts in. */
const INITIAL = 'active';

export function compileMachine(h: CompiledHunt) {
  return compileParticipantLogic(h).machine;
}

/**
 * The machine, `transitionKnown` (its transition for an outcome of the rules the caller
 * computed itself) and `initialSnapshot` (a join's first snapshot). The participant table
 * applies the rules first, in place on the participant's state it owns, and steps the actor
 * only when the participant's lifecycle moves (its status changes) or its state had to be
 * copied (see ParticipantTable); the guards then find that outcome instead of applying the
 * rules twice.
 */
export function compileParticipantLogic(h: CompiledHunt) {
  // The outcome of the rules for one (context, event) pair. The transition's guards
  // ask what status an event leads to and its action applies the same outcome; the
  // rules are pure, so computing them once per pair and reusing the result is only
  // a cache (keyed by identity: a new event or context always recomputes).
  let lastContext: ParticipantContext | null = null;
  let lastEvent: ParticipantMachineEvent | null = null;
  let lastOutcome: EventOutcome | null = null;
  function outcome({ context, event }: Args): EventOutcome {
    if (context !== lastContext || event !== lastEvent) {
      lastOutcome =
        event.type === 'advance' ? { state: advanceTo(h, context.participant, event.t), rejection: null } : applyEvent(h, context.participant, event);
      lastContext = context;
      lastEvent = event;
    }
    return lastOutcome!;
  }
  const leadsTo = (status: ParticipantStatus) => (args: Args) => outcome(args).state.status === status;

  /** The context a participant's actor starts with: its join, applied by the rules. */
  const initialContext = (input: JoinInput): ParticipantContext => ({
    participant: 'join' in input ? joinParticipant(h, input.join, input.joinIndex) : joinParticipant(h, input),
    rejection: null,
  });

  // Every event in `active`: stay while the rules keep P active (checked first: the
  // common case costs one guard), otherwise move to the status the rules computed.
  // A passed deadline can time P out even on an event that is then rejected.
  const byOutcome = [
    { guard: 'staysActive', actions: 'applyRules' },
    { guard: 'leadsToFinished', target: 'finished', actions: 'applyRules' },
    { guard: 'leadsToTimedOut', target: 'timed_out', actions: 'applyRules' },
    { target: 'quit', actions: 'applyRules' },
  ] as const;

  const ended = {
    join: { actions: 'rejectDuplicateJoin' },
    advance: {},
    judge: { actions: 'applyRules' },
    adjust: { actions: 'applyRules' },
    '*': { actions: 'rejectNotActive' },
  } as const;

  const machine = setup({
    types: {} as {
      context: ParticipantContext;
      events: ParticipantMachineEvent;
      input: JoinInput;
    },
    actions: {
      applyRules: assign((args) => {
        const { state, rejection } = outcome(args);
        return { participant: state, rejection };
      }),
      // Check 5 comes before check 6: a second join is a duplicate whatever P's status.
      rejectDuplicateJoin: assign({ rejection: 'duplicate-join' as RejectionReason }),
      rejectNotActive: assign({ rejection: 'participant-not-active' as RejectionReason }),
    },
    guards: {
      staysActive: leadsTo('active'),
      leadsToFinished: leadsTo('finished'),
      leadsToTimedOut: leadsTo('timed_out'),
    },
  }).createMachine({
    id: 'participant',
    context: ({ input }) => initialContext(input),
    initial: INITIAL,
    states: {
      active: {
        on: {
          join: byOutcome,
          answer: byOutcome,
          scan: byOutcome,
          position: byOutcome,
          hint: byOutcome,
          quit: byOutcome,
          choose: byOutcome,
          submit: byOutcome,
          judge: byOutcome,
          adjust: byOutcome,
          extend: byOutcome,
          advance: byOutcome,
        },
      },
      // Deadlines apply only while active, so the other states ignore `advance`. The
      // organiser's judge and adjust still apply there (hunt-v2 §3.4): the rules change the
      // step and the score but never the status.
      finished: { on: { ...ended } },
      timed_out: { on: { ...ended } },
      quit: { on: { ...ended } },
    },
  });
  /**
   * The machine's transition of `snapshot` by `event` when the caller has already applied
   * the rules (to a state it owns, in place): the guards and the action take `known` as
   * the outcome of this (context, event) pair instead of applying the rules again.
   */
  function transitionKnown(
    snapshot: SnapshotFrom<typeof machine>,
    event: ParticipantMachineEvent,
    known: EventOutcome,
    scope: ActorScope<SnapshotFrom<typeof machine>, ParticipantMachineEvent>,
  ): SnapshotFrom<typeof machine> {
    lastContext = snapshot.context;
    lastEvent = event;
    lastOutcome = known;
    try {
      return machine.transition(snapshot, event, scope);
    } finally {
      lastContext = lastEvent = lastOutcome = null;
    }
  }
  /**
   * A participant's first snapshot: the machine's initial state with the context its
   * context function gives for the join, resolved by the machine. `getInitialSnapshot`
   * reaches the same snapshot through a pre-initial state and an initial microstep, which
   * for this machine (no entry actions, no eventless transitions, no children) do nothing
   * more and cost 4–6 times as much per participant (docs/performance.md); the machine's
   * tests check that both give the same snapshot.
   */
  function initialSnapshot(input: JoinInput): SnapshotFrom<typeof machine> {
    return machine.resolveState({ value: INITIAL, context: initialContext(input) });
  }
  /**
   * The snapshot the self-loop of `snapshot`'s state gives when the rules kept the status
   * but changed a copy of the state (`applyRules` in the same state, no entry or exit
   * actions, nothing else): the same state value with the new context, resolved by the
   * machine. A transition computes the same through its microstep machinery at several
   * times the cost, and at 100,000 participants nearly every changed state is a copy (the
   * previous one was captured by a checkpoint); the machine's tests check both agree.
   */
  function withContext(snapshot: SnapshotFrom<typeof machine>, known: EventOutcome): SnapshotFrom<typeof machine> {
    return machine.resolveState({ value: snapshot.value, context: { participant: known.state, rejection: known.rejection } });
  }
  return { machine, transitionKnown, initialSnapshot, withContext };
}

export type ParticipantMachine = ReturnType<typeof compileMachine>;
