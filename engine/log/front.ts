// The log-level checks 1–4 of spec §3.10 and the log clock: everything about a
// line that does not depend on any participant. Runs once per log, in file order
// (in the scaled-out runtime: on the main thread, before events are sharded).
import { EVENT_TYPES, EVENT_TYPES_V1, type EventType, type HuntEvent, type RejectionReason } from './types';

export type FrontVerdict = { ok: true; event: HuntEvent } | { ok: false; reason: RejectionReason };

const MALFORMED: FrontVerdict = { ok: false, reason: 'malformed' };
const TIME_BACKWARDS: FrontVerdict = { ok: false, reason: 'time-backwards' };
const UNKNOWN_TYPE: FrontVerdict = { ok: false, reason: 'unknown-type' };
const TYPES_V1: ReadonlySet<string> = new Set(EVENT_TYPES_V1);
const TYPES_V2: ReadonlySet<string> = new Set(EVENT_TYPES);

/** A blank line: nothing but JSON whitespace (a CR left over from CRLF included). */
export function isBlankLine(text: string): boolean {
  // Nearly every line starts with its JSON: only one that starts with a control character or
  // a space (or is empty, NaN here) needs the whole test, run once per line of a replay.
  if (text.charCodeAt(0) > 32) return false;
  return /^[ \t\r\n]*$/.test(text);
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Check 1: the envelope every line needs. Exported for `--until`, which must know a line's time. */
export function hasValidEnvelope(v: unknown): v is { t: number; p: string; type: string } & Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  return isFiniteNumber(o.t) && o.t >= 0 && typeof o.p === 'string' && o.p.length > 0 && typeof o.type === 'string';
}

const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/**
 * Check 4: the fields the event's type needs. An optional field (`name` on a join,
 * `points` on a judge, `reason` on an adjust) must keep its rule when present: `null`
 * or a wrong type is malformed, never silently ignored (hunt-v2 §5.8).
 */
function hasTypeFields(type: EventType, o: Record<string, unknown>): boolean {
  switch (type) {
    case 'join':
      return o.name === undefined || typeof o.name === 'string';
    case 'answer':
      return typeof o.step === 'string' && typeof o.text === 'string';
    case 'scan':
      return typeof o.step === 'string' && typeof o.code === 'string';
    case 'hint':
      return typeof o.step === 'string';
    case 'position':
      return isFiniteNumber(o.lat) && isFiniteNumber(o.lon);
    case 'quit':
      return true;
    case 'choose':
      return typeof o.step === 'string' && isInteger(o.choice);
    case 'submit':
      return typeof o.step === 'string' && typeof o.ref === 'string';
    case 'judge':
      return typeof o.step === 'string' && typeof o.accept === 'boolean' && (o.points === undefined || (isInteger(o.points) && o.points >= 0));
    case 'adjust':
      return isInteger(o.points) && (o.reason === undefined || typeof o.reason === 'string');
    case 'extend':
      return isFiniteNumber(o.seconds) && o.seconds > 0;
  }
}

export class LogFront {
  /** The largest t of the lines so far that passed checks 1 and 2; 0 at the start. */
  clock = 0;
  /** Check 3's list: a hunt/1 log knows only v1's types (hunt-v2 intro: the new ones are `unknown-type` there). */
  private readonly knownTypes: ReadonlySet<string>;

  /** `format`: the hunt's format (`"hunt/1"` by default); any other format reads hunt/2 logs. */
  constructor(format = 'hunt/1') {
    this.knownTypes = format === 'hunt/1' ? TYPES_V1 : TYPES_V2;
  }

  /** Checks one line of text. Null for a blank line (skipped, but it still has a line number). */
  acceptLine(text: string): FrontVerdict | null {
    if (isBlankLine(text)) return null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return MALFORMED;
    }
    return this.acceptValue(value);
  }

  /**
   * Checks 2–3 for a line whose source built it and vouches for checks 1 and 4 (a
   * simulation's generator): the same verdict `acceptValue` gives that line's value.
   */
  acceptBuilt(t: number, type: string): RejectionReason | null {
    if (t < this.clock) return 'time-backwards';
    this.clock = t;
    return this.knownTypes.has(type) ? null : 'unknown-type';
  }

  /** The same checks on an already-parsed value. The event returned is that very value (extra fields kept). */
  acceptValue(value: unknown): FrontVerdict {
    if (!hasValidEnvelope(value)) return MALFORMED;
    if (value.t < this.clock) return TIME_BACKWARDS;
    this.clock = value.t;
    if (!this.knownTypes.has(value.type)) return UNKNOWN_TYPE;
    if (!hasTypeFields(value.type as EventType, value)) return MALFORMED;
    return { ok: true, event: value as unknown as HuntEvent };
  }
}
