// One batch of a run's lines on its way through the pipeline's stages (check -> runtime ->
// commit), on the main thread: the LineBatch being built (engine/batch/lineBatch.ts, the
// format the shards and the writer receive) plus what only this thread needs: where the
// batch starts, the log clock after it, read times for latency benchmarks, and on a resume
// the stored verdicts to compare with.
import { LineBatchBuilder, typeAt, VERDICT_APPLIED, VERDICT_PENDING, verdictCode, verdictReason, type LineBatch } from '../../engine/batch/lineBatch';
import type { RejectionReason } from '../../engine/log/types';
import type { LineCheck } from './stages/check';

export class RunBatch {
  private builder: LineBatchBuilder | null;
  private built: LineBatch | null = null;
  /** performance.now() when each line was read (only when latency is measured). */
  readonly readAt: Float64Array | null;
  /** Rows that passed the log checks (pending the participants' verdicts), in order. */
  readonly shardIndex: number[] = [];
  private lastLineNo = 0;
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
    this.builder = new LineBatchBuilder(capacity);
    this.readAt = measure ? new Float64Array(capacity) : null;
  }

  /**
   * Adds a line with what the log checks found: its envelope (none: t NaN, p and type
   * null), the reason, null when it passed (then it goes to the participants), and a
   * position's coordinates.
   */
  add(line: number, raw: string, check: LineCheck, now: number): void {
    if (!this.builder) throw new Error(`run batch at seq ${this.seq0}: lines added after it was handed on`);
    const { envelope: e, reason, position } = check;
    const verdict = reason === null ? VERDICT_PENDING : verdictCode(reason);
    const i = this.builder.add(raw, this.seq0 + this.builder.length, line, e ? e.t : NaN, e ? e.p : null, e ? e.type : null, verdict, position ? position.lat : NaN, position ? position.lon : NaN);
    if (this.readAt) this.readAt[i] = now;
    if (reason === null) this.shardIndex.push(i);
    this.lastLineNo = line;
  }

  /** Adds row `row` of a batch its source built (its bytes copied, not decoded; its participant and type from there); the rest as add(). */
  addEncoded(from: LineBatch, row: number, line: number, t: number, reason: RejectionReason | null, now: number): void {
    if (!this.builder) throw new Error(`run batch at seq ${this.seq0}: lines added after it was handed on`);
    const i = this.builder.addEncoded(from, row, this.seq0 + this.builder.length, line, t, reason === null ? VERDICT_PENDING : verdictCode(reason));
    if (this.readAt) this.readAt[i] = now;
    if (reason === null) this.shardIndex.push(i);
    this.lastLineNo = line;
  }

  get length(): number {
    return this.built ? this.built.length : this.builder!.length;
  }

  /** The batch as the other threads take it (its text encoded on first use; no lines can be added after). */
  get lines(): LineBatch {
    if (!this.built) {
      this.built = this.builder!.finish();
      this.builder = null;
    }
    return this.built;
  }

  /** Sets the participants' verdicts of the rows that went to them (shardIndex order). */
  setVerdicts(rejections: readonly (RejectionReason | null)[]): void {
    const v = this.lines.verdict;
    for (let k = 0; k < rejections.length; k++) v[this.shardIndex[k]] = rejections[k] === null ? VERDICT_APPLIED : verdictCode(rejections[k]);
  }

  /** Each row's verdict (null: applied, or still pending the participants). */
  get rejection(): (RejectionReason | null)[] {
    const v = this.lines.verdict;
    return Array.from(v, (code) => (code === VERDICT_PENDING ? null : verdictReason(code)));
  }

  /** Row i's type name (null without an envelope). */
  typeAt(i: number): string | null {
    return typeAt(this.lines, i);
  }

  get lastSeq(): number {
    return this.seq0 + this.length - 1;
  }

  get lastLine(): number {
    return this.lastLineNo;
  }
}
