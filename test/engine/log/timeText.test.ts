import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exactMillis, MILLIS_TEXT } from '../../../engine/log/timeText';

const textOf = (ms: number) => `${Math.floor(ms / 1000)}${MILLIS_TEXT[ms % 1000]}`;

describe('the text of a time to the millisecond', () => {
  it('is JSON.stringify\'s text for every whole number of milliseconds below 10^9 s', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 - 1 }), (ms) => {
        const v = ms / 1000;
        expect(exactMillis(v)).toBe(ms);
        expect(textOf(ms)).toBe(JSON.stringify(v));
      }),
      { numRuns: 5000 },
    );
    for (const ms of [0, 1, 10, 100, 999, 1000, 1001, 1010, 1100, 999_999_999_999]) expect(textOf(ms)).toBe(JSON.stringify(ms / 1000));
  });

  it('is refused (-1) for a time between milliseconds, a negative one, 10^9 s and beyond, and NaN; what it accepts is exact', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (v) => {
        const ms = exactMillis(v);
        if (ms < 0) return;
        // Accepted only as what it is: a whole number of milliseconds below 10^9 s.
        expect(Number.isInteger(ms) && ms < 1e12).toBe(true);
        expect(ms / 1000).toBe(v);
      }),
      { numRuns: 5000 },
    );
    for (const v of [0.0005, 1.0001, -0.001, -1, 1e9, 1e9 + 0.5, Infinity, -Infinity, NaN, 5e-324]) expect(exactMillis(v)).toBe(-1);
  });
});
