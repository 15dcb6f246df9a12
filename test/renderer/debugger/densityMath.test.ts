import { describe, expect, it } from 'vitest';
import { fractionAtSeq, seqAtFraction } from '../../../renderer/debugger/densityMath';

describe('density strip <-> event number', () => {
  const buckets = [10, 0, 30, 60];
  it('maps strip positions to event numbers by cumulative counts', () => {
    expect(seqAtFraction(buckets, 0)).toBe(0);
    expect(seqAtFraction(buckets, 0.25)).toBe(10);
    expect(seqAtFraction(buckets, 0.5)).toBe(10);
    expect(seqAtFraction(buckets, 0.625)).toBe(25);
    expect(seqAtFraction(buckets, 1)).toBe(100);
    expect(seqAtFraction(buckets, 7)).toBe(100);
  });
  it('maps event numbers back to positions', () => {
    expect(fractionAtSeq(buckets, 0)).toBe(0);
    expect(fractionAtSeq(buckets, 10)).toBe(0.25);
    expect(fractionAtSeq(buckets, 25)).toBeCloseTo(0.625);
    expect(fractionAtSeq(buckets, 100)).toBe(1);
    expect(fractionAtSeq(buckets, 1000)).toBe(1);
    expect(fractionAtSeq([], 5)).toBe(0);
  });
});
