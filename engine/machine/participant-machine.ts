// The XState v5 machine whose actors ARE the participants. Top-level states are
// the participant statuses of spec §3; guards and assign actions call the plain
// rules in engine/rules, so the machine and the reference rules cannot disagree.
//
// Time is virtual: every event carries its own `t`, and deadlines are applied by
// the rules from those times (before each event, and by an `advance` event at the
// end of the log). There are no `after` timers, no wall clock, no randomness,
// so an actor restored from a persisted snapshot behaves exactly like one that
// never stopped.
import { assign, setup } from 'xstate';
import type { CompiledHunt } from '../hunt/compile';
import type { HuntEvent, JoinEvent, RejectionReason } from '../log/types';
import { advanceTo, applyEvent, joinParticipant, type ParticipantState } from '../rules';

export type ParticipantContext = {
  participant: ParticipantState;
  /** Why the last event sent was rejected, or null when it applied. Read right after each send. */
  rejection: RejectionReason | null;
};

/** Applies every deadline ≤ t (the end of the log, or `--until`). Never rejected. */
export type AdvanceEvent = { type: 'advance'; t: number };
export type ParticipantMachineEvent = HuntEvent | AdvanceEvent;

export function compileMachine(h: CompiledHunt) {
  return setup({
    types: {} as {
      context: ParticipantContext;
      events: ParticipantMachineEvent;
      input: JoinEvent;
    },
    actions: {
      applyRules: assign(({ context, event }) => {
        const outcome = applyEvent(h, context.participant, event as HuntEvent);
        return { participant: outcome.state, rejection: outcome.rejection };
      }),
      applyDeadlines: assign(({ context, event }) => ({
        participant: advanceTo(h, context.participant, (event as AdvanceEvent).t),
        rejection: null,
      })),
      // Check 5 comes before check 6: a second join is a duplicate whatever P's status.
      rejectDuplicateJoin: assign({ rejection: 'duplicate-join' as RejectionReason }),
      rejectNotActive: assign({ rejection: 'participant-not-active' as RejectionReason }),
    },
    guards: {
      isFinished: ({ context }) => context.participant.status === 'finished',
      isTimedOut: ({ context }) => context.participant.status === 'timed_out',
      hasQuit: ({ context }) => context.participant.status === 'quit',
    },
  }).createMachine({
    id: 'participant',
    context: ({ input }) => ({ participant: joinParticipant(h, input), rejection: null }),
    initial: 'active',
    states: {
      active: {
        on: {
          join: { actions: 'applyRules' },
          answer: { actions: 'applyRules' },
          scan: { actions: 'applyRules' },
          position: { actions: 'applyRules' },
          hint: { actions: 'applyRules' },
          quit: { actions: 'applyRules' },
          advance: { actions: 'applyDeadlines' },
        },
        // The rules decide the status (an answer may finish P, a passed deadline may
        // time P out before the event is even looked at); the state follows it.
        always: [
          { guard: 'isFinished', target: 'finished' },
          { guard: 'isTimedOut', target: 'timed_out' },
          { guard: 'hasQuit', target: 'quit' },
        ],
      },
      // Deadlines apply only while active, so the other states ignore `advance`.
      finished: { on: { join: { actions: 'rejectDuplicateJoin' }, advance: {}, '*': { actions: 'rejectNotActive' } } },
      timed_out: { on: { join: { actions: 'rejectDuplicateJoin' }, advance: {}, '*': { actions: 'rejectNotActive' } } },
      quit: { on: { join: { actions: 'rejectDuplicateJoin' }, advance: {}, '*': { actions: 'rejectNotActive' } } },
    },
  });
}

export type ParticipantMachine = ReturnType<typeof compileMachine>;
