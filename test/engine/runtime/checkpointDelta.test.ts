// A checkpoint delta crossing threads as one UTF-8 buffer: every snapshot comes back as written.
import { describe, expect, it } from 'vitest';
import { decodeDelta, deltaTransferables, encodeDelta } from '../../../engine/runtime/checkpointDelta';

describe('checkpoint delta encoding', () => {
  it('gives back every participant and snapshot, whatever the characters', () => {
    const entries = [
      { p: 'a', json: '{"name":"Owls"}' },
      { p: 'ø-team', json: '{"name":"日本 ｐｉａｎｏ 😀","steps":[1.5,-1]}' },
      { p: 'empty', json: '' },
      { p: 'z', json: '{"x":"\\n\\"quoted\\""}' },
    ];
    const delta = encodeDelta(entries);
    expect(decodeDelta(delta)).toEqual(entries);
    expect(decodeDelta(encodeDelta([]))).toEqual([]);
  });

  it('crosses as transferable buffers of its own (never a shared pool)', () => {
    const delta = encodeDelta([{ p: 'a', json: 'x'.repeat(10) }]);
    const [bytes, ends] = deltaTransferables(delta);
    expect(bytes.byteLength).toBe(10);
    expect(ends.byteLength).toBe(4);
    const copy = structuredClone(delta, { transfer: deltaTransferables(delta) });
    expect(decodeDelta(copy)).toEqual([{ p: 'a', json: 'x'.repeat(10) }]);
  });

  it('refuses a delta whose lists disagree', () => {
    expect(() => decodeDelta({ p: ['a', 'b'], bytes: new Uint8Array(0), ends: new Int32Array(1) })).toThrow(/2 participants, 1 snapshots/);
  });
});
