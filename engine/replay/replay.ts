// Single-thread streaming replay (spec §4): lines in, result out. Only participant
// state and the compact rejection list are kept, so memory does not grow with the
// number of lines applied.
import type { CompiledHunt } from '../hunt/compile';
import { hasValidEnvelope, isBlankLine, LogFront } from '../log/front';
import type { ParticipantResult, ReplayResult } from '../log/types';
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
};

/**
 * Feeds lines one at a time. `feed` returns false once a `--until` cut is reached
 * (the first line whose valid t exceeds `until`): every later line either has a
 * larger t or would be `time-backwards`, so nothing after it can be read.
 */
export class LineReplayer {
  readonly front = new LogFront();
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
  }

  feed(text: string): boolean {
    if (this.cut) return false;
    this.lineNumber++;
    if (isBlankLine(text)) return true;
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
        return false;
      }
      return true; // a line with t > until that would not move the clock: not read either
    }
    this.events++;
    const verdict = this.front.acceptValue(value);
    const reason = verdict.ok ? this.table.apply(verdict.event) : verdict.reason;
    if (reason === null) this.applied++;
    else this.rejections.add(this.lineNumber, reason);
    return true;
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

export async function replayToOutcome(h: CompiledHunt, lines: ReplayLines, opts: ReplayOptions = {}): Promise<ReplayOutcome> {
  const replayer = new LineReplayer(h, opts.until);
  const every = opts.progressEvery ?? 100_000;
  // Returns false to stop reading (a --until cut).
  const take = (line: string): boolean => {
    if (!replayer.feed(line)) return false;
    if (replayer.lineNumber % every === 0) {
      opts.signal?.throwIfAborted();
      opts.onProgress?.(replayer.lineNumber);
    }
    return true;
  };
  opts.signal?.throwIfAborted();
  if (Symbol.asyncIterator in lines) {
    reading: for await (const item of lines) {
      if (typeof item === 'string') {
        if (!take(item)) break;
      } else {
        for (const line of item) if (!take(line)) break reading;
      }
    }
  } else {
    // A plain array or generator: no promise per line.
    for (const line of lines) if (!take(line)) break;
  }
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
