// A chunk of log lines as UTF-8 bytes back to back with their offsets (the text of a
// LineBatch, engine/batch/lineBatch.ts), written line by line as the generator makes them. Kept as strings until the chunk was complete, the lines of a
// chunk in progress survived the young generation's collections and were promoted, and
// the scavenges copying them were most of the generator thread's work (figures in
// docs/performance.md). Bytes live outside the heap and cross to the main thread
// without a copy.
import { eventLine, POSITION_LINE_MAX_BYTES, writePositionLine } from '../../engine/sim/event-line';
import type { PositionEvent } from '../../engine/log/types';

export class ChunkText {
  private buf: Buffer;
  private length = 0;
  private lines = 0;
  /** lines + 1 entries used: line i is buf[ends[i], ends[i + 1]). */
  private ends: Uint32Array;

  constructor(initialBytes: number, initialLines = 64) {
    this.buf = Buffer.allocUnsafeSlow(Math.max(16, initialBytes));
    this.ends = new Uint32Array(Math.max(2, initialLines + 1));
  }

  append(line: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    this.reserve(3 * line.length);
    this.length += this.buf.write(line, this.length, 'utf8');
    this.endLine();
  }

  /** Appends the line of a position event, written as bytes without making its string (see writePositionLine). */
  appendPosition(e: PositionEvent, quotedId: string): void {
    this.reserve(POSITION_LINE_MAX_BYTES + quotedId.length);
    const at = writePositionLine(this.buf, this.length, e.t, quotedId, e.lat, e.lon);
    if (at < 0) return this.append(eventLine(e, undefined, quotedId));
    this.length = at;
    this.endLine();
  }

  private endLine(): void {
    if (++this.lines >= this.ends.length) {
      const larger = new Uint32Array(2 * this.ends.length);
      larger.set(this.ends);
      this.ends = larger;
    }
    this.ends[this.lines] = this.length;
  }

  /** Each line's start and the end of the last (lines + 1 entries), over a buffer of their own (transferable). */
  offsets(): Uint32Array {
    return this.ends.subarray(0, this.lines + 1);
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buf.length) return;
    const larger = Buffer.allocUnsafeSlow(2 * this.buf.length + bytes);
    this.buf.copy(larger, 0, 0, this.length);
    this.buf = larger;
  }

  /** The bytes written so far, over a buffer of their own (transferable). */
  bytes(): Uint8Array {
    return new Uint8Array(this.buf.buffer, 0, this.length);
  }
}
