import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decimalText, eventLine, POSITION_LINE_MAX_BYTES, roundDegrees, roundTime, writePositionLine } from '../../../engine/sim/event-line';

describe('event lines', () => {
  it('write rounded numbers exactly as JSON.stringify does, and they parse back to the same value', () => {
    fc.assert(
      fc.property(fc.double({ min: -180, max: 180, noNaN: true }), (x) => {
        const v = roundDegrees(x);
        expect(decimalText(v, 7)).toBe(JSON.stringify(v));
        expect(Number(decimalText(v, 7))).toBe(v);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), (x) => {
        const v = roundTime(x);
        expect(decimalText(v, 3)).toBe(JSON.stringify(v));
      }),
      { numRuns: 3000 },
    );
    for (const v of [0, -0, 0.001, 0.1, 1, 10, 100.5, -0.0000001, 48.2082, 16.37, 1234567.891]) expect(decimalText(v, v === 1234567.891 ? 3 : 7)).toBe(JSON.stringify(v));
  });

  it('keeps a fixed key order per type', () => {
    expect(eventLine({ t: 1.5, p: 'a"b', type: 'join' }, 'casual')).toBe('{"t":1.5,"p":"a\\"b","type":"join","profile":"casual"}');
    expect(eventLine({ t: 2, p: 'a', type: 'answer', step: 's', text: 'Ü "x"' })).toBe('{"t":2,"p":"a","type":"answer","step":"s","text":"Ü \\"x\\""}');
    expect(eventLine({ t: 3, p: 'a', type: 'position', lat: -1.5, lon: 0 })).toBe('{"t":3,"p":"a","type":"position","lat":-1.5,"lon":0}');
    expect(eventLine({ t: 4, p: 'a', type: 'scan', step: 's', code: 'C' })).toBe('{"t":4,"p":"a","type":"scan","step":"s","code":"C"}');
    expect(eventLine({ t: 5, p: 'a', type: 'hint', step: 's' })).toBe('{"t":5,"p":"a","type":"hint","step":"s"}');
    expect(eventLine({ t: 6, p: 'a', type: 'quit' })).toBe('{"t":6,"p":"a","type":"quit"}');
  });
});

describe('position lines written as bytes', () => {
  const text = (t: number, quotedId: string, lat: number, lon: number) => {
    const out = new Uint8Array(POSITION_LINE_MAX_BYTES + quotedId.length);
    const end = writePositionLine(out, 0, t, quotedId, lat, lon);
    return end < 0 ? null : Buffer.from(out.subarray(0, end)).toString('utf8');
  };

  it('are the bytes of eventLine, for any rounded time and position', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }), (t, lat, lon) => {
        const e = { t: roundTime(t), p: 'sim-042', type: 'position' as const, lat: roundDegrees(lat), lon: roundDegrees(lon) };
        expect(text(e.t, '"sim-042"', e.lat, e.lon)).toBe(eventLine(e));
      }),
      { numRuns: 5000 },
    );
    for (const [t, lat, lon] of [[0, 0, 0], [0.001, -0.0000001, 1e-7], [1e15, 179.9999999, -180], [123.4, 48.2082, 16.3738], [5e-7, 1e-6, -2.5e-7]]) {
      expect(text(t, '"p"', lat, lon)).toBe(eventLine({ t, p: 'p', type: 'position', lat, lon }));
    }
  });

  it('leave a non-ASCII id to the text path', () => {
    expect(text(1, '"ü"', 0, 0)).toBeNull();
  });
});
