// The one transferable text format (engine/batch/textRuns.ts): strings as UTF-8 bytes back
// to back with their offsets, used by line batches and checkpoint deltas alike.
import { describe, expect, it } from 'vitest';
import { encodeTexts, textAt, textsAt } from '../../../engine/batch/textRuns';

const MIXED = ['{"name":"Owls"}', 'café é', '', '日本 ｐｉａｎｏ', '😀 and 👩‍👩‍👧', '\\n"quoted"'];

describe('text runs', () => {
  it('gives back every text as written, one by one or by range, whatever the characters', () => {
    const runs = encodeTexts(MIXED);
    expect(runs.offsets.length).toBe(MIXED.length + 1);
    expect(runs.offsets[0]).toBe(0);
    expect(runs.bytes.length).toBe(new TextEncoder().encode(MIXED.join('')).length);
    expect(MIXED.map((_, i) => textAt(runs, i))).toEqual(MIXED);
    expect(textsAt(runs, 0, MIXED.length)).toEqual(MIXED);
    expect(textsAt(runs, 2, 5)).toEqual(MIXED.slice(2, 5));
    expect(textsAt(runs, 3, 3)).toEqual([]);
    // Byte offsets, not character offsets: 'é' is two bytes, '日' three, '😀' four.
    expect(runs.offsets[2] - runs.offsets[1]).toBe(8);
  });

  it('reads an ASCII range with one decode and the same result', () => {
    const ascii = ['abc', '', '{"t":1}', 'x'];
    const runs = encodeTexts(ascii);
    expect(runs.bytes.length).toBe(ascii.join('').length);
    expect([...runs.offsets]).toEqual([0, 3, 3, 10, 11]);
    expect(textsAt(runs, 1, 4)).toEqual(ascii.slice(1));
    expect(textAt(runs, 2)).toBe('{"t":1}');
  });

  it('encodes into buffers of their own, exactly their size (movable to a thread)', () => {
    for (const texts of [['x'.repeat(10)], ['é'.repeat(5)], []]) {
      const { bytes, offsets } = encodeTexts(texts);
      expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
      expect(offsets.buffer.byteLength).toBe((texts.length + 1) * 4);
      expect(bytes.buffer).not.toBe(offsets.buffer);
    }
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(() => textAt({ bytes: new Uint8Array([0xff, 0xfe]), offsets: new Uint32Array([0, 2]) }, 0)).toThrow(TypeError);
  });
});
