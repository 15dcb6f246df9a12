// Single-thread streaming replay (spec §4): lines in, result out. Only participant
// state and the compact rejection list are kept, so memory does not grow with the
// number of lines applied.
import type { CompiledHunt } from '../hunt/compile';
import { hasValidEnvelope, isBlankLine, LogFront } from '../log/front';
import type { HuntEvent, ParticipantResult, RejectionReason, ReplayResult } from '../log/types';
import { ParticipantTable } from './participants';
import { RejectionList } from './rejections';

export type ReplayOptions = {
  /** Read only lines with t ≤ until; the result is taken at time `until` (spec §4 `--until`). */
  until?: number;
  /** Called every `progressEvery` lines read with the number of lines read so far. */
  onProgress?: (linesRead: number) => void;
  progressEvery?: number;
  /** Stops reading when aborted; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
};

/** The replay result with the rejections still in their compact form. */
export type ReplayOutcome = {
  hunt: string;
  events: number;
  applied: number;
  rejections: RejectionList;
  endTime: number;
  participants: ParticipantResult[];
  /**
   * hunt/2: judged steps awaiting judgement at the end, per participant id (only those with
   * any). Not part of the spec §4 result (a pending step is in neither `solved` nor `failed`);
   * the text report shows it. Absent for hunt/1 and for results read back from a store.
   */
  pending?: Map<string, number>;
};

const SKIPPED = Symbol('skipped');
const CUT = Symbol('cut');

/**
 * Feeds lines one at a time. `feed` returns false once a `--until` cut is reached
 * (the first line whose valid t exceeds `until`): every later line either has a
 * larger t or would be `time-backwards`, so nothing after it can be read.
 */
export class LineReplayer {
  readonly front: LogFront;
  readonly table: ParticipantTable;
  readonly rejections = new RejectionList();
  /** Lines seen, blank ones included (the number of the last line fed). */
  lineNumber = 0;
  /** Non-blank lines read. */
  events = 0;
  applied = 0;
  private cut = false;

  constructor(
    private readonly h: CompiledHunt,
    private readonly until?: number,
    table?: ParticipantTable,
  ) {
    this.table = table ?? new ParticipantTable(h);
    this.front = new LogFront(h.hunt.format);
  }

  feed(text: string): boolean {
    const read = this.read(text);
    if (read === CUT) return false;
    if (read === SKIPPED) return true;
    this.record(this.lineNumber, typeof read === 'string' ? read : this.table.apply(read));
    return true;
  }

  /** The same as `feed` on each line in turn. Returns false once a `--until` cut is reached. */
  feedLines(lines: readonly string[]): boolean {
    for (let k = 0; k < lines.length; k++) if (!this.feed(lines[k])) return false;
    return true;
  }

  /** Reads one line: the event it holds, the log check it fails, a line that is not read, or the --until cut. */
  private read(text: string): HuntEvent | RejectionReason | typeof SKIPPED | typeof CUT {
    if (this.cut) return CUT;
    this.lineNumber++;
    if (isBlankLine(text)) return SKIPPED;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined; // not JSON: check 1 rejects it as malformed below
    }
    if (this.until !== undefined && isAfter(value, this.until)) {
      if (hasValidEnvelope(value)) {
        this.cut = true;
        this.lineNumber--;
        return CUT;
      }
      return SKIPPED; // a line with t > until that would not move the clock: not read either
    }
    this.events++;
    const verdict = this.front.acceptValue(value);
    return verdict.ok ? verdict.event : verdict.reason;
  }

  private record(line: number, reason: RejectionReason | null): void {
    if (reason === null) this.applied++;
    else this.rejections.add(line, reason);
  }

  /** Applies the deadlines up to the end time and takes the result. */
  finish(): ReplayOutcome {
    const endTime = this.until ?? this.front.clock;
    this.table.finalize(endTime);
    return {
      hunt: this.h.id,
      events: this.events,
      applied: this.applied,
      rejections: this.rejections,
      endTime,
      participants: this.table.results(),
      ...(this.h.v2 ? { pending: this.table.pendingCounts() } : {}),
    };
  }
}

function isAfter(value: unknown, until: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const t = (value as { t?: unknown }).t;
  return typeof t === 'number' && Number.isFinite(t) && t > until;
}

/**
 * Lines one at a time or, from a streaming reader, in arrays (see splitLineChunks): an
 * array is fed without an await per line.
 */
export type ReplayLines = Iterable<string> | AsyncIterable<string | readonly string[]>;

/**
 * Lines between two looks at the progress callback and the abort signal. Each line is
 * applied as it is read: a parsed line that waited in a block survived young-generation
 * collections for nothing.
 */
export const REPLAY_BLOCK_LINES = 1 << 15;

export async function replayToOutcome(h: CompiledHunt, lines: ReplayLines, opts: ReplayOptions = {}): Promise<ReplayOutcome> {
  const replayer = new LineReplayer(h, opts.until);
  const every = opts.progressEvery ?? 100_000;
  let reported = 0;
  let sinceLook = 0;
  const look = (): void => {
    sinceLook = 0;
    if (Math.floor(replayer.lineNumber / every) > reported) {
      reported = Math.floor(replayer.lineNumber / every);
      opts.signal?.throwIfAborted();
      opts.onProgress?.(replayer.lineNumber);
    }
  };
  // Feeds one line; returns false to stop reading (a --until cut).
  const take = (line: string): boolean => {
    if (!replayer.feed(line)) return false;
    if (++sinceLook === REPLAY_BLOCK_LINES) look();
    return true;
  };
  opts.signal?.throwIfAborted();
  let goOn = true;
  if (Symbol.asyncIterator in lines) {
    reading: for await (const item of lines) {
      if (typeof item === 'string') {
        if (!take(item)) {
          goOn = false;
          break;
        }
      } else {
        for (let k = 0; k < item.length; k++) {
          if (!take(item[k])) {
            goOn = false;
            break reading;
          }
        }
      }
    }
  } else {
    // A plain array or generator: no promise per line.
    for (const line of lines) {
      if (!take(line)) {
        goOn = false;
        break;
      }
    }
  }
  if (goOn && sinceLook > 0) look();
  opts.signal?.throwIfAborted();
  return replayer.finish();
}

export function outcomeToResult(o: ReplayOutcome): ReplayResult {
  return {
    hunt: o.hunt,
    events: o.events,
    applied: o.applied,
    rejected: o.rejections.toArray(),
    endTime: o.endTime,
    participants: o.participants,
  };
}

/** Single-thread streaming replay producing the spec §4 result. */
export async function replayLines(h: CompiledHunt, lines: ReplayLines, opts: ReplayOptions = {}): Promise<ReplayResult> {
  return outcomeToResult(await replayToOutcome(h, lines, opts));
}
