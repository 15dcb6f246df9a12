import { describe, expect, it } from 'vitest';
import { ChunkText } from '../../../host/sim/chunk-text';

/** The chunk's lines, each its byte range. */
const chunkLines = (chunk: ChunkText): string[] => {
  const bytes = chunk.bytes();
  const ends = chunk.offsets();
  return Array.from({ length: ends.length - 1 }, (_, i) => Buffer.from(bytes.subarray(ends[i], ends[i + 1])).toString('utf8'));
};
import { eventLine } from '../../../engine/sim/event-line';

describe('ChunkText', () => {
  it('gives back the lines written, in order, growing past its first size', () => {
    const lines = ['{"t":0,"p":"a","type":"join"}', 'é'.repeat(50), '', '名前 and ascii', 'x'.repeat(300), '😀 two units'];
    const chunk = new ChunkText(16);
    for (const l of lines) chunk.append(l);
    const bytes = chunk.bytes();
    expect(bytes.byteLength).toBe(Buffer.byteLength(lines.join('')));
    expect(chunkLines(chunk)).toEqual(lines);
  });

  it('writes position lines as eventLine would, between other lines, growing as needed', () => {
    const chunk = new ChunkText(16);
    const lines: string[] = [];
    for (let i = 0; i < 200; i++) {
      const e = { t: i * 1.5, p: `sim-${i}`, type: 'position' as const, lat: 48.2 + i * 1e-7, lon: -16.37 };
      if (i % 7 === 3) {
        const other = eventLine({ t: e.t, p: e.p, type: 'hint', step: 'é' });
        chunk.append(other);
        lines.push(other);
      }
      const quotedId = JSON.stringify(i % 50 === 0 ? `ü-${i}` : e.p); // non-ASCII ids go the text way
      chunk.appendPosition({ ...e, p: JSON.parse(quotedId) as string }, quotedId);
      lines.push(eventLine({ ...e, p: JSON.parse(quotedId) as string }));
    }
    expect(chunkLines(chunk)).toEqual(lines);
  });

  it('hands over bytes that own their buffer from offset 0, so the buffer can be transferred', () => {
    const chunk = new ChunkText(1024);
    chunk.append('one');
    chunk.append('two');
    const bytes = chunk.bytes();
    expect(bytes.byteOffset).toBe(0);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(bytes, [bytes.buffer]);
    port1.close();
    port2.close();
    expect(bytes.byteLength).toBe(0); // detached: moved, not copied
  });
});
