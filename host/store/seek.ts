// The state of a stored run as of any event: the newest checkpointed snapshot of a
// participant at or before the newest checkpoint before that event, plus its own
// events after that checkpoint (at most K rows to scan) replayed through the same rules. Deadlines are applied up to the log
// clock at that event (as `--until` does), so a participant whose time ran out shows
// as timed out even if it sent nothing since.
import { compileHunt, type CompiledHunt } from '../../engine/hunt/compile';
import { validateHunt } from '../../engine/hunt/validate';
import type { HuntEvent, ParticipantResult } from '../../engine/log/types';
import { ParticipantTable } from '../../engine/replay/participants';
import { parseStoredJson } from '../../engine/state/participant-state';
import { participantResult, rotationOrders, stepBreakdown, type ParticipantState, type RotationOrder, type StepBreakdown } from '../../engine/rules';
import type { Db } from '../../db/open';
import { DbError } from '../../db/errors';
import { getRun, type RunRow } from '../../db/runs';
import { joinsAppliedBefore } from '../../db/joins';
import { loadHuntVersion } from '../../db/hunts';
import { checkpointAtOrBefore, newestSnapshotsJson } from '../../db/checkpoints';
import { clockAt, countsBetween, getEvent, joinedParticipants, participantEvents, participantsEvents, type StoredEvent } from '../../db/events';

/** Reasons given by the log-level checks: such lines never reached a participant. */
const FRONT_REASONS = new Set(['malformed', 'time-backwards', 'unknown-type']);

export type ParticipantAt = {
  id: string;
  state: ParticipantState;
  result: ParticipantResult;
  steps: StepBreakdown[];
  /** hunt/2: the order P meets each rotation group's steps in (empty without groups). */
  rotations: RotationOrder[];
};

export type RunPoint = {
  run: RunRow;
  seq: number;
  /** The event at seq. */
  event: StoredEvent;
  /** The log clock after seq: the time deadlines are applied up to. */
  clock: number;
  applied: number;
  rejected: number;
  /** Participants that had joined by seq. */
  participants: number;
};

const compiled = new Map<string, CompiledHunt>();

export function compiledHuntOf(db: Db, run: RunRow): CompiledHunt {
  let h = compiled.get(run.huntVersion);
  if (!h) {
    const checked = validateHunt(loadHuntVersion(db, run.huntVersion));
    if (!checked.valid || !checked.hunt) throw new Error(`run ${run.id}: its hunt version ${run.huntVersion} is missing or invalid`);
    h = compileHunt(checked.hunt);
    compiled.set(run.huntVersion, h);
  }
  return h;
}

export function requireRun(db: Db, file: string, runId: number): RunRow {
  const run = getRun(db, runId);
  if (!run) throw new DbError(file, 'unknown-run', `has no run ${runId}`);
  return run;
}

/** Where the run stands at seq: the event, the clock and the counters through it. */
export function runPoint(db: Db, file: string, runId: number, seq: number): RunPoint {
  const run = requireRun(db, file, runId);
  if (!Number.isInteger(seq) || seq < 1 || seq > run.events) {
    throw new RangeError(`run ${runId} has events 1 to ${run.events}; there is no event ${seq}`);
  }
  const event = getEvent(db, runId, seq)!;
  const cp = checkpointAtOrBefore(db, runId, seq);
  const from = cp?.seq ?? 0;
  const tail = countsBetween(db, runId, from, seq);
  const applied = (cp?.applied ?? 0) + tail.applied;
  return {
    run,
    seq,
    event,
    clock: clockAt(db, runId, seq),
    applied,
    rejected: seq - applied,
    participants: (cp?.participants ?? 0) + tail.joins,
  };
}

/**
 * A participant's state as a checkpoint stored it (the participant-state format, or an
 * XState snapshot written before it: engine/state/participant-state.ts reads both). A row
 * that cannot be read fails naming the run, the checkpoint, the participant and the field.
 */
export function storedState(h: CompiledHunt, runId: number, p: string, row: { seq: number; json: string }): ParticipantState {
  try {
    const state = parseStoredJson(h, row.json, p);
    if (state.id !== p) throw new Error(`participant "${p}": the stored state is of participant "${state.id}"`);
    return state;
  } catch (err) {
    throw new Error(`run ${runId}, checkpoint at event ${row.seq}: ${(err as Error).message}`, { cause: err });
  }
}

/** One participant's state as of seq, or null if it had not joined by then. */
export function participantAt(db: Db, file: string, runId: number, seq: number, p: string, clock?: number): ParticipantAt | null {
  return statesAt(db, file, runId, seq, [p], clock)[0];
}

/**
 * The states of some participants as of seq (null for one that had not joined by then),
 * rebuilt together in one table: each from its newest snapshot at or before seq, then its
 * own later events in order (participants are independent, so one participant's events
 * may be applied before another's), then the deadlines up to the clock at seq.
 */
export function statesAt(db: Db, file: string, runId: number, seq: number, ids: readonly string[], clock?: number): (ParticipantAt | null)[] {
  const run = requireRun(db, file, runId);
  if (!Number.isInteger(seq) || seq < 0 || seq > run.events) throw new RangeError(`run ${runId} has events 1 to ${run.events}; there is no event ${seq}`);
  const h = compiledHuntOf(db, run);
  // A participant's newest snapshot at or before the checkpoint is its state there: a
  // checkpoint stores every participant whose state changed since the previous one, so
  // its events between its snapshot and the checkpoint (if any) changed nothing.
  const cpSeq = checkpointAtOrBefore(db, runId, seq)?.seq ?? 0;
  const newest = newestSnapshotsJson(db, runId, ids, cpSeq);
  const table = ParticipantTable.fromStates(h, [...newest].map(([p, x]) => storedState(h, runId, p, x)));
  try {
    // Only some participants are rebuilt here, so a join's J (hunt-v2 §3.6: the joins
    // applied before it in the whole run) is counted from the log, not from the table.
    const joinsBefore = (seqOfJoin: number) => joinsAppliedBefore(db, runId, seqOfJoin);
    const apply = (e: StoredEvent) => {
      if (e.rejection !== null && FRONT_REASONS.has(e.rejection)) return;
      const event = JSON.parse(e.raw) as HuntEvent;
      table.apply(event, h.hasGroups && event.type === 'join' ? joinsBefore(e.seq) : undefined);
    };
    // A page: one scan of the checkpoint's tail (at most K rows) serves every participant on it.
    if (ids.length === 1) participantEvents(db, runId, ids[0], cpSeq, seq).forEach(apply);
    else if (ids.length > 1) participantsEvents(db, runId, ids, cpSeq, seq).forEach(apply);
    table.finalize(clock ?? clockAt(db, runId, seq));
    return ids.map((p) => {
      const state = table.inspect(p);
      return state ? { id: p, state, result: participantResult(h, state), steps: stepBreakdown(h, state), rotations: rotationOrders(h, state) } : null;
    });
  } finally {
    table.dispose();
  }
}

/**
 * A page of participants (sorted by id, code-point order = SQLite's binary order of
 * UTF-8) with their states as of seq, and how many had joined by then. Each state
 * is sought on its own, so a page costs the same whatever the run's size.
 */
export function participantsAt(
  db: Db,
  file: string,
  runId: number,
  seq: number,
  page: { offset?: number; limit?: number } = {},
): { total: number; participants: ParticipantAt[] } {
  const point = runPoint(db, file, runId, seq);
  const ids = joinedParticipants(db, runId, seq, page.limit ?? 50, page.offset ?? 0);
  const participants = statesAt(db, file, runId, seq, ids, point.clock).map((x) => x!);
  return { total: point.participants, participants };
}
