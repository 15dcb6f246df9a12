// Rejected lines kept compactly (a line number and a reason code, 5 bytes each in
// typed arrays) so a log with millions of rejections stays small in memory.
import { REJECTION_REASONS, type Rejection, type RejectionReason } from '../log/types';

const REASON_CODE = new Map<RejectionReason, number>(REJECTION_REASONS.map((r, i) => [r, i]));

export class RejectionList {
  private lines = new Float64Array(1024);
  private reasons = new Uint8Array(1024);
  length = 0;

  add(line: number, reason: RejectionReason): void {
    if (this.length === this.lines.length) {
      const lines = new Float64Array(this.length * 2);
      lines.set(this.lines);
      this.lines = lines;
      const reasons = new Uint8Array(this.length * 2);
      reasons.set(this.reasons);
      this.reasons = reasons;
    }
    this.lines[this.length] = line;
    this.reasons[this.length] = REASON_CODE.get(reason)!;
    this.length++;
  }

  lineAt(k: number): number {
    return this.lines[k];
  }

  reasonAt(k: number): RejectionReason {
    return REJECTION_REASONS[this.reasons[k]];
  }

  toArray(): Rejection[] {
    const out: Rejection[] = new Array(this.length);
    for (let k = 0; k < this.length; k++) out[k] = { line: this.lines[k], reason: this.reasonAt(k) };
    return out;
  }

  /** Line numbers by reason, each list in line order, reasons in the spec's order. */
  byReason(): Map<RejectionReason, number[]> {
    const groups = new Map<RejectionReason, number[]>();
    for (const r of REJECTION_REASONS) groups.set(r, []);
    for (let k = 0; k < this.length; k++) groups.get(this.reasonAt(k))!.push(this.lines[k]);
    for (const [r, lines] of groups) if (lines.length === 0) groups.delete(r);
    return groups;
  }
}
