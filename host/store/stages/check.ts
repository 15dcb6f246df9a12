// Stage 2, check: the log checks of spec §3.10, 1–4 (a JSON object, a valid envelope,
// a known type with its fields, time not going backwards) on each line, in file order,
// with the lines numbered and the non-blank ones given their seq; lines grouped into
// batches (RunBatch) for the runtime. A partial batch goes out when the source
// stalls (the input queue's idle policy), at the end of each item of a live feed, and
// at the end.
import { performance } from 'node:perf_hooks';
import { hasValidEnvelope, isBlankLine, LogFront } from '../../../engine/log/front';
import type { PositionEvent, RejectionReason } from '../../../engine/log/types';
import type { BoundedQueue } from '../../../engine/flow/boundedQueue';
import { RunBatch } from '../runBatch';
import { isLineBatch, typeAt, type LineBatch } from '../../../engine/batch/lineBatch';
import type { LineItem } from './read';

export type LineCheck = {
  envelope: { t: number; p: string; type: string } | null;
  reason: RejectionReason | null;
  /** The line's event when it is a position that passed the checks: its coordinates go with the line, which the shards then need not parse. */
  position: PositionEvent | null;
};

/** The log-level state of a run: the front (checks 1–4), the last seq and line number. */
export class LogChecks {
  readonly front: LogFront;

  constructor(
    huntFormat: string | undefined,
    public seq: number,
    public lineNo: number,
    clock: number,
  ) {
    this.front = new LogFront(huntFormat);
    this.front.clock = clock;
  }

  /** Checks 1–4 of one line; the envelope when it has a valid one (also for a line rejected later). */
  check(text: string): LineCheck {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    const verdict = this.front.acceptValue(value);
    const envelope = hasValidEnvelope(value) ? value : null;
    // The event itself is not kept: its line goes on as bytes, parsed once more in its
    // worker, unless it is a position (the coordinates go with it).
    const position = verdict.ok && verdict.event.type === 'position' ? verdict.event : null;
    return { envelope, reason: verdict.ok ? null : verdict.reason, position };
  }

  /** An empty batch starting after the last seq. */
  batch(size: number, measure: boolean): RunBatch {
    return new RunBatch(this.seq + 1, size, measure);
  }

  /**
   * Numbers the source's lines of one item and adds the non-blank ones to `cols`, calling
   * `full` whenever it fills: it returns the next, empty batch, or null to stop reading
   * (then so does this). Lines their source built come with their envelopes: not parsed
   * here (the workers parse them).
   */
  async addItem(item: LineItem, cols: RunBatch, measure: boolean, full: (cols: RunBatch) => Promise<RunBatch | null>): Promise<RunBatch | null> {
    if (isLineBatch(item)) return this.addBuilt(item, cols, measure, full);
    const many = typeof item !== 'string';
    const count = many ? item.length : 1;
    for (let k = 0; k < count; k++) {
      const text = many ? item[k] : item;
      this.lineNo++;
      // Almost every line starts with '{': skip the blank-line test for those.
      if (text.charCodeAt(0) !== 0x7b && isBlankLine(text)) continue;
      this.seq++;
      cols.add(this.lineNo, text, this.check(text), measure ? performance.now() : 0);
      if (cols.length === cols.capacity) {
        const next = await full(cols);
        if (!next) return null;
        cols = next;
      }
    }
    return cols;
  }

  /** Lines their source built, with their envelopes (see LineItem): not parsed nor decoded here (the workers parse them). */
  private async addBuilt(item: LineBatch, cols: RunBatch, measure: boolean, full: (cols: RunBatch) => Promise<RunBatch | null>): Promise<RunBatch | null> {
    const ts = item.t;
    for (let k = 0; k < item.length; k++) {
      this.lineNo++;
      this.seq++;
      const t = ts[k];
      const type = typeAt(item, k);
      cols.addEncoded(item, k, this.lineNo, t, this.front.acceptBuilt(t, type!), measure ? performance.now() : 0);
      if (cols.length === cols.capacity) {
        const next = await full(cols);
        if (!next) return null;
        cols = next;
      }
    }
    return cols;
  }
}

export type CheckStageOptions = {
  batchSize: number;
  /** Record each line's read time (latency benchmarks). */
  measure: boolean;
  /** Send a partial batch at the end of every item (a live feed). */
  flushEachItem: boolean;
  signal?: AbortSignal;
  /** After each full batch (`stalled` false) and when the source stalls (true): the pipeline reports progress. */
  report(stalled: boolean): void;
};

/** Reads `input` to its end (or until cancelled); resolves whether the run was cancelled. */
export async function checkStage(input: BoundedQueue<LineItem>, out: BoundedQueue<RunBatch>, checks: LogChecks, opts: CheckStageOptions): Promise<'completed' | 'cancelled'> {
  const { batchSize, measure, signal } = opts;
  const send = async (cols: RunBatch): Promise<void> => {
    cols.clock = checks.front.clock;
    await out.push(cols);
    // The next batch is begun once the runtime stage is done with this one (it waits for
    // room in the workers and behind the commit stage): a batch built ahead would only
    // wait there, a batch's time added to its lines' event-to-commit latency.
    await out.room();
  };
  const full = async (cols: RunBatch): Promise<RunBatch | null> => {
    await send(cols);
    if (signal?.aborted) return null;
    opts.report(false);
    return checks.batch(batchSize, measure);
  };
  let cols = checks.batch(batchSize, measure);
  for (;;) {
    const next = await input.next();
    if (next.kind === 'end') break;
    if (next.kind === 'idle') {
      // The source stalled: what it gave is processed and committed, and reported.
      if (cols.length > 0) {
        await send(cols);
        cols = checks.batch(batchSize, measure);
      }
      opts.report(true);
      continue;
    }
    const more = await checks.addItem(next.item, cols, measure, full);
    if (!more) {
      // Cancelled: stop reading. The read stage's next push is refused and it closes the source.
      input.close();
      out.close();
      return 'cancelled';
    }
    cols = more;
    if (opts.flushEachItem && cols.length > 0) {
      await send(cols);
      cols = checks.batch(batchSize, measure);
    }
  }
  if (cols.length > 0) await send(cols);
  out.close();
  return signal?.aborted ? 'cancelled' : 'completed';
}

/** A line already committed, as the log stores it (a resume feeds these again). */
export type CommittedLine = { seq: number; line: number; raw: string; rejection: string | null };

/**
 * The check stage with the stored log as its source (a resume): committed lines are
 * checked again and batched with their stored verdicts (RunBatch.expected), which
 * the verify stage compares with the replay's instead of writing them.
 */
export async function checkCommitted(rows: Iterable<CommittedLine>, out: BoundedQueue<RunBatch>, checks: LogChecks, batchSize: number): Promise<void> {
  const start = (): RunBatch => {
    const cols = checks.batch(batchSize, false);
    cols.expected = [];
    return cols;
  };
  let cols = start();
  for (const row of rows) {
    if (row.seq !== checks.seq + 1) throw new Error(`the stored log has a gap: seq ${row.seq} after ${checks.seq}`);
    checks.seq = row.seq;
    checks.lineNo = row.line;
    cols.add(row.line, row.raw, checks.check(row.raw), 0);
    cols.expected!.push(row.rejection);
    if (cols.length === cols.capacity) {
      cols.clock = checks.front.clock;
      await out.push(cols);
      cols = start();
    }
  }
  if (cols.length > 0) {
    cols.clock = checks.front.clock;
    await out.push(cols);
  }
  out.close();
}
