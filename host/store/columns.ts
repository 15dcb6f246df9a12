// One batch of log lines being assembled, in the columnar shape the writer thread takes.
import type { HuntEvent, RejectionReason } from '../../engine/log/types';
import type { ShardEvent } from '../../engine/runtime/types';

export class BatchColumns {
  readonly line: Float64Array;
  readonly t: Float64Array;
  readonly p: (string | null)[] = [];
  readonly type: (string | null)[] = [];
  readonly raw: string[] = [];
  readonly rejection: (RejectionReason | null)[] = [];
  /** Events that passed the log checks, for the runtime, and their index in this batch. */
  readonly shardEvents: ShardEvent[] = [];
  readonly shardIndex: number[] = [];
  /** performance.now() when each line was read (only when latency is measured). */
  readonly readAt: Float64Array | null;
  length = 0;
  /** The log's clock (time of the last line that passed the checks) once the batch is complete. */
  clock = 0;
  /**
   * A resume's committed lines fed again: their stored verdicts, which the replay must
   * give again (checked, not written); null for new lines.
   */
  expected: (string | null)[] | null = null;

  constructor(
    readonly seq0: number,
    readonly capacity: number,
    measure: boolean,
  ) {
    this.line = new Float64Array(capacity);
    this.t = new Float64Array(capacity);
    this.readAt = measure ? new Float64Array(capacity) : null;
  }

  /**
   * Adds a line: its envelope (t NaN, p and type null when it has none) and the front's
   * reason, null when it passed the log checks (then it goes to the participants). `event`,
   * the event parsed from the line if the caller has it, lets a position travel to its
   * worker as numbers instead of a line to parse again.
   */
  add(line: number, raw: string, t: number, p: string | null, type: string | null, reason: RejectionReason | null, now: number, event?: HuntEvent): void {
    const i = this.length++;
    this.line[i] = line;
    this.t[i] = t;
    this.p.push(p);
    this.type.push(type);
    this.raw.push(raw);
    this.rejection.push(reason);
    if (this.readAt) this.readAt[i] = now;
    if (reason === null) {
      // Only positions keep their parsed event (while the batch is in flight): the others travel as lines.
      this.shardEvents.push(event?.type === 'position' ? { seq: this.seq0 + i, line, p: p!, raw, event } : { seq: this.seq0 + i, line, p: p!, raw });
      this.shardIndex.push(i);
    }
  }

  get lastSeq(): number {
    return this.seq0 + this.length - 1;
  }

  get lastLine(): number {
    return this.line[this.length - 1];
  }
}
