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
    const [bytes, offsets] = deltaTransferables(delta);
    expect(bytes.byteLength).toBe(10);
    expect(offsets.byteLength).toBe(8); // one offset per snapshot and the end
    const copy = structuredClone(delta, { transfer: deltaTransferables(delta) });
    expect(decodeDelta(copy)).toEqual([{ p: 'a', json: 'x'.repeat(10) }]);
  });

  it('refuses a delta whose lists disagree', () => {
    expect(() => decodeDelta({ p: ['a', 'b'], bytes: new Uint8Array(0), offsets: new Uint32Array(2) })).toThrow(/2 participants, 1 snapshots/);
  });

  it('round-trips non-ASCII ids and JSON, whole, per slice and after crossing to a thread', () => {
    const entries = [
      { p: 'é', json: '{"name":"Café crème","answer":"é"}' },
      { p: '日本-team', json: '{"name":"日本","steps":["東京","京都"]}' },
      { p: '😀', json: '{"name":"😀 👩‍👩‍👧","score":3}' },
      { p: 'plain', json: '{"name":"Owls"}' },
    ];
    const delta = encodeDelta(entries);
    expect(delta.bytes.byteLength).toBe(new TextEncoder().encode(entries.map((e) => e.json).join('')).length);
    expect(decodeDelta(delta)).toEqual(entries);
    // The runtime folds a delta a slice per turn (shardSlot): each slice reads alone.
    expect(decodeDelta(delta, 1, 3)).toEqual(entries.slice(1, 3));
    expect(decodeDelta(delta, 3)).toEqual(entries.slice(3));
    expect(decodeDelta(delta, 2, 2)).toEqual([]);
    const moved = structuredClone(delta, { transfer: deltaTransferables(delta) });
    expect(delta.bytes.byteLength).toBe(0); // moved, not copied
    expect(decodeDelta(moved).map((e) => JSON.parse(e.json) as unknown)).toEqual(entries.map((e) => JSON.parse(e.json) as unknown));
    expect(decodeDelta(moved)).toEqual(entries);
  });
});
