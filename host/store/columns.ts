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

  constructor(
    readonly seq0: number,
    capacity: number,
    measure: boolean,
  ) {
    this.line = new Float64Array(capacity);
    this.t = new Float64Array(capacity);
    this.readAt = measure ? new Float64Array(capacity) : null;
  }

  /** Adds a line; `event` when it passed the log checks, else the front's reason. */
  add(line: number, raw: string, envelope: { t: number; p: string; type: string } | null, event: HuntEvent | null, reason: RejectionReason | null, now: number): void {
    const i = this.length++;
    this.line[i] = line;
    this.t[i] = envelope ? envelope.t : NaN;
    this.p.push(envelope ? envelope.p : null);
    this.type.push(envelope ? envelope.type : null);
    this.raw.push(raw);
    this.rejection.push(reason);
    if (this.readAt) this.readAt[i] = now;
    if (event) {
      this.shardEvents.push({ seq: this.seq0 + i, line, p: event.p, raw });
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
