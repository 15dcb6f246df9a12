// The project's own stored form of a participant: what checkpoints hold (docs/storage.md,
// "Participant state format"). It is the engine's ParticipantState (engine/rules/state.ts)
// written field by field through that module's accessors and rebuilt through its
// mutators, so neither XState's internal snapshot JSON nor the in-memory layout of the
// state (three packed numbers a step) is ever what is stored: either may change without
// touching a stored run. Deadlines and the current steps are not stored: the rules
// compute them from these fields and the hunt. Positions are not state either: a position
// either completes a location step (stored as that step done) or changes nothing.
//
// Version 1, one JSON object, keys in this order (optional ones absent when empty):
//   v          1
//   id         participant id
//   name       the join's name, or null
//   status     active | finished | timed_out | quit (also the actor's state value)
//   joinedAt   seconds
//   finishedAt seconds, or null (set only when finished)
//   available  per step: when it became available, -1 while locked
//   done       per step: when it was solved or failed, -1 while not done
//   order      step indices in the order they became done
//   wrong?     { step index: wrong attempts } for the steps with any
//   hints?     { step index: hints taken } for the steps with any
//   failed?    indices of the done steps that failed
//   pending?   hunt/2: indices of the judged steps whose submission awaits judgement
//   joinIndex? adjusted? extendedSec? accepted?   hunt/2, as in ParticipantState
//
// Steps are indexed as in the run's stored hunt version (a run never changes hunt).
// A checkpoint written before this format (XState's persisted snapshot of the
// participant's actor, schema ≤ 3 code up to c8e75db) is recognised by its `context` and
// converted: `fromStored` reads both.
import type { CompiledHunt } from '../hunt/compile';
import type { ParticipantStatus } from '../log/types';
import { exactMillis, MILLIS_TEXT } from '../log/timeText';
import { addHint, addWrongAttempt, emptyState, inPlace, makeAvailable, markPending, readStep, recordDone, type ParticipantState, type StepRecord } from '../rules/state';

export const PARTICIPANT_STATE_VERSION = 1;

/** The encoder's reused step record (encoding is synchronous, so one is enough). */
const STEP: StepRecord = { availableAt: -1, doneAt: -1, pending: false, failed: false, wrongAttempts: 0, hintsTaken: 0 };

/**
 * The encoder's reused lists (encoding is synchronous and never re-enters, so one set is
 * enough): the text's parts, joined once, and the per-step columns written after
 * `available`. One join gives a flat string; building the text by `+=` left each stored
 * form a tree of some hundred small strings (about 3 KB for a 20-step hunt) that lived as
 * long as its checkpoint, so a shard's young generation copied and promoted them
 * (docs/performance.md, "Issue 16, thirteenth session").
 *
 * The lists are written by index and never emptied: `length = 0` makes V8 drop an
 * array's backing store, so refilling it reallocated it several times for every state,
 * which was most of what a checkpoint allocated (docs/performance.md, "Issue 16,
 * fourteenth session"). The columns are typed arrays with counts, grown with the hunt.
 */
const PARTS: (string | number)[] = [];
/** Parts written for the state being encoded. */
let used = 0;
let DONE = new Float64Array(64);
/** Step indices (failed, pending) and [step index, count] pairs (wrong, hints), with their counts. */
let WRONG = new Int32Array(128);
let HINTS = new Int32Array(128);
let FAILED = new Int32Array(64);
let PENDING_STEPS = new Int32Array(64);

function put(x: string | number): void {
  PARTS[used++] = x;
}

/** Adds a time's JSON text to the parts: whole seconds and milliseconds' text when it is to the millisecond (engine/log/timeText.ts), else the number. */
function putTime(v: number): void {
  const ms = exactMillis(v);
  if (ms < 0) {
    put(v);
    return;
  }
  const sec = Math.floor(ms / 1000);
  put(sec);
  put(MILLIS_TEXT[ms - sec * 1000]);
}

const STATUSES: ReadonlySet<string> = new Set<ParticipantStatus>(['active', 'finished', 'timed_out', 'quit']);

/** A stored participant state that cannot be read: names the participant (when known) and the field. */
export class ParticipantStateError extends Error {
  constructor(
    readonly participant: string | null,
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${participant === null ? 'a participant' : `participant "${participant}"`}: stored state field "${field}" ${detail}`);
    this.name = 'ParticipantStateError';
  }
}

/** The stored form (version 1) of a participant's state, as JSON text. */
export function encodeParticipantState(h: CompiledHunt, s: ParticipantState): string {
  const n = h.steps.length;
  if (DONE.length < n) {
    DONE = new Float64Array(n);
    WRONG = new Int32Array(2 * n);
    HINTS = new Int32Array(2 * n);
    FAILED = new Int32Array(n);
    PENDING_STEPS = new Int32Array(n);
  }
  // One pass over the steps, each read by one readStep call: an array per column through
  // JSON.stringify, with an accessor call per field, took twice as long per row
  // (bench/checkpoint-format.bench.ts).
  const step = STEP;
  let wrong = 0;
  let hints = 0;
  let failed = 0;
  let pending = 0;
  used = 0;
  put(`{"v":${PARTICIPANT_STATE_VERSION},"id":`);
  put(JSON.stringify(s.id));
  put(',"name":');
  put(s.name === null ? 'null' : JSON.stringify(s.name));
  put(',"status":"');
  put(s.status);
  put('","joinedAt":');
  putTime(s.joinedAt);
  put(',"finishedAt":');
  if (s.finishedAt === null) put('null');
  else putTime(s.finishedAt);
  put(',"available":[');
  for (let i = 0; i < n; i++) {
    readStep(h, s, i, step);
    if (i > 0) put(',');
    putTime(step.availableAt);
    DONE[i] = step.doneAt;
    if (step.pending) PENDING_STEPS[pending++] = i;
    else if (step.failed) FAILED[failed++] = i;
    if (step.wrongAttempts > 0) {
      WRONG[wrong++] = i;
      WRONG[wrong++] = step.wrongAttempts;
    }
    if (step.hintsTaken > 0) {
      HINTS[hints++] = i;
      HINTS[hints++] = step.hintsTaken;
    }
  }
  put('],"done":[');
  for (let k = 0; k < n; k++) {
    if (k > 0) put(',');
    putTime(DONE[k]);
  }
  put('],"order":[');
  putList(s.doneOrder, s.doneOrder.length);
  put(']');
  if (wrong > 0) putCounts(',"wrong":{', WRONG, wrong);
  if (hints > 0) putCounts(',"hints":{', HINTS, hints);
  if (failed > 0) {
    put(',"failed":[');
    putList(FAILED, failed);
    put(']');
  }
  if (pending > 0) {
    put(',"pending":[');
    putList(PENDING_STEPS, pending);
    put(']');
  }
  if (s.joinIndex !== undefined) {
    put(',"joinIndex":');
    put(JSON.stringify(s.joinIndex));
  }
  if (s.adjusted !== undefined) {
    put(',"adjusted":');
    put(JSON.stringify(s.adjusted));
  }
  if (s.extendedSec !== undefined) {
    put(',"extendedSec":');
    put(JSON.stringify(s.extendedSec));
  }
  if (s.accepted !== undefined) {
    put(',"accepted":');
    put(JSON.stringify(s.accepted));
  }
  put('}');
  // Shorter than an earlier state: cut to this one's parts (a cut to at least half keeps the store).
  if (PARTS.length > used) PARTS.length = used;
  return PARTS.join('');
}

/** `a,b,c` of the first `count` numbers of a list, as parts. */
function putList(list: ArrayLike<number>, count: number): void {
  for (let k = 0; k < count; k++) {
    if (k > 0) put(',');
    put(list[k]);
  }
}

/** `"i":count,...}` after `head`, from the first `count` entries of pairs [i, count, ...], as parts. */
function putCounts(head: string, pairs: Int32Array, count: number): void {
  put(head);
  for (let k = 0; k < count; k += 2) {
    put(k > 0 ? ',"' : '"');
    put(pairs[k]);
    put('":');
    put(pairs[k + 1]);
  }
  put('}');
}

/**
 * A participant's state from what a checkpoint stored, parsed: the format above (any
 * known version) or an XState persisted snapshot written before it. Throws a
 * ParticipantStateError naming the participant and the field for anything else;
 * `storedAs`: the participant id the state was stored under (named when the state's own
 * id cannot be read).
 */
export function fromStored(h: CompiledHunt, stored: unknown, storedAs?: string): ParticipantState {
  try {
    if (!isObject(stored)) throw new ParticipantStateError(null, '(whole)', `must be a JSON object, got ${describe(stored)}`);
    if ('v' in stored) return decodeV1(h, stored);
    if ('context' in stored) return fromXStateSnapshot(h, stored);
    throw new ParticipantStateError(idOf(stored), 'v', 'is missing (neither a participant state nor an XState snapshot written before it)');
  } catch (err) {
    if (err instanceof ParticipantStateError && err.participant === null && storedAs !== undefined) throw new ParticipantStateError(storedAs, err.field, err.detail);
    throw err;
  }
}

/** `fromStored` of JSON text. */
export function parseStoredJson(h: CompiledHunt, json: string, storedAs?: string): ParticipantState {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new ParticipantStateError(storedAs ?? null, '(whole)', `is not valid JSON (${(err as Error).message})`);
  }
  return fromStored(h, value, storedAs);
}

function decodeV1(h: CompiledHunt, o: Record<string, unknown>): ParticipantState {
  const known = typeof o.id === 'string' ? o.id : null;
  const fail = (field: string, detail: string): never => {
    throw new ParticipantStateError(known, field, detail);
  };
  if (o.v !== PARTICIPANT_STATE_VERSION) {
    fail('v', `is ${describe(o.v)}: this program reads participant-state version ${PARTICIPANT_STATE_VERSION} (a newer program may have written it)`);
  }
  const id = known ?? fail('id', `must be a string, got ${describe(o.id)}`);
  const n = h.steps.length;
  const name = o.name === undefined ? fail('name', 'is missing') : o.name === null || typeof o.name === 'string' ? o.name : fail('name', `must be a string or null, got ${describe(o.name)}`);
  const status = typeof o.status === 'string' && STATUSES.has(o.status) ? (o.status as ParticipantStatus) : fail('status', `must be one of ${[...STATUSES].join(', ')}, got ${describe(o.status)}`);
  const joinedAt = time(o.joinedAt, 'joinedAt', fail);
  const finishedAt = o.finishedAt === null ? null : o.finishedAt === undefined ? fail('finishedAt', 'is missing') : time(o.finishedAt, 'finishedAt', fail);
  if ((status === 'finished') !== (finishedAt !== null)) fail('finishedAt', status === 'finished' ? 'must be set for a finished participant' : `must be null for a participant who is ${status}`);
  const available = stepTimes(o.available, 'available', n, fail);
  const done = stepTimes(o.done, 'done', n, fail);
  const order = indexList(o.order, 'order', n, fail);
  // Rebuilt through the state module's own mutators, in the order the rules apply them.
  const s = emptyState(h, id, name, joinedAt);
  for (let i = 0; i < n; i++) if (available[i] >= 0) makeAvailable(s, i, available[i]);
  for (const [i, w] of stepCounts(o.wrong, 'wrong', n, fail)) for (let k = 0; k < w; k++) addWrongAttempt(h, s, i);
  for (const [i, k] of stepCounts(o.hints, 'hints', n, fail)) {
    if (k > h.steps[i].hintPenalties.length) fail(`hints.${i}`, `is ${k}, more than step ${i}'s ${h.steps[i].hintPenalties.length} hints`);
    for (let j = 0; j < k; j++) addHint(s, i);
  }
  if (o.pending !== undefined) {
    for (const i of indexList(o.pending, 'pending', n, fail)) {
      if (h.steps[i].kind !== 'judged') fail('pending', `lists step ${i}, which is not a judged step`);
      if (available[i] < 0 || done[i] >= 0) fail('pending', `lists step ${i}, which is ${done[i] >= 0 ? 'done' : 'locked'}`);
      markPending(s, i);
    }
  }
  const inOrder = new Uint8Array(n);
  for (const i of order) {
    if (inOrder[i] === 1) fail('order', `lists step ${i} twice`);
    inOrder[i] = 1;
  }
  for (let i = 0; i < n; i++) if ((done[i] >= 0) !== (inOrder[i] === 1)) fail('order', `must list exactly the done steps (step ${i} is ${done[i] >= 0 ? 'done but not listed' : 'listed but not done'})`);
  const failed = new Uint8Array(n);
  if (o.failed !== undefined) {
    for (const i of indexList(o.failed, 'failed', n, fail)) {
      if (inOrder[i] === 0) fail('failed', `lists step ${i}, which is not done`);
      failed[i] = 1;
    }
  }
  for (const i of order) recordDone(s, i, done[i], failed[i] === 1, inPlace);
  s.status = status;
  s.finishedAt = finishedAt;
  if (o.joinIndex !== undefined) s.joinIndex = count(o.joinIndex, 'joinIndex', fail);
  if (o.adjusted !== undefined) s.adjusted = finite(o.adjusted, 'adjusted', fail);
  if (o.extendedSec !== undefined) s.extendedSec = finite(o.extendedSec, 'extendedSec', fail);
  if (o.accepted !== undefined) s.accepted = acceptedPoints(o.accepted, 'accepted', n, fail);
  return s;
}

/**
 * A checkpoint of the code before this format: XState's persisted snapshot of the actor,
 * `{status:"active", value: <status>, historyValue:{}, context:{participant, rejection}, children:{}}`,
 * whose `participant` is the ParticipantState in its in-memory layout of then (which
 * is the layout of now: engine/rules/state.ts keeps v1 states as they were).
 */
function fromXStateSnapshot(h: CompiledHunt, o: Record<string, unknown>): ParticipantState {
  const context = o.context;
  const p = isObject(context) && isObject(context.participant) ? context.participant : null;
  const known = p && typeof p.id === 'string' ? p.id : null;
  const fail = (field: string, detail: string): never => {
    throw new ParticipantStateError(known, `context.participant.${field}`, `(an XState snapshot of the earlier format) ${detail}`);
  };
  if (p === null) throw new ParticipantStateError(null, 'context.participant', '(an XState snapshot of the earlier format) must be an object');
  if (o.status !== 'active') throw new ParticipantStateError(known, 'status', `(an XState snapshot of the earlier format) must be "active" (a running actor), got ${describe(o.status)}`);
  const id = known ?? fail('id', `must be a string, got ${describe(p.id)}`);
  const status = typeof p.status === 'string' && STATUSES.has(p.status) ? (p.status as ParticipantStatus) : fail('status', `must be one of ${[...STATUSES].join(', ')}, got ${describe(p.status)}`);
  if (o.value !== status) throw new ParticipantStateError(id, 'value', `(an XState snapshot of the earlier format) is ${describe(o.value)}, but the participant's status is "${status}"`);
  const name = p.name === null || typeof p.name === 'string' ? p.name : fail('name', `must be a string or null, got ${describe(p.name)}`);
  const joinedAt = time(p.joinedAt, 'joinedAt', fail);
  const finishedAt = p.finishedAt === null ? null : time(p.finishedAt, 'finishedAt', fail);
  const n = h.steps.length;
  const steps = p.steps;
  if (!Array.isArray(steps) || steps.length !== 3 * n || !steps.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    fail('steps', `must be ${3 * n} numbers (3 for each of the hunt's ${n} steps), got ${describe(steps)}`);
  }
  const s: ParticipantState = {
    id,
    name,
    status,
    joinedAt,
    finishedAt,
    steps: (steps as number[]).slice(),
    doneOrder: indexList(p.doneOrder, 'doneOrder', n, fail),
    hintsUsed: count(p.hintsUsed, 'hintsUsed', fail),
  };
  if (p.joinIndex !== undefined) s.joinIndex = count(p.joinIndex, 'joinIndex', fail);
  if (p.adjusted !== undefined) s.adjusted = finite(p.adjusted, 'adjusted', fail);
  if (p.extendedSec !== undefined) s.extendedSec = finite(p.extendedSec, 'extendedSec', fail);
  if (p.accepted !== undefined) s.accepted = acceptedPoints(p.accepted, 'accepted', n, fail);
  return s;
}

type Fail = (field: string, detail: string) => never;

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function idOf(o: Record<string, unknown>): string | null {
  return typeof o.id === 'string' ? o.id : null;
}

function describe(x: unknown): string {
  if (x === undefined) return 'nothing (missing)';
  const json = JSON.stringify(x);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

function finite(x: unknown, field: string, fail: Fail): number {
  return typeof x === 'number' && Number.isFinite(x) ? x : fail(field, `must be a number, got ${describe(x)}`);
}

function time(x: unknown, field: string, fail: Fail): number {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : fail(field, `must be a time in seconds (a number ≥ 0), got ${describe(x)}`);
}

function count(x: unknown, field: string, fail: Fail): number {
  return Number.isInteger(x) && (x as number) >= 0 ? (x as number) : fail(field, `must be a whole number ≥ 0, got ${describe(x)}`);
}

/** n times, each a time ≥ 0 or -1 (none). */
function stepTimes(x: unknown, field: string, n: number, fail: Fail): number[] {
  if (!Array.isArray(x) || x.length !== n) return fail(field, `must be an array of ${n} numbers (one per step of the hunt), got ${describe(x)}`);
  for (let i = 0; i < n; i++) {
    const t: unknown = x[i];
    if (typeof t !== 'number' || !Number.isFinite(t) || (t < 0 && t !== -1)) fail(`${field}[${i}]`, `must be a time ≥ 0 or -1, got ${describe(t)}`);
  }
  return x as number[];
}

function stepIndex(x: unknown, field: string, n: number, fail: Fail): number {
  return Number.isInteger(x) && (x as number) >= 0 && (x as number) < n ? (x as number) : fail(field, `must be a step index from 0 to ${n - 1}, got ${describe(x)}`);
}

function indexList(x: unknown, field: string, n: number, fail: Fail): number[] {
  if (!Array.isArray(x)) return fail(field, `must be an array of step indices, got ${describe(x)}`);
  for (let k = 0; k < x.length; k++) {
    const i: unknown = x[k];
    if (!Number.isInteger(i) || (i as number) < 0 || (i as number) >= n) stepIndex(i, `${field}[${k}]`, n, fail);
  }
  return (x as number[]).slice();
}

/** A sparse { step index: count } map, as [step index, count] pairs (absent: none). */
function stepCounts(x: unknown, field: string, n: number, fail: Fail): [number, number][] {
  if (x === undefined) return [];
  if (!isObject(x)) return fail(field, `must be an object { step index: count }, got ${describe(x)}`);
  return Object.entries(x).map(([k, v]) => [stepIndex(Number(k), `${field}.${k}`, n, fail), count(v, `${field}.${k}`, fail)]);
}

function acceptedPoints(x: unknown, field: string, n: number, fail: Fail): Record<number, number> {
  if (!isObject(x)) return fail(field, `must be an object { step index: points }, got ${describe(x)}`);
  const out: Record<number, number> = {};
  for (const [k, v] of Object.entries(x)) out[stepIndex(Number(k), `${field}.${k}`, n, fail)] = finite(v, `${field}.${k}`, fail);
  return out;
}
