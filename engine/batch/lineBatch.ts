// One batch of log lines in flight between threads (check stage or generator -> shards ->
// writer): the lines' UTF-8 bytes back to back with their offsets (the text format of
// textRuns), and one typed column per field the threads need without parsing a line (its
// seq, line number, t, participant, type and verdict, and a position's coordinates, so a
// shard builds a position event, four lines in five, without parsing it). Every part is a typed array, so a
// batch crosses a thread boundary by moving its buffers (transferList), never re-encoded;
// a shard receives a compact copy of its own rows (selectRows), made once. Strings the columns refer to (participant ids, type
// names outside EVENT_TYPES) are one per-batch table, packed as one string plus end
// offsets: a structured clone copies one string, not one per row.
// Neutral ground: engine/runtime (shards) and db/writer both use it, neither owns it.
import { EVENT_TYPES, REJECTION_REASONS, type EventType, type HuntEvent, type RejectionReason } from '../log/types';
import { encodeTexts, textAt, textsAt } from './textRuns';

export type LineBatch = {
  readonly length: number;
  /** UTF-8 of the lines, back to back (no separators). */
  readonly bytes: Uint8Array;
  /** length + 1 entries: line i is bytes[offsets[i], offsets[i + 1]). */
  readonly offsets: Uint32Array;
  /** The line's 1-based position in the run's log. */
  readonly seq: Float64Array;
  /** The line's 1-based line number in its source (blank lines counted). */
  readonly line: Float64Array;
  /** The envelope's t; NaN when the line has no usable envelope. */
  readonly t: Float64Array;
  /** Index into the batch's string table of the participant id; -1 when none. */
  readonly participant: Int32Array;
  /** Type code: < EVENT_TYPES.length the index into EVENT_TYPES, above it a string-table name; -1 when none. */
  readonly type: Int32Array;
  /** VERDICT_APPLIED, VERDICT_PENDING (awaiting the participants), or a rejection's code (verdictCode). */
  readonly verdict: Uint8Array;
  /**
   * A position's lat and lon, as parsing its line gives them, when the row is a position
   * that passed the log checks (see eventsOf); NaN otherwise (never a value of JSON).
   */
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  /** The per-batch string table, packed: entry k is strings.slice(stringEnds[k - 1] ?? 0, stringEnds[k]). */
  readonly strings: string;
  readonly stringEnds: Uint32Array;
};

export const VERDICT_APPLIED = 0;
/** Passed the log checks; the participants' verdict is not known yet. */
export const VERDICT_PENDING = 255;
const TYPE_BASE = EVENT_TYPES.length;
const POSITION = EVENT_TYPES.indexOf('position');
const typeCodes = new Map<string, number>(EVENT_TYPES.map((t, i) => [t, i]));
const reasonCodes = new Map<string, number>(REJECTION_REASONS.map((r, i) => [r, i + 1]));

/** The type code of an event type (its index in EVENT_TYPES). */
export function eventTypeCode(type: EventType): number {
  return typeCodes.get(type)!;
}

export function verdictCode(reason: RejectionReason | null): number {
  if (reason === null) return VERDICT_APPLIED;
  const code = reasonCodes.get(reason);
  if (code === undefined) throw new RangeError(`line batch: unknown rejection reason "${reason}"`);
  return code;
}

/** The rejection a verdict code stands for (null: applied); throws for a pending verdict. */
export function verdictReason(code: number): RejectionReason | null {
  if (code === VERDICT_APPLIED) return null;
  const reason = REJECTION_REASONS[code - 1];
  if (reason === undefined) throw new RangeError(`line batch: verdict code ${code} is ${code === VERDICT_PENDING ? 'still pending' : 'unknown'}`);
  return reason;
}

/** Assembles a batch line by line; `finish()` encodes the text once and hands the batch out. */
export class LineBatchBuilder {
  // The two lists are made at the batch's capacity and cut to its length in finish(): grown
  // by push, their backing stores were reallocated several times a batch.
  /** Each line's text ('' for a row that came encoded: see sources). */
  private readonly texts: string[];
  /** Per row: the batch it was copied from (addEncoded) and its row there; null for text. */
  private readonly sources: (LineBatch | null)[];
  private readonly sourceRows: Int32Array;
  private encodedRows = 0;
  private readonly seqs: Float64Array;
  private readonly lines: Float64Array;
  private readonly ts: Float64Array;
  private readonly participants: Int32Array;
  private readonly types: Int32Array;
  private readonly verdicts: Uint8Array;
  private readonly lats: Float64Array;
  private readonly lons: Float64Array;
  private readonly table = new StringTable();
  /**
   * For rows copied from `remapFrom`: the entry in this batch's string table of each of its
   * entries (-1: not used yet). Its names go in as they are, with no lookup: a name that
   * also comes from another source or as text may have two entries, which no reader minds.
   */
  private remapFrom: LineBatch | null = null;
  private remap = new Int32Array(0);
  private n = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`line batch: capacity must be a whole number ≥ 1 (got ${capacity})`);
    const c = columns(capacity, 0, 1);
    this.seqs = c.seq;
    this.lines = c.line;
    this.ts = c.t;
    this.participants = c.participant;
    this.types = c.type;
    this.verdicts = c.verdict;
    this.lats = c.lat;
    this.lons = c.lon;
    this.sourceRows = c.extra;
    this.texts = new Array<string>(capacity).fill('');
    this.sources = new Array<LineBatch | null>(capacity).fill(null);
  }

  get length(): number {
    return this.n;
  }

  /**
   * Adds a line; `t` NaN, `p` and `type` null when it has no usable envelope; `verdict` a
   * code; `lat` and `lon` its coordinates when it is a position that passed the log checks.
   */
  add(text: string, seq: number, line: number, t: number, p: string | null, type: string | null, verdict: number, lat = NaN, lon = NaN): number {
    const i = this.n;
    if (i === this.capacity) throw new RangeError(`line batch: full (${this.capacity} lines)`);
    this.n++;
    this.texts[i] = text;
    this.seqs[i] = seq;
    this.lines[i] = line;
    this.ts[i] = t;
    this.participants[i] = p === null ? -1 : this.table.index(p);
    this.types[i] = type === null ? -1 : typeCode(type, this.table);
    this.verdicts[i] = verdict;
    this.lats[i] = lat;
    this.lons[i] = lon;
    return i;
  }

  /** Adds row `row` of an encoded batch (a source's) with its participant and type: its bytes are copied as they are, never decoded. */
  addEncoded(from: LineBatch, row: number, seq: number, line: number, t: number, verdict: number): number {
    const i = this.n;
    if (i === this.capacity) throw new RangeError(`line batch: full (${this.capacity} lines)`);
    this.n++;
    this.sources[i] = from;
    this.sourceRows[i] = row;
    this.encodedRows++;
    this.seqs[i] = seq;
    this.lines[i] = line;
    this.ts[i] = t;
    const name = from.participant[row];
    this.participants[i] = name < 0 ? -1 : this.entryOf(from, name);
    const code = from.type[row];
    this.types[i] = code < TYPE_BASE ? code : TYPE_BASE + this.entryOf(from, code - TYPE_BASE);
    this.verdicts[i] = verdict;
    this.lats[i] = from.lat[row];
    this.lons[i] = from.lon[row];
    return i;
  }

  /** This batch's string-table entry for entry k of `from`'s. */
  private entryOf(from: LineBatch, k: number): number {
    if (from !== this.remapFrom) {
      this.remapFrom = from;
      this.remap = new Int32Array(from.stringEnds.length).fill(-1);
    }
    let j = this.remap[k];
    if (j < 0) j = this.remap[k] = this.table.append(stringsOf(from)[k]);
    return j;
  }

  /** Sets the verdict of row i (before finish). */
  setVerdict(i: number, verdict: number): void {
    this.verdicts[i] = verdict;
  }

  /** The batch: the text encoded once; the columns are views of this builder's arrays (do not add after). */
  finish(): LineBatch {
    const n = this.n;
    this.texts.length = n;
    this.sources.length = n;
    const { bytes, offsets } = this.encodedRows === 0 ? encodeTexts(this.texts) : joinEncoded(this.texts, this.sources, this.sourceRows);
    const { strings, stringEnds } = this.table.pack();
    return {
      length: n,
      bytes,
      offsets,
      seq: this.seqs.subarray(0, n),
      line: this.lines.subarray(0, n),
      t: this.ts.subarray(0, n),
      participant: this.participants.subarray(0, n),
      type: this.types.subarray(0, n),
      verdict: this.verdicts.subarray(0, n),
      lat: this.lats.subarray(0, n),
      lon: this.lons.subarray(0, n),
      strings,
      stringEnds,
    };
  }
}

/**
 * A batch from text already encoded (a generator builds its lines as bytes): `offsets` has
 * length + 1 entries; `participant` indexes `names` (the batch's string table as given); `type` is the EVENT_TYPES index. The
 * arrays are taken as they are (not copied); checked (checkLineBatch).
 */
export function lineBatchFromBytes(parts: {
  bytes: Uint8Array;
  offsets: Uint32Array;
  seq: Float64Array;
  line: Float64Array;
  t: Float64Array;
  participant: Int32Array;
  names: readonly string[];
  type: Int32Array;
  verdict: Uint8Array;
  lat: Float64Array;
  lon: Float64Array;
}): LineBatch {
  const { strings, stringEnds } = packStrings(parts.names);
  const { names: _names, ...columns } = parts;
  return checkLineBatch({ ...columns, length: parts.seq.length, strings, stringEnds });
}

/**
 * A batch's columns (and `bytes` bytes of text, and `extra` Int32 columns) as views of ONE
 * ArrayBuffer: a batch crosses threads as one or two buffers, not ten. Each buffer cloned or
 * moved costs an allocation and a garbage-collected backing store on both sides, and the
 * pipeline's batches are small (250 lines by default) and many.
 */
function columns(n: number, bytes: number, extra: number) {
  const f64 = 5 * n * 8;
  const i32 = (2 + extra) * n * 4 + (n + 1) * 4;
  const buf = new ArrayBuffer(f64 + i32 + n + bytes);
  let at = 0;
  const f = () => {
    const a = new Float64Array(buf, at, n);
    at += n * 8;
    return a;
  };
  const i = (len = n) => {
    const a = new Int32Array(buf, at, len);
    at += len * 4;
    return a;
  };
  const seq = f();
  const line = f();
  const t = f();
  const lat = f();
  const lon = f();
  const participant = i();
  const type = i();
  const extraColumn = extra > 0 ? i() : new Int32Array(0);
  const offsets = new Uint32Array(buf, at, n + 1);
  at += (n + 1) * 4;
  const verdict = new Uint8Array(buf, at, n);
  at += n;
  return { seq, line, t, lat, lon, participant, type, extra: extraColumn, offsets, verdict, bytes: new Uint8Array(buf, at, bytes) };
}

/**
 * Lines some of which came encoded (rows of other batches): the text ones encoded one by
 * one, all copied back to back; consecutive rows of one source batch in one copy (no view
 * is made per row: at a simulation's rate, one typed-array view a line cost more than the copy).
 */
function joinEncoded(texts: readonly string[], sources: readonly (LineBatch | null)[], rows: Int32Array): { bytes: Uint8Array; offsets: Uint32Array } {
  const n = texts.length;
  const encoded: (Uint8Array | null)[] = new Array(n).fill(null);
  const offsets = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const src = sources[i];
    const size = src ? src.offsets[rows[i] + 1] - src.offsets[rows[i]] : (encoded[i] = encoder.encode(texts[i])).length;
    offsets[i + 1] = offsets[i] + size;
  }
  const bytes = new Uint8Array(offsets[n]);
  for (let i = 0; i < n; ) {
    const src = sources[i];
    if (!src) {
      bytes.set(encoded[i]!, offsets[i]);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && sources[j] === src && rows[j] === rows[j - 1] + 1) j++;
    bytes.set(src.bytes.subarray(src.offsets[rows[i]], src.offsets[rows[j - 1] + 1]), offsets[i]);
    i = j;
  }
  return { bytes, offsets };
}

const encoder = new TextEncoder();

class StringTable {
  private readonly at = new Map<string, number>();
  private readonly values: string[] = [];

  /** A new entry, without looking for an equal one. */
  append(s: string): number {
    this.values.push(s);
    return this.values.length - 1;
  }

  index(s: string): number {
    let k = this.at.get(s);
    if (k === undefined) {
      k = this.values.length;
      this.values.push(s);
      this.at.set(s, k);
    }
    return k;
  }

  pack(): { strings: string; stringEnds: Uint32Array } {
    return packStrings(this.values);
  }
}

/** A string table's entries as one string plus end offsets. */
function packStrings(values: readonly string[]): { strings: string; stringEnds: Uint32Array } {
  const stringEnds = new Uint32Array(values.length);
  let end = 0;
  for (let k = 0; k < values.length; k++) stringEnds[k] = end += values[k].length;
  return { strings: values.join(''), stringEnds };
}

function typeCode(type: string, table: StringTable): number {
  return typeCodes.get(type) ?? TYPE_BASE + table.index(type);
}

/** The batch's string table, unpacked once per batch object (per thread: a received batch is a new object). */
const unpacked = new WeakMap<LineBatch, string[]>();
function stringsOf(b: LineBatch): string[] {
  let values = unpacked.get(b);
  if (!values) {
    values = new Array<string>(b.stringEnds.length);
    let from = 0;
    for (let k = 0; k < values.length; k++) {
      values[k] = b.strings.slice(from, b.stringEnds[k]);
      from = b.stringEnds[k];
    }
    unpacked.set(b, values);
  }
  return values;
}

/** Row i's participant id, null when it has none. */
export function participantAt(b: LineBatch, i: number): string | null {
  const k = b.participant[i];
  return k < 0 ? null : stringsOf(b)[k];
}

/** Row i's type name, null when it has none. */
export function typeAt(b: LineBatch, i: number): string | null {
  const code = b.type[i];
  if (code < 0) return null;
  return code < TYPE_BASE ? EVENT_TYPES[code] : stringsOf(b)[code - TYPE_BASE];
}

/** Row i's rejection (null: applied); throws while it is pending. */
export function verdictAt(b: LineBatch, i: number): RejectionReason | null {
  return verdictReason(b.verdict[i]);
}

/** Line i's text. */
export function lineText(b: LineBatch, i: number): string {
  return textAt(b, i);
}

/** Every line's text (one decode of the whole batch when it is ASCII: see textsAt). */
export function lineTexts(b: LineBatch): string[] {
  return textsAt(b, 0, b.length);
}

/** Line i parsed: the caller vouches that it passed the log checks (a well-formed event). */
export function parseLine(b: LineBatch, i: number): HuntEvent {
  return JSON.parse(lineText(b, i)) as HuntEvent;
}

/** Every line parsed, each once (see parseLine). */
export function parseLines(b: LineBatch): HuntEvent[] {
  return lineTexts(b).map((text) => JSON.parse(text) as HuntEvent);
}

/**
 * Every row's event, the caller vouching that each passed the log checks: a position from
 * its columns (what parsing its line gives, less any extra field, which no rule reads),
 * any other line parsed, each once. Four events in five of a simulation or a replay are
 * positions, and parsing was a fifth of a shard's time.
 */
export function eventsOf(b: LineBatch): HuntEvent[] {
  const n = b.length;
  const out = new Array<HuntEvent>(n);
  const { lat, lon, t, participant } = b;
  const names = stringsOf(b);
  for (let i = 0; i < n; i++) {
    const x = lat[i];
    // x === x: not NaN, the row's coordinates are in the columns.
    out[i] = x === x ? { t: t[i], p: names[participant[i]], type: 'position', lat: x, lon: lon[i] } : (JSON.parse(textAt(b, i)) as HuntEvent);
  }
  return out;
}

/**
 * A compact copy holding only `rows` (ascending row indexes) of `b`: its own bytes, columns
 * and string table, so it can be moved to a thread while `b` stays (a shard's part of a batch).
 */
export function selectRows(b: LineBatch, rows: ArrayLike<number>): LineBatch {
  const n = rows.length;
  const src = { bytes: b.bytes, offsets: b.offsets, seq: b.seq, line: b.line, t: b.t, participant: b.participant, type: b.type, verdict: b.verdict, lat: b.lat, lon: b.lon };
  const srcOffsets = src.offsets;
  let size = 0;
  for (let k = 0; k < n; k++) {
    const i = rows[k];
    if (!(i >= 0 && i < b.length) || (k > 0 && !(i > rows[k - 1]))) {
      throw new RangeError(`line batch: rows to select must be ascending indexes below ${b.length} (row ${k} is ${i})`);
    }
    size += srcOffsets[i + 1] - srcOffsets[i];
  }
  const { bytes, offsets, seq, line, t, participant, type, verdict, lat, lon } = columns(n, size, 0);
  const from = stringsOf(b);
  // The copy's string table: each entry of b's that its rows use, in order of first use
  // (an index over b's entries: no hashing, and no Map to grow for every shard of every batch).
  const entryOf = new Int32Array(from.length).fill(-1);
  const names: string[] = [];
  const entry = (k: number): number => {
    let j = entryOf[k];
    if (j < 0) {
      j = entryOf[k] = names.length;
      names.push(from[k]);
    }
    return j;
  };
  let at = 0;
  // Runs of consecutive rows are copied at once.
  for (let k = 0; k < n; ) {
    let j = k + 1;
    while (j < n && rows[j] === rows[j - 1] + 1) j++;
    const first = srcOffsets[rows[k]];
    bytes.set(src.bytes.subarray(first, srcOffsets[rows[j - 1] + 1]), at);
    for (; k < j; k++) offsets[k + 1] = at += srcOffsets[rows[k] + 1] - srcOffsets[rows[k]];
  }
  for (let k = 0; k < n; k++) {
    const i = rows[k];
    seq[k] = src.seq[i];
    line[k] = src.line[i];
    t[k] = src.t[i];
    const name = src.participant[i];
    participant[k] = name < 0 ? -1 : entry(name);
    const code = src.type[i];
    type[k] = code < TYPE_BASE ? code : TYPE_BASE + entry(code - TYPE_BASE);
    verdict[k] = src.verdict[i];
    lat[k] = src.lat[i];
    lon[k] = src.lon[i];
  }
  const { strings, stringEnds } = packStrings(names);
  return { length: n, bytes, offsets, seq, line, t, participant, type, verdict, lat, lon, strings, stringEnds };
}

/** Rows from..to-1 as a compact copy (see selectRows). */
export function sliceRows(b: LineBatch, from: number, to = b.length): LineBatch {
  const rows = new Uint32Array(Math.max(0, to - from));
  for (let k = 0; k < rows.length; k++) rows[k] = from + k;
  return selectRows(b, rows);
}

/** Whether a value handed over (e.g. by a line source, beside strings and string arrays) is a LineBatch. */
export function isLineBatch(x: unknown): x is LineBatch {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && (x as LineBatch).bytes instanceof Uint8Array;
}

/** The buffers to move with the batch (each once: columns may share a buffer). The sender must not use the batch after. */
export function transferList(b: LineBatch): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const a of [b.bytes, b.offsets, b.seq, b.line, b.t, b.participant, b.type, b.verdict, b.lat, b.lon, b.stringEnds]) buffers.add(a.buffer as ArrayBuffer);
  return [...buffers];
}

/**
 * Checks that a batch (e.g. one just received) is whole: every column has `length` rows,
 * offsets ascend within the bytes, indexes point into the string table, verdicts are known
 * codes. Throws naming the first field that is wrong; returns the batch.
 */
export function checkLineBatch(b: LineBatch, where = 'line batch'): LineBatch {
  const n = b.length;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${where}: length ${n} is not a count`);
  const columns = { seq: b.seq, line: b.line, t: b.t, participant: b.participant, type: b.type, verdict: b.verdict, lat: b.lat, lon: b.lon } as const;
  for (const [name, column] of Object.entries(columns)) {
    if (column?.length !== n) throw new RangeError(`${where}: column ${name} has ${column?.length} rows, the batch ${n}`);
  }
  if (b.offsets?.length !== n + 1) throw new RangeError(`${where}: offsets has ${b.offsets?.length} entries, ${n + 1} expected (one per line and the end)`);
  // Columns in locals: batches reach here in several object shapes, and a property load per row would be megamorphic.
  const { offsets, participant, type: types, verdict, lat, lon } = b;
  for (let i = 0; i < n; i++) {
    if (offsets[i + 1] < offsets[i]) throw new RangeError(`${where}: offsets[${i + 1}] = ${offsets[i + 1]} is before offsets[${i}] = ${offsets[i]}`);
  }
  if (b.offsets[n] > b.bytes.length) throw new RangeError(`${where}: offsets[${n}] = ${b.offsets[n]} is beyond the ${b.bytes.length} bytes of the batch`);
  const entries = b.stringEnds.length;
  if (entries > 0 && b.stringEnds[entries - 1] !== b.strings.length) {
    throw new RangeError(`${where}: the string table's ends reach ${b.stringEnds[entries - 1]}, its text has ${b.strings.length} characters`);
  }
  for (let i = 0; i < n; i++) {
    const p = participant[i];
    if (p < -1 || p >= entries) throw new RangeError(`${where}: participant[${i}] = ${p} is outside the string table (${entries} entries)`);
    const type = types[i];
    if (type < -1 || type >= TYPE_BASE + entries) throw new RangeError(`${where}: type[${i}] = ${type} is neither a type code nor in the string table`);
    const v = verdict[i];
    if (v !== VERDICT_PENDING && v > REJECTION_REASONS.length) throw new RangeError(`${where}: verdict[${i}] = ${v} is not a verdict code`);
    // Coordinates stand for a position's line (eventsOf): only a position with a participant has them, both.
    if ((lat[i] === lat[i]) !== (lon[i] === lon[i]) || (lat[i] === lat[i] && (type !== POSITION || p < 0))) {
      throw new RangeError(`${where}: row ${i} has coordinates (lat ${lat[i]}, lon ${lon[i]}) but is not a position with a participant, or only one of them`);
    }
  }
  return b;
}

/**
 * Events already parsed (tests, callers that built them) as a batch, every row pending the
 * participants' verdict; each line is the event's JSON text.
 */
export function lineBatchOfEvents(events: readonly { seq: number; line: number; event: HuntEvent }[]): LineBatch {
  const b = new LineBatchBuilder(Math.max(1, events.length));
  for (const { seq, line, event } of events) {
    const position = event.type === 'position';
    b.add(JSON.stringify(event), seq, line, event.t, event.p, event.type, VERDICT_PENDING, position ? event.lat : NaN, position ? event.lon : NaN);
  }
  return b.finish();
}
