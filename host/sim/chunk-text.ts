// A chunk of log lines as UTF-8 bytes joined with \n, written line by line as the
// generator makes them. Kept as strings until the chunk was complete, the lines of a
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

  constructor(initialBytes: number) {
    this.buf = Buffer.allocUnsafeSlow(Math.max(16, initialBytes));
  }

  append(line: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit; plus the newline.
    this.reserve(3 * line.length + 1);
    if (this.lines++ > 0) this.buf[this.length++] = 0x0a;
    this.length += this.buf.write(line, this.length, 'utf8');
  }

  /** Appends the line of a position event, written as bytes without making its string (see writePositionLine). */
  appendPosition(e: PositionEvent, quotedId: string): void {
    this.reserve(POSITION_LINE_MAX_BYTES + quotedId.length + 1);
    const at = writePositionLine(this.buf, this.length + (this.lines > 0 ? 1 : 0), e.t, quotedId, e.lat, e.lon);
    if (at < 0) return this.append(eventLine(e, undefined, quotedId));
    if (this.lines++ > 0) this.buf[this.length] = 0x0a;
    this.length = at;
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

/** The lines of a chunk's bytes. */
export function chunkLines(bytes: Uint8Array): string[] {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8').split('\n');
}
